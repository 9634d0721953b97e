/**
 * `kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json]` (pkg/cmd/patch): the patch, JSON
 * or YAML, goes to the apiserver as it is, with its Content-Type; the apiserver applies it to the
 * stored object. kubectl reads the object first and prints `patched (no change)` when the answer
 * is the object it read (an update that changes nothing is not written, so it keeps its
 * resourceVersion). `--dry-run=server` asks with `dryRun=All`; `-o yaml|json|name` prints the answer.
 */
import { parse } from 'yaml'
import type { Ctx } from '../../engine/actor.ts'
import { resourceByName } from '../../k8s/resources.ts'
import type { ApiResponse } from '../../messages.ts'
import { canonicalJson } from '../../engine/clone.ts'
import { statusErrorText } from './errors.ts'
import { objectRef } from './manifests.ts'
import { toJson, toYaml } from './print/object-output.ts'
import type { Start } from './commands.ts'
import type { ParsedLine } from './parse.ts'
import { objectPath, parseTargets, send, unknownFlag, type Finish } from './prog.ts'
import type { KubectlState, RunningCommand } from './state.ts'

export interface PatchProg {
  type: 'patch'
  resource: string
  group: string
  name: string
  /** A map for strategic and merge patches; for `json`, whatever was given (the apiserver decodes it). */
  patch: unknown
  patchType: PatchType
  phase: 'get' | 'patch'
  /** The object as read, as canonical JSON. */
  before: string
  output: string
  dryRun: boolean
}

type PatchType = 'strategic' | 'merge' | 'json'

const contentTypes = {
  strategic: 'application/strategic-merge-patch+json',
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
} as const

export function startPatch(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine): Start {
  const bad = unknownFlag(p, 'patch', ['patch', 'p', 'type', 'patch-file', 'filename', 'local', 'output', 'dry-run', 'field-manager', 'subresource', 'record'])
  if (bad) return { ok: false, stderr: bad }
  for (const flag of ['patch-file', 'filename', 'local', 'subresource'])
    if (p.flags[flag] !== undefined) return { ok: false, stderr: `error: kube-anatomy does not simulate "kubectl patch --${flag}" yet\n` }
  const dryRun = p.flags['dry-run'] ?? 'none'
  if (dryRun === 'client' || dryRun === 'true') return { ok: false, stderr: 'error: kube-anatomy does not simulate "kubectl patch --dry-run=client" yet; --dry-run=server asks the apiserver\n' }
  if (dryRun !== 'none' && dryRun !== 'server') return { ok: false, stderr: `error: Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".\n` }
  const output = p.flags.output ?? ''
  if (!['', 'yaml', 'json', 'name'].includes(output)) return { ok: false, stderr: `error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,yaml\n` }
  const type = p.flags.type ?? 'strategic'
  if (!(type in contentTypes)) return { ok: false, stderr: `error: --type must be one of [json merge strategic], not "${type}"\n` }
  const patchType = type as PatchType
  const text = p.flags.patch ?? p.flags.p
  if (text === undefined || text === 'true') return { ok: false, stderr: 'error: must specify --patch or --patch-file containing the contents of the patch\n' }
  let patch: unknown
  try {
    patch = parse(text)
  } catch (e) {
    return { ok: false, stderr: `error: unable to parse "${text}": ${(e as Error).message.split("\n")[0]!.replace(/:$/, "")}\n` }
  }
  // A JSON Patch is a list of operations; kubectl sends it as parsed and the apiserver decodes it.
  if (patchType !== 'json' && (typeof patch !== 'object' || patch === null || Array.isArray(patch))) return { ok: false, stderr: `error: unable to parse "${text}": a patch must be a JSON object\n` }
  const parsed = parseTargets(p.args.slice(1))
  if (!parsed) return { ok: false, stderr: "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n" }
  if (!parsed.ok) return parsed
  const { info, names } = parsed.targets
  if (names.length !== 1) return { ok: false, stderr: names.length ? 'error: kube-anatomy patches one object at a time\n' : 'error: resource(s) were provided, but no name was specified\n' }
  cmd.carry = { type: 'patch', resource: info.resource, group: info.group, name: names[0]!, patch, patchType, phase: 'get', before: '', output, dryRun: dryRun === 'server' } satisfies PatchProg
  send(state, ctx, cmd, 'get', objectPath(info, cmd.namespace, names[0]), 'patch')
  return { ok: true }
}

export function continuePatch(state: KubectlState, ctx: Ctx, cmd: RunningCommand, prog: PatchProg, msg: ApiResponse, finish: Finish): void {
  if (msg.code >= 300) return finish(1, '', statusErrorText(msg.body))
  const info = resourceByName(prog.resource, prog.group)!
  if (prog.phase === 'get') {
    prog.before = canonicalJson(msg.body)
    prog.phase = 'patch'
    send(state, ctx, cmd, 'patch', objectPath(info, cmd.namespace, prog.name), 'patch', {
      query: [...(prog.dryRun ? [['dryRun', 'All'] as [string, string]] : []), ['fieldManager', 'kubectl-patch']],
      body: prog.patch,
      contentType: contentTypes[prog.patchType],
    })
    return
  }
  const ref = objectRef(info, prog.name)
  if (prog.output) return finish(0, prog.output === 'name' ? `${ref}\n` : prog.output === 'yaml' ? toYaml(msg.body) : toJson(msg.body), '')
  const changed = canonicalJson(msg.body) !== prog.before
  finish(0, `${ref} patched${changed ? '' : ' (no change)'}${prog.dryRun ? ' (server dry run)' : ''}\n`, '')
}
