/**
 * `kubectl patch TYPE NAME -p PATCH [--type strategic|merge]` (pkg/cmd/patch): the patch, JSON or
 * YAML, goes to the apiserver as it is, with its Content-Type; the apiserver applies it to the
 * stored object. kubectl reads the object first and prints `patched (no change)` when the answer
 * is the object it read.
 */
import { parse } from 'yaml'
import type { Ctx } from '../../engine/actor.ts'
import { resourceByName } from '../../k8s/resources.ts'
import type { ApiResponse } from '../../messages.ts'
import type { KObject } from '../../protocol.ts'
import { canonicalJson } from '../../engine/clone.ts'
import { statusErrorText } from './errors.ts'
import { objectRef } from './manifests.ts'
import type { ParsedLine } from './parse.ts'
import { objectPath, parseTargets, send, unknownFlag, type Finish } from './prog.ts'
import type { KubectlState, RunningCommand } from './state.ts'

export interface PatchProg {
  type: 'patch'
  resource: string
  group: string
  name: string
  patch: Record<string, unknown>
  json: boolean
  phase: 'get' | 'patch'
  /** The object as read, without the fields every write changes. */
  before: string
}

type Start = { ok: true } | { ok: false; stderr: string }

/** What a write changes even when the patch changes nothing. */
function content(o: KObject): string {
  const { resourceVersion: _rv, managedFields: _mf, ...metadata } = o.metadata as Record<string, unknown>
  return canonicalJson({ ...o, metadata })
}

export function startPatch(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine): Start {
  const bad = unknownFlag(p, 'patch', ['patch', 'p', 'type', 'patch-file', 'filename', 'local', 'output', 'dry-run', 'field-manager', 'subresource', 'record'])
  if (bad) return { ok: false, stderr: bad }
  const type = p.flags.type ?? 'strategic'
  if (type === 'json') return { ok: false, stderr: 'error: kube-anatomy does not simulate "kubectl patch --type=json" yet; use --type=merge or strategic\n' }
  if (type !== 'strategic' && type !== 'merge') return { ok: false, stderr: `error: --type must be one of [json merge strategic], not "${type}"\n` }
  const text = p.flags.patch ?? p.flags.p
  if (text === undefined || text === 'true') return { ok: false, stderr: 'error: must specify --patch or --patch-file containing the contents of the patch\n' }
  let patch: unknown
  try {
    patch = parse(text)
  } catch (e) {
    return { ok: false, stderr: `error: unable to parse "${text}": ${(e as Error).message.split("\n")[0]!.replace(/:$/, "")}\n` }
  }
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return { ok: false, stderr: `error: unable to parse "${text}": a patch must be a JSON object\n` }
  const parsed = parseTargets(p.args.slice(1))
  if (!parsed) return { ok: false, stderr: "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n" }
  if (!parsed.ok) return parsed
  const { info, names } = parsed.targets
  if (names.length !== 1) return { ok: false, stderr: names.length ? 'error: kube-anatomy patches one object at a time\n' : 'error: resource(s) were provided, but no name was specified\n' }
  cmd.carry = { type: 'patch', resource: info.resource, group: info.group, name: names[0]!, patch: patch as Record<string, unknown>, json: type === 'merge', phase: 'get', before: '' } satisfies PatchProg
  send(state, ctx, cmd, 'get', objectPath(info, cmd.namespace, names[0]), 'patch')
  return { ok: true }
}

export function continuePatch(state: KubectlState, ctx: Ctx, cmd: RunningCommand, prog: PatchProg, msg: ApiResponse, finish: Finish): void {
  if (msg.code >= 300) return finish(1, '', statusErrorText(msg.body))
  const info = resourceByName(prog.resource, prog.group)!
  if (prog.phase === 'get') {
    prog.before = content(msg.body as KObject)
    prog.phase = 'patch'
    send(state, ctx, cmd, 'patch', objectPath(info, cmd.namespace, prog.name), 'patch', {
      query: [['fieldManager', 'kubectl-patch']],
      body: prog.patch,
      contentType: prog.json ? 'application/merge-patch+json' : 'application/strategic-merge-patch+json',
    })
    return
  }
  const changed = content(msg.body as KObject) !== prog.before
  finish(0, `${objectRef(info, prog.name)} patched${changed ? '' : ' (no change)'}\n`, '')
}
