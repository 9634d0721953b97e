/**
 * `kubectl delete` by name, by `-l`, or by `-f -`: one DELETE per object with DeleteOptions
 * `propagationPolicy` from `--cascade` (background unless told), printing `<kind>[.group] "<name>"
 * deleted` as each answer comes; with `--wait` (the default) kubectl then waits until every
 * object it deleted is gone (a finalizer or a graceful pod keeps it a while).
 */
import type { Ctx } from '../../engine/actor.ts'
import { resourceByName, type ResourceInfo } from '../../k8s/resources.ts'
import type { ApiResponse, WatchEventMessage } from '../../messages.ts'
import type { KObject } from '../../protocol.ts'
import { statusErrorText } from './errors.ts'
import { readManifests } from './manifests.ts'
import type { ParsedLine } from './parse.ts'
import { cascadePolicy, objectPath, parseTargets, send, unknownFlag, type Finish } from './prog.ts'
import type { KubectlState, RunningCommand } from './state.ts'

interface Target {
  resource: string
  group: string
  namespace: string
  name: string
}

export interface DeleteProg {
  type: 'delete'
  phase: 'list' | 'delete' | 'wait'
  targets: Target[]
  i: number
  policy: string
  grace?: number
  wait: boolean
  /** Objects still being deleted that kubectl waits for. */
  waiting: Target[]
  out: string
  errors: string
  warning: string
  selector?: string
}

const DELETE_FLAGS = ['filename', 'selector', 'all', 'all-namespaces', 'cascade', 'grace-period', 'now', 'force', 'wait', 'timeout', 'ignore-not-found', 'field-selector', 'output', 'dry-run', 'interactive', 'i', 'raw', 'recursive', 'kustomize', 'k']

function kindName(t: Target): string {
  const info = resourceByName(t.resource, t.group)!
  return info.group ? `${info.kind.toLowerCase()}.${info.group}` : info.kind.toLowerCase()
}

export function startDeleteObjects(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine, finish: Finish): { ok: true } | { ok: false; stderr: string } {
  const bad = unknownFlag(p, 'delete', DELETE_FLAGS)
  if (bad) return { ok: false, stderr: bad }
  const cascade = cascadePolicy(p.flags.cascade)
  if (cascade.error) return { ok: false, stderr: cascade.error }
  let grace: number | undefined
  if (p.flags['grace-period'] !== undefined) grace = Number(p.flags['grace-period'])
  if (p.flags.now === 'true') grace = 1
  const prog: DeleteProg = {
    type: 'delete',
    phase: 'delete',
    targets: [],
    i: 0,
    policy: cascade.policy!,
    ...(grace !== undefined && grace >= 0 ? { grace } : {}),
    wait: p.flags.wait !== 'false',
    waiting: [],
    out: '',
    errors: '',
    warning: cascade.warning ?? '',
  }
  const file = p.flags.filename
  if (file && file !== 'true') {
    if (file !== '-') return { ok: false, stderr: `error: the path "${file}" does not exist\n` }
    const read = readManifests(cmd.stdin ?? '', cmd.namespace)
    if (!read.ok) return read
    prog.targets = read.manifests.map((m) => ({ resource: m.info.resource, group: m.info.group, namespace: m.namespace, name: m.name }))
  } else {
    const parsed = parseTargets(p.args.slice(1))
    if (!parsed)
      return { ok: false, stderr: "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n" }
    if (!parsed.ok) return parsed
    const { info, names } = parsed.targets
    const selector = p.flags.selector
    if (names.length === 0 && (!selector || selector === 'true') && p.flags.all !== 'true')
      return { ok: false, stderr: 'error: resource(s) were provided, but no name was specified\n' }
    if (names.length === 0) {
      prog.phase = 'list'
      prog.selector = selector && selector !== 'true' ? selector : ''
      prog.targets = [{ resource: info.resource, group: info.group, namespace: cmd.namespace, name: '' }]
      cmd.carry = prog
      const query: [string, string][] = [['limit', '500']]
      if (prog.selector) query.push(['labelSelector', encodeURIComponent(prog.selector)])
      send(state, ctx, cmd, 'list', objectPath(info, cmd.allNamespaces ? '' : cmd.namespace), 'delete', { query })
      return { ok: true }
    }
    prog.targets = names.map((name) => ({ resource: info.resource, group: info.group, namespace: cmd.namespace, name }))
  }
  cmd.carry = prog
  deleteNext(state, ctx, cmd, prog, finish)
  return { ok: true }
}

function infoOf(t: Target): ResourceInfo {
  return resourceByName(t.resource, t.group)!
}

function deleteNext(state: KubectlState, ctx: Ctx, cmd: RunningCommand, prog: DeleteProg, finish: Finish): void {
  if (prog.i >= prog.targets.length) {
    prog.phase = 'wait'
    waitNext(state, ctx, cmd, prog, finish)
    return
  }
  const t = prog.targets[prog.i]!
  send(state, ctx, cmd, 'delete', objectPath(infoOf(t), t.namespace, t.name), 'delete', {
    body: { kind: 'DeleteOptions', apiVersion: 'v1', ...(prog.grace !== undefined ? { gracePeriodSeconds: prog.grace } : {}), propagationPolicy: prog.policy },
  })
}

function waitNext(state: KubectlState, ctx: Ctx, cmd: RunningCommand, prog: DeleteProg, finish: Finish): void {
  const t = prog.waiting[0]
  if (!t) {
    finish(prog.errors ? 1 : 0, prog.out, prog.warning + prog.errors)
    return
  }
  send(state, ctx, cmd, 'watch', objectPath(infoOf(t), t.namespace), 'delete', {
    query: [['fieldSelector', encodeURIComponent(`metadata.name=${t.name}`)], ['watch', 'true']],
    closeOn: 'DELETED',
  })
}

export function continueDelete(state: KubectlState, ctx: Ctx, cmd: RunningCommand, prog: DeleteProg, msg: ApiResponse, finish: Finish): void {
  if (prog.phase === 'list') {
    const base = prog.targets[0]!
    if (msg.code >= 300) {
      finish(1, '', statusErrorText(msg.body))
      return
    }
    const items = (msg.body as { items?: KObject[] }).items ?? []
    if (items.length === 0) {
      finish(0, '', prog.warning + 'No resources found\n')
      return
    }
    prog.targets = items.map((o) => ({ ...base, namespace: String(o.metadata.namespace ?? ''), name: String(o.metadata.name) }))
    prog.phase = 'delete'
    deleteNext(state, ctx, cmd, prog, finish)
    return
  }
  if (prog.phase === 'delete') {
    const t = prog.targets[prog.i]!
    if (msg.code >= 300) prog.errors += statusErrorText(msg.body)
    else {
      prog.out += `${kindName(t)} "${t.name}" deleted\n`
      const o = msg.body as KObject
      if (prog.wait && o.metadata?.deletionTimestamp) prog.waiting.push(t)
    }
    prog.i++
    deleteNext(state, ctx, cmd, prog, finish)
    return
  }
  // The watch for the first waited object is open (or it is already gone).
  const stream = msg.body as { watchId?: string; gone?: boolean }
  if (stream.gone || !stream.watchId) {
    prog.waiting.shift()
    waitNext(state, ctx, cmd, prog, finish)
  } else state.watches[stream.watchId] = cmd.id
}

export function deleteWatchEvent(state: KubectlState, ctx: Ctx, cmd: RunningCommand, prog: DeleteProg, msg: WatchEventMessage, finish: Finish): void {
  if (msg.type !== 'DELETED') return
  delete state.watches[msg.watchId]
  prog.waiting.shift()
  waitNext(state, ctx, cmd, prog, finish)
}
