/**
 * The commands that change one field of live objects: `scale` (PATCH of the scale subresource),
 * `label`, `annotate`, `set image`, `rollout pause|resume|restart` (GET, then a strategic merge
 * PATCH of what changed), each printing `<kind>[.group]/<name> <what happened>`.
 */
import type { Ctx } from '../../engine/actor.ts'
import { rfc3339 } from '../../k8s/meta.ts'
import { resourceByName, qualifiedResource } from '../../k8s/resources.ts'
import type { ApiResponse } from '../../messages.ts'
import type { KObject } from '../../protocol.ts'
import { statusErrorText } from './errors.ts'
import { objectRef } from './manifests.ts'
import type { ParsedLine } from './parse.ts'
import { objectPath, parseTargets, send, unknownFlag, type Finish } from './prog.ts'
import type { KubectlState, RunningCommand } from './state.ts'

type Json = Record<string, unknown>

export type ModifyOp = 'scale' | 'label' | 'annotate' | 'set-image' | 'pause' | 'resume' | 'restart'

export interface ModifyProg {
  type: 'modify'
  op: ModifyOp
  resource: string
  group: string
  names: string[]
  i: number
  phase: 'get' | 'patch'
  /** label/annotate: key → value ('' with remove); set image: container → image. */
  changes: [string, string | null][]
  overwrite: boolean
  replicas: number
  out: string
  errors: string
}

const SCALABLE = new Set(['deployments', 'replicasets', 'statefulsets', 'replicationcontrollers'])
const PAST: Record<ModifyOp, string> = { scale: 'scaled', label: 'labeled', annotate: 'annotated', 'set-image': 'image updated', pause: 'paused', resume: 'resumed', restart: 'restarted' }

const FLAGS: Record<ModifyOp, string[]> = {
  scale: ['replicas', 'current-replicas', 'resource-version', 'selector', 'all', 'filename', 'timeout', 'output', 'dry-run', 'record'],
  label: ['overwrite', 'all', 'selector', 'filename', 'list', 'local', 'output', 'dry-run', 'resource-version', 'field-manager', 'all-namespaces', 'field-selector'],
  annotate: ['overwrite', 'all', 'selector', 'filename', 'list', 'local', 'output', 'dry-run', 'resource-version', 'field-manager', 'all-namespaces', 'field-selector'],
  'set-image': ['all', 'selector', 'filename', 'local', 'output', 'dry-run', 'field-manager', 'record'],
  pause: ['filename', 'selector', 'output', 'field-manager'],
  resume: ['filename', 'selector', 'output', 'field-manager'],
  restart: ['filename', 'selector', 'output', 'field-manager'],
}

function commandName(op: ModifyOp): string {
  return op === 'set-image' ? 'set image' : ['pause', 'resume', 'restart'].includes(op) ? `rollout ${op}` : op
}

/** `key=value` and `key-` words after the resource and names. */
function splitChanges(words: string[]): { names: string[]; changes: [string, string | null][] } {
  const names: string[] = []
  const changes: [string, string | null][] = []
  for (const w of words) {
    const eq = w.indexOf('=')
    if (eq > 0) changes.push([w.slice(0, eq), w.slice(eq + 1)])
    else if (w.endsWith('-') && w.length > 1) changes.push([w.slice(0, -1), null])
    else names.push(w)
  }
  return { names, changes }
}

export function startModify(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine, op: ModifyOp, args: string[]): { ok: true } | { ok: false; stderr: string } {
  const bad = unknownFlag(p, commandName(op), FLAGS[op])
  if (bad) return { ok: false, stderr: bad }
  const { names: words, changes } = op === 'label' || op === 'annotate' || op === 'set-image' ? splitChanges(args) : { names: args, changes: [] }
  const parsed = parseTargets(words)
  if (!parsed) {
    if (op === 'scale') return { ok: false, stderr: "error: required flag(s) \"replicas\" not set\n" }
    return { ok: false, stderr: `error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n` }
  }
  if (!parsed.ok) return parsed
  const { info, names } = parsed.targets
  if (names.length === 0) return { ok: false, stderr: 'error: resource(s) were provided, but no name was specified\n' }
  let replicas = 0
  if (op === 'scale') {
    const r = p.flags.replicas
    if (r === undefined || r === 'true') return { ok: false, stderr: 'error: required flag(s) "replicas" not set\n' }
    if (!/^\d+$/.test(r)) return { ok: false, stderr: `error: invalid argument "${r}" for "--replicas" flag: strconv.ParseInt: parsing "${r}": invalid syntax\nSee 'kubectl scale --help' for usage.\n` }
    replicas = Number(r)
    if (!SCALABLE.has(info.resource)) return { ok: false, stderr: `error: no objects passed to scale\n` }
  }
  if ((op === 'label' || op === 'annotate') && changes.length === 0)
    return { ok: false, stderr: `error: at least one ${op === 'label' ? 'label' : 'annotation'} update is required\n` }
  if (op === 'set-image' && changes.length === 0) return { ok: false, stderr: 'error: at least one image update is required\n' }
  if (['pause', 'resume', 'restart'].includes(op) && info.resource !== 'deployments' && !(op === 'restart' && ['daemonsets', 'statefulsets'].includes(info.resource)))
    return { ok: false, stderr: `error: ${op === 'restart' ? 'restarting' : op === 'pause' ? 'pausing' : 'resuming'} is not supported\n` }
  const prog: ModifyProg = {
    type: 'modify',
    op,
    resource: info.resource,
    group: info.group,
    names,
    i: 0,
    phase: op === 'scale' ? 'patch' : 'get',
    changes,
    overwrite: p.flags.overwrite === 'true',
    replicas,
    out: '',
    errors: '',
  }
  cmd.carry = prog
  step(state, ctx, cmd, prog)
  return { ok: true }
}

function step(state: KubectlState, ctx: Ctx, cmd: RunningCommand, prog: ModifyProg): void {
  const info = resourceByName(prog.resource, prog.group)!
  const name = prog.names[prog.i]!
  if (prog.op === 'scale')
    send(state, ctx, cmd, 'patch', objectPath(info, cmd.namespace, name, 'scale'), 'modify', { body: { spec: { replicas: prog.replicas } } })
  else send(state, ctx, cmd, 'get', objectPath(info, cmd.namespace, name), 'modify')
}

/** The patch for one live object, or an error line, or null for no change. */
function patchFor(prog: ModifyProg, o: KObject, nowMs: number): { patch: Json | null; error?: string } {
  const info = resourceByName(prog.resource, prog.group)!
  const spec = (o.spec ?? {}) as Json
  switch (prog.op) {
    case 'label':
    case 'annotate': {
      const field = prog.op === 'label' ? 'labels' : 'annotations'
      const current = ((o.metadata as Json)[field] ?? {}) as Record<string, string>
      const change: Json = {}
      for (const [k, v] of prog.changes) {
        if (v === null) {
          if (k in current) change[k] = null
          continue
        }
        if (k in current && current[k] !== v && !prog.overwrite)
          return { patch: null, error: `error: '${k}' already has a value (${current[k]}), and --overwrite is false\n` }
        if (current[k] !== v) change[k] = v
      }
      return { patch: Object.keys(change).length ? { metadata: { [field]: change } } : null }
    }
    case 'set-image': {
      const template = (spec.template ?? {}) as Json
      const podSpec = (template.spec ?? {}) as Json
      const containers = ((podSpec.containers ?? []) as Json[]).map((c) => ({ ...c }))
      let changed = false
      for (const [name, image] of prog.changes) {
        const targets = name === '*' ? containers : containers.filter((c) => c.name === name)
        if (targets.length === 0) return { patch: null, error: `error: unable to find container named "${name}"\n` }
        for (const c of targets)
          if (c.image !== image) {
            c.image = image
            changed = true
          }
      }
      return { patch: changed ? { spec: { template: { spec: { containers } } } } : null }
    }
    case 'pause':
      if (spec.paused) return { patch: null, error: `error: ${qualifiedResource(info)} "${o.metadata.name}" is already paused\n` }
      return { patch: { spec: { paused: true } } }
    case 'resume':
      if (!spec.paused) return { patch: null, error: `error: ${qualifiedResource(info)} "${o.metadata.name}" is not paused\n` }
      return { patch: { spec: { paused: null } } }
    case 'restart':
      if (spec.paused) return { patch: null, error: `error: ${qualifiedResource(info)} "${o.metadata.name}" can't restart paused deployment (run rollout resume first)\n` }
      // kubectl writes time.Now().Format(time.RFC3339) of its own clock: virtual time here.
      return { patch: { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': rfc3339(nowMs) } } } } } }
    case 'scale':
      return { patch: null }
  }
}

export function continueModify(state: KubectlState, ctx: Ctx, cmd: RunningCommand, prog: ModifyProg, msg: ApiResponse, finish: Finish): void {
  const info = resourceByName(prog.resource, prog.group)!
  const name = prog.names[prog.i]!
  let advance = true
  if (msg.code >= 300) prog.errors += statusErrorText(msg.body)
  else if (prog.phase === 'get') {
    const { patch, error } = patchFor(prog, msg.body as KObject, ctx.startTimeMs + ctx.now)
    if (error) prog.errors += error
    else if (patch) {
      prog.phase = 'patch'
      send(state, ctx, cmd, 'patch', objectPath(info, cmd.namespace, name), 'modify', { body: patch })
      advance = false
    } else if (prog.op === 'label' || prog.op === 'annotate') prog.out += `${objectRef(info, name)} not ${PAST[prog.op]}\n`
  } else prog.out += `${objectRef(info, name)} ${PAST[prog.op]}\n`
  if (!advance) return
  prog.i++
  if (prog.i >= prog.names.length) {
    finish(prog.errors ? 1 : 0, prog.out, prog.errors)
    return
  }
  prog.phase = prog.op === 'scale' ? 'patch' : 'get'
  step(state, ctx, cmd, prog)
}
