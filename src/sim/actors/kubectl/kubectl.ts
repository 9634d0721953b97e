/**
 * kubectl, the user's hands. A typed line becomes the requests real kubectl sends; the answer is
 * printed exactly as real kubectl prints it, with its exit code.
 */
import type { ActorDef, Ctx, UserInput } from '../../engine/actor.ts'
import type { ApiResponse, StreamChunk, WatchEventMessage } from '../../messages.ts'
import type { KObject } from '../../protocol.ts'
import { apiRequest, newApiClient, takeResponse } from '../client/api-client.ts'
import { startDelete, startDescribe, startGet, startRun, type Start } from './commands.ts'
import { continueProgram, programWatchEvent, startObjectsCommand } from './objects-commands.ts'
import { statusErrorText } from './errors.ts'
import { continueServiceCommand, startServiceCommand } from './service-commands.ts'
import { continueNodeCommand, nodeCommandTimer, startNodeCommand } from './node-commands.ts'
import { continueExec, execStreamEnded, isExec, startExec } from './cmd-exec.ts'
import { waitTimer, waitTimerName } from './cmd-wait.ts'
import { distance, parseLine, tokenize } from './parse.ts'
import { describePod } from './print/describe-pod.ts'
import { getNodes } from './print/get-nodes.ts'
import { getPods } from './print/get-pods.ts'
import type { Cont, KubectlState, RunningCommand } from './state.ts'
import { hangUpAll, interruptedExitCode, printNow } from './stream.ts'

export function newKubectlState(apiserver: string): KubectlState {
  return { client: newApiClient<Cont>(apiserver), commands: {}, nextCmd: 0, watches: {} }
}

/** kubectl's top-level commands, for "Did you mean this?". */
const KNOWN = [
  'create', 'expose', 'run', 'set', 'explain', 'get', 'edit', 'delete', 'rollout', 'scale', 'autoscale',
  'certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint', 'describe', 'logs', 'attach',
  'exec', 'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events', 'diff', 'apply', 'patch', 'replace', 'wait',
  'kustomize', 'label', 'annotate', 'completion', 'api-resources', 'api-versions', 'config', 'plugin', 'version',
]

function finish(state: KubectlState, ctx: Ctx, cmd: RunningCommand, exitCode: number, stdout: string, stderr: string): void {
  delete state.commands[cmd.id]
  // A command that ends (answered, failed, interrupted) leaves no timer behind.
  ctx.cancelTimer(waitTimerName(cmd.id))
  ctx.observe({
    type: 'kubectl',
    result: {
      atMs: cmd.atMs,
      doneAtMs: ctx.now,
      line: cmd.line,
      exitCode,
      stdout: cmd.stdout + stdout,
      stderr: (cmd.warnings ?? '') + stderr,
      ...(cmd.warnings ? { warnings: cmd.warnings } : {}),
      ...(cmd.requestId !== undefined ? { requestId: cmd.requestId } : {}),
    },
  })
}

function unknownCommand(word: string): string {
  const near = KNOWN.filter((k) => distance(word, k) <= 2 || k.startsWith(word))
  const hint = near.length ? `\n\nDid you mean this?\n${near.map((k) => `\t${k}\n`).join('')}` : '\n'
  return `error: unknown command "${word}" for "kubectl"${hint}`
}

function start(state: KubectlState, ctx: Ctx, cmd: RunningCommand, words: string[]): Start {
  const p = parseLine(words)
  cmd.namespace = p.flags.namespace ?? state.namespace ?? 'default'
  cmd.allNamespaces = p.flags['all-namespaces'] === 'true'
  cmd.output = p.flags.output ?? ''
  const verb = p.args[0]
  const svcCmd = startServiceCommand(state, ctx, cmd, p)
  if (svcCmd) return svcCmd
  const nodeCmd = startNodeCommand(state, ctx, cmd, p)
  if (nodeCmd) return nodeCmd
  const mine = startObjectsCommand(state, ctx, cmd, p, (code, out, err) => finish(state, ctx, cmd, code, out, err))
  if (mine) return mine
  switch (verb) {
    case undefined:
      return { ok: false, stderr: 'error: a kubectl command is required (try "kubectl get pods")\n' }
    case 'run':
      return startRun(state, ctx, cmd, p)
    case 'get':
      return startGet(state, ctx, cmd, p)
    case 'describe':
      return startDescribe(state, ctx, cmd, p)
    case 'delete':
      return startDelete(state, ctx, cmd, p)
    case 'exec':
      return startExec(state, ctx, cmd, p)
    default:
      if (KNOWN.includes(verb)) return { ok: false, stderr: `error: kube-anatomy does not simulate "kubectl ${verb}" yet\n` }
      return { ok: false, stderr: unknownCommand(verb) }
  }
}

/** Ctrl+C: the line stops where it is and hangs up its watches. */
function interrupt(state: KubectlState, ctx: Ctx, requestId: string): void {
  const cmd = Object.values(state.commands).find((c) => c.requestId === requestId)
  if (!cmd) return
  hangUpAll(state, ctx, cmd.id)
  finish(state, ctx, cmd, interruptedExitCode, '', '')
}

function onInput(state: KubectlState, input: UserInput, ctx: Ctx): void {
  if (input.interrupt !== undefined) return interrupt(state, ctx, input.interrupt)
  const id = `cmd-${++state.nextCmd}`
  const cmd: RunningCommand = {
    id,
    atMs: ctx.now,
    line: input.line,
    ...(input.requestId !== undefined ? { requestId: input.requestId } : {}),
    namespace: 'default',
    allNamespaces: false,
    output: '',
    stdout: '',
    resource: '',
    name: '',
    carry: null,
    ...(input.stdin !== undefined ? { stdin: input.stdin } : {}),
  }
  state.commands[id] = cmd
  let words = tokenize(input.line)
  if (words[0] === 'kubectl') words = words.slice(1)
  const started = start(state, ctx, cmd, words)
  if (!started.ok) finish(state, ctx, cmd, 1, '', started.stderr)
}

function nowMs(ctx: Ctx): number {
  return ctx.startTimeMs + ctx.now
}

/**
 * The server's `Warning` headers, printed once each: kubectl's warning handler deduplicates
 * (rest.WarningWriterOptions{Deduplicate: true}), so `get svc,ep` shows Endpoints' notice once.
 */
function noteWarnings(cmd: RunningCommand, msg: ApiResponse): void {
  for (const w of msg.warnings ?? []) {
    const line = `Warning: ${w}\n`
    if (!cmd.warnings?.includes(line)) cmd.warnings = (cmd.warnings ?? '') + line
  }
}

function onResponse(state: KubectlState, msg: ApiResponse, ctx: Ctx): void {
  const cont = takeResponse(state.client, msg)
  const cmd = cont && state.commands[cont.cmd]
  if (!cont || !cmd) {
    // A watch or stream that opened after its command ended (interrupted, timed out): hang it up.
    const body = msg.body as { kind?: string; watchId?: string; streamId?: string } | null
    const watchId = body?.kind === 'WatchStream' ? body.watchId : body?.kind === 'LogStream' || body?.kind === 'ExecStream' ? body.streamId : undefined
    if (cont && watchId) ctx.send(state.client.apiserver, { kind: 'watch.close', watchId })
    return
  }
  noteWarnings(cmd, msg)
  if (cont.step === 'svc') return continueServiceCommand(state, ctx, cmd, msg, (code, out, err) => finish(state, ctx, cmd, code, out, err))
  if (cont.step === 'exec') return continueExec(state, ctx, cmd, msg, (code, out, err) => finish(state, ctx, cmd, code, out, err))
  if (cont.step === 'node') return continueNodeCommand(state, ctx, cmd, msg, (code, out, err) => finish(state, ctx, cmd, code, out, err))
  if (cont.step === 'prog') return continueProgram(state, ctx, cmd, cont, msg, (code, out, err) => finish(state, ctx, cmd, code, out, err))
  const ok = msg.code < 300
  if (!ok && cont.step !== 'delete-wait') {
    finish(state, ctx, cmd, 1, '', statusErrorText(msg.body))
    return
  }
  switch (cont.step) {
    case 'run':
      finish(state, ctx, cmd, 0, `pod/${cmd.name} created\n`, '')
      return
    case 'get-list':
    case 'get-one': {
      const body = msg.body as { items?: KObject[] } & KObject
      const items = cont.step === 'get-list' ? (body.items ?? []) : [body]
      const out =
        cmd.resource === 'pods'
          ? getPods(items, { nowMs: nowMs(ctx), wide: cmd.output === 'wide', allNamespaces: cmd.allNamespaces, namespace: cmd.namespace })
          : getNodes(items, { nowMs: nowMs(ctx), wide: cmd.output === 'wide' })
      finish(state, ctx, cmd, 0, out.stdout, out.stderr)
      return
    }
    case 'describe-pod': {
      const pod = msg.body as KObject
      cmd.carry = pod
      const selector = `involvedObject.name=${pod.metadata.name},involvedObject.namespace=${pod.metadata.namespace},involvedObject.uid=${pod.metadata.uid}`
      apiRequest(state.client, ctx, 'list', `/api/v1/namespaces/${cmd.namespace}/events`, { cmd: cmd.id, step: 'describe-events' }, {
        query: [['fieldSelector', encodeURIComponent(selector)], ['limit', '500']],
      })
      return
    }
    case 'describe-events': {
      const events = (msg.body as { items?: KObject[] }).items ?? []
      finish(state, ctx, cmd, 0, describePod(cmd.carry as KObject, events, { nowMs: nowMs(ctx) }), '')
      return
    }
    case 'delete': {
      const deleted = `pod "${cmd.name}" deleted\n`
      const pod = msg.body as KObject
      const wait = (cmd.carry as { wait: boolean }).wait
      if (!wait || !pod.metadata?.deletionTimestamp) {
        finish(state, ctx, cmd, 0, deleted, '')
        return
      }
      // kubectl prints at once, then waits for the object to be gone (--wait=true).
      cmd.stdout = deleted
      apiRequest(state.client, ctx, 'watch', podsPath(cmd), { cmd: cmd.id, step: 'delete-wait' }, {
        query: [['fieldSelector', encodeURIComponent(`metadata.name=${cmd.name}`)], ['resourceVersion', String(pod.metadata.resourceVersion)], ['watch', 'true']],
        closeOn: 'DELETED',
      })
      return
    }
    case 'delete-wait': {
      const stream = msg.body as { watchId?: string; gone?: boolean }
      if (stream.gone || !stream.watchId) finish(state, ctx, cmd, 0, '', '')
      else state.watches[stream.watchId] = cmd.id
      return
    }
  }
}

function podsPath(cmd: RunningCommand): string {
  return `/api/v1/namespaces/${cmd.namespace}/pods`
}

function onWatchEvent(state: KubectlState, msg: WatchEventMessage, ctx: Ctx): void {
  const cmdId = state.watches[msg.watchId]
  const cmd = cmdId ? state.commands[cmdId] : undefined
  if (cmd && programWatchEvent(state, ctx, cmd, msg, (code, out, err) => finish(state, ctx, cmd, code, out, err))) return
  if (!cmd || msg.type !== 'DELETED') return
  delete state.watches[msg.watchId]
  finish(state, ctx, cmd, 0, '', '')
}

/** More of a followed log: printed as it comes; the end of the stream ends the line (exit 0). */
function onStreamChunk(state: KubectlState, msg: StreamChunk, ctx: Ctx): void {
  const cmd = state.commands[state.watches[msg.streamId] ?? '']
  if (!cmd) return
  if (isExec(cmd)) {
    delete state.watches[msg.streamId]
    return execStreamEnded(cmd, msg, (code, out, err) => finish(state, ctx, cmd, code, out, err))
  }
  if (msg.data) printNow(ctx, cmd, msg.data)
  if (!msg.end) return
  delete state.watches[msg.streamId]
  // The final answer repeats nothing: what was printed is already in cmd.stdout.
  finish(state, ctx, cmd, 0, '', (cmd.carry as { err?: string } | null)?.err ?? '')
}

export const kubectl: ActorDef<KubectlState> = {
  kind: 'kubectl',
  input: onInput,
  receive(state, msg, ctx) {
    if (msg.kind === 'apiserver.response') onResponse(state, msg, ctx)
    else if (msg.kind === 'watch.event') onWatchEvent(state, msg, ctx)
    else if (msg.kind === 'stream.chunk') onStreamChunk(state, msg, ctx)
  },
  timer(state, name, data, ctx) {
    if (waitTimer(state, ctx, name, (cmd) => (code, out, err) => finish(state, ctx, cmd, code, out, err))) return
    nodeCommandTimer(state, ctx, name, data)
  },
}
