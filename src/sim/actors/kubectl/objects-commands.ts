/**
 * The object commands (issue 4): which lines they take over from the first kubectl commands, and
 * where each answer goes. `get`/`describe`/`delete` of a pod or node in the forms the first
 * release printed stay with commands.ts; every other kind and form is served here.
 */
import type { Ctx } from '../../engine/actor.ts'
import { resourceByWord } from '../../k8s/discovery.ts'
import { resourceByName } from '../../k8s/resources.ts'
import type { ApiResponse, WatchEventMessage } from '../../messages.ts'
import { continueApply, startApply, type ApplyProg } from './cmd-apply.ts'
import { continueDelete, deleteWatchEvent, startDeleteObjects, type DeleteProg } from './cmd-delete.ts'
import { continueDescribe, startDescribeObjects, type DescribeProg } from './cmd-describe.ts'
import { continueGet, getWatchEventFor, startGetObjects, type GetProg } from './cmd-get.ts'
import { startCreateSubcommand } from './create-subcommands.ts'
import { continuePatch, startPatch, type PatchProg } from './cmd-patch.ts'
import { continueWait, startWait, waitWatchEvent, type WaitProg } from './cmd-wait.ts'
import { continueInfo, startClusterInfo, startTop, startVersion, type InfoProg } from './cmd-info.ts'
import { continueAuth, startAuth, type AuthProg } from './cmd-auth.ts'
import { startConfig } from './cmd-config.ts'
import { continueApiVersions, startApiVersions, type ApiVersionsProg } from './cmd-api-versions.ts'
import { apiResources, continueSimple, startCreate, startEvents, type SimpleProg } from './cmd-misc.ts'
import { continueModify, startModify, type ModifyProg } from './cmd-modify.ts'
import { continueRollout, rolloutWatchEvent, startRollout, type RolloutProg } from './cmd-rollout.ts'
import type { ParsedLine } from './parse.ts'
import type { Finish } from './prog.ts'
import type { Cont, KubectlState, RunningCommand } from './state.ts'

type Prog = ApplyProg | GetProg | DeleteProg | ModifyProg | RolloutProg | SimpleProg | DescribeProg | InfoProg | AuthProg | ApiVersionsProg | PatchProg | WaitProg
type Start = { ok: true } | { ok: false; stderr: string }

function resourceWord(arg: string | undefined): string {
  return (arg ?? '').split('/')[0]!
}

function isPodOrNode(word: string): 'pods' | 'nodes' | null {
  const info = resourceByWord(word)
  return info?.resource === 'pods' || info?.resource === 'nodes' ? info.resource : null
}

/** The pod and node forms commands.ts already prints. */
function firstReleaseGet(p: ParsedLine): boolean {
  const word = resourceWord(p.args[1])
  if (!['pods', 'pod', 'po', 'nodes', 'node', 'no'].includes(word)) return false
  const names = p.args[1]?.includes('/') ? 1 + p.args.length - 2 : p.args.length - 2
  const plain = Object.keys(p.flags).every((f) => ['namespace', 'all-namespaces', 'output'].includes(f))
  return plain && names <= 1 && ['', 'wide', undefined].includes(p.flags.output)
}

function firstReleaseDelete(p: ParsedLine): boolean {
  const word = resourceWord(p.args[1])
  if (!['pods', 'pod', 'po'].includes(word)) return false
  const names = p.args[1]?.includes('/') ? 1 + p.args.length - 2 : p.args.length - 2
  return names === 1 && Object.keys(p.flags).every((f) => ['namespace', 'grace-period', 'now', 'force', 'wait'].includes(f))
}

export function startObjectsCommand(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine, finish: Finish): Start | undefined {
  switch (p.args[0]) {
    case 'apply':
      return startApply(state, ctx, cmd, p, 'apply', finish)
    case 'replace':
      return startApply(state, ctx, cmd, p, 'replace', finish)
    case 'create':
      if (p.flags.filename || p.args[1] === undefined) return startApply(state, ctx, cmd, p, 'create', finish)
      return startCreateSubcommand(state, ctx, cmd, p, finish) ?? startCreate(state, ctx, cmd, p, finish) ?? createOther(p.args[1])
    case 'get':
      // --raw PATH prints the apiserver's bytes for any URL (health checks among them): not modelled.
      if (p.flags.raw !== undefined) return { ok: false, stderr: 'error: kube-anatomy does not simulate "kubectl get --raw" yet\n' }
      return firstReleaseGet(p) ? undefined : startGetObjects(state, ctx, cmd, p)
    case 'describe': {
      const kind = isPodOrNode(resourceWord(p.args[1]))
      return kind === 'pods' ? undefined : startDescribeObjects(state, ctx, cmd, p)
    }
    case 'delete':
      return firstReleaseDelete(p) ? undefined : startDeleteObjects(state, ctx, cmd, p, finish)
    case 'scale':
      return startModify(state, ctx, cmd, p, 'scale', p.args.slice(1))
    case 'label':
      return startModify(state, ctx, cmd, p, 'label', p.args.slice(1))
    case 'annotate':
      return startModify(state, ctx, cmd, p, 'annotate', p.args.slice(1))
    case 'set':
      if (p.args[1] === 'image') return startModify(state, ctx, cmd, p, 'set-image', p.args.slice(2))
      return undefined
    case 'rollout': {
      const sub = p.args[1]
      if (sub === 'status' || sub === 'history' || sub === 'undo') return startRollout(state, ctx, cmd, p, sub)
      if (sub === 'pause' || sub === 'resume' || sub === 'restart') return startModify(state, ctx, cmd, p, sub, p.args.slice(2))
      if (sub === undefined) return { ok: false, stderr: 'error: Required resource not specified.\n' }
      return { ok: false, stderr: `error: unknown command "${sub}" for "kubectl rollout"\n` }
    }
    case 'events':
      return startEvents(state, ctx, cmd, p)
    case 'patch':
      return startPatch(state, ctx, cmd, p)
    case 'wait':
      return startWait(state, ctx, cmd, p)
    case 'version':
      return startVersion(state, ctx, cmd, p, finish)
    case 'cluster-info':
      return startClusterInfo(state, ctx, cmd, p)
    case 'top':
      return startTop(p)
    case 'auth':
      return startAuth(state, ctx, cmd, p)
    case 'config':
      return startConfig(state, p, finish)
    case 'api-versions':
      return startApiVersions(state, ctx, cmd, p)
    case 'api-resources': {
      const r = apiResources(p)
      if (!r.ok) return { ok: false, stderr: r.stderr }
      finish(0, r.stdout, r.stderr)
      return { ok: true }
    }
  }
  return undefined
}

export function continueProgram(state: KubectlState, ctx: Ctx, cmd: RunningCommand, _cont: Cont, msg: ApiResponse, finish: Finish): void {
  const prog = cmd.carry as Prog
  switch (prog.type) {
    case 'apply':
      return continueApply(state, ctx, cmd, prog, msg, finish)
    case 'get':
      return continueGet(state, ctx, cmd, prog, resourceByName(prog.resource, prog.group)!, msg, finish)
    case 'delete':
      return continueDelete(state, ctx, cmd, prog, msg, finish)
    case 'modify':
      return continueModify(state, ctx, cmd, prog, msg, finish)
    case 'rollout':
      return continueRollout(state, ctx, cmd, prog, msg, finish)
    case 'simple':
      return continueSimple(cmd, prog, msg, ctx.startTimeMs + ctx.now, finish)
    case 'describe':
      return continueDescribe(state, ctx, cmd, prog, msg, finish)
    case 'info':
      return continueInfo(prog, msg, finish)
    case 'auth':
      return continueAuth(prog, msg, finish)
    case 'api-versions':
      return continueApiVersions(state, ctx, cmd, prog, msg, finish)
    case 'patch':
      return continuePatch(state, ctx, cmd, prog, msg, finish)
    case 'wait':
      return continueWait(state, ctx, cmd, prog, msg, finish)
  }
}

/** A watch event for a command of this file; false when the command is not one. */
export function programWatchEvent(state: KubectlState, ctx: Ctx, cmd: RunningCommand, msg: WatchEventMessage, finish: Finish): boolean {
  const prog = cmd.carry as Prog | null
  if (prog?.type === 'wait') {
    waitWatchEvent(state, ctx, cmd, prog, msg, finish)
    return true
  }
  if (prog?.type === 'rollout') {
    rolloutWatchEvent(state, ctx, cmd, prog, msg, finish)
    return true
  }
  if (prog?.type === 'get' && prog.watch) {
    getWatchEventFor(ctx, cmd, prog, msg)
    return true
  }
  if (prog?.type === 'delete') {
    deleteWatchEvent(state, ctx, cmd, prog, msg, finish)
    return true
  }
  return false
}

/** `kubectl create` subcommands of v1.34 and their aliases (kubectl create -h). */
const createSubcommands = ['clusterrole', 'clusterrolebinding', 'configmap', 'cronjob', 'deployment', 'ingress', 'job', 'namespace', 'poddisruptionbudget', 'pdb', 'priorityclass', 'pc', 'quota', 'resourcequota', 'role', 'rolebinding', 'secret', 'service', 'serviceaccount', 'token']

/** A create subcommand kubectl has and the simulation does not; any other word is an argument kubectl refuses. */
function createOther(what: string): Start {
  if (createSubcommands.includes(what)) return { ok: false, stderr: `error: kube-anatomy does not simulate "kubectl create ${what}" yet\n` }
  return { ok: false, stderr: `error: Unexpected args: [${what}]\nSee 'kubectl create -h' for help and examples\n` }
}
