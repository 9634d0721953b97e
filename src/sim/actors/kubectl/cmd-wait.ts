/**
 * `kubectl wait --for=condition=Ready|delete|jsonpath='{…}'=value TYPE/NAME [--timeout=30s]`
 * (pkg/cmd/wait): reads the object, and unless it already satisfies the condition watches it until
 * it does or the timeout (30 s by default) passes. A condition counts only once the status has
 * caught up with the object's generation.
 */
import type { Ctx } from '../../engine/actor.ts'
import { qualifiedResource, resourceByName } from '../../k8s/resources.ts'
import type { ApiResponse, WatchEventMessage } from '../../messages.ts'
import type { KObject } from '../../protocol.ts'
import { statusErrorText } from './errors.ts'
import { objectRef } from './manifests.ts'
import type { Start } from './commands.ts'
import type { ParsedLine } from './parse.ts'
import { executeJsonPath, JsonPathError } from './print/jsonpath.ts'
import { objectPath, parseTargets, send, unknownFlag, type Finish } from './prog.ts'
import type { KubectlState, RunningCommand } from './state.ts'
import { hangUpAll } from './stream.ts'

type Condition = { kind: 'condition'; type: string; value: string } | { kind: 'delete' } | { kind: 'jsonpath'; template: string; value?: string }

export interface WaitProg {
  type: 'wait'
  resource: string
  group: string
  name: string
  for: Condition
  /** The finder's GET, the condition's LIST (fieldSelector metadata.name), then its WATCH. */
  phase: 'get' | 'list' | 'watch'
  /** 0: check once and do not wait. */
  timeoutMs: number
}

/** kubectl wait's --timeout default (pkg/cmd/wait: 30s); a negative one is a week. */
const defaultTimeoutMs = 30_000
const weekMs = 7 * 24 * 3_600_000
const timerPrefix = 'wait:'

/** The timer of a command's --timeout. */
export const waitTimerName = (cmdId: string): string => `${timerPrefix}${cmdId}`

const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** time.ParseDuration, as pflag's Duration parses --timeout; an error line for a bad value. */
function goDuration(text: string): number | { error: string } {
  const bad = (why: string): { error: string } => ({ error: `error: invalid argument "${text}" for "--timeout" flag: time: ${why} "${text}"\nSee 'kubectl wait --help' for usage.\n` })
  const sign = text.startsWith('-') ? -1 : 1
  const body = text.replace(/^[-+]/, '')
  if (body === '0') return 0
  if (!body) return bad('invalid duration')
  const parts = [...body.matchAll(/(\d+(?:\.\d*)?|\.\d+)([a-zµ]*)/g)]
  if (parts.map((p) => p[0]).join('') !== body) return bad('invalid duration')
  let ms = 0
  for (const [, n, unit] of parts) {
    if (!unit) return bad('missing unit in duration')
    if (!(unit! in units)) return { error: `error: invalid argument "${text}" for "--timeout" flag: time: unknown unit "${unit}" in duration "${text}"\nSee 'kubectl wait --help' for usage.\n` }
    ms += Number(n) * units[unit!]!
  }
  return sign * Math.round(ms)
}

function parseFor(text: string | undefined): Condition | { error: string } {
  if (!text || text === 'true') return { error: 'error: --for must be set\n' }
  if (text.toLowerCase() === 'delete') return { kind: 'delete' }
  if (text.startsWith('condition=')) {
    const [type = '', value = 'true'] = text.slice('condition='.length).split('=')
    return { kind: 'condition', type, value }
  }
  if (text.startsWith('jsonpath=')) {
    // splitJSONPathInput: split at a single '=' ('==' stays), then RelaxedJSONPathExpression.
    const parts = text.slice('jsonpath='.length).split(/(?<!=)=(?!=)/)
    if (parts.length > 2 || !parts[0]) return { error: "error: jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'\n" }
    const expr = parts[0].trim()
    const inner = expr.startsWith('{') && expr.endsWith('}') ? expr.slice(1, -1) : expr
    const template = `{${inner.startsWith('.') ? inner : `.${inner}`}}`
    if (parts.length === 1) return { kind: 'jsonpath', template }
    const value = parts[1]!.replace(/^['"]+|['"]+$/g, '')
    if (!value) return { error: "error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3\n" }
    return { kind: 'jsonpath', template, value }
  }
  return { error: `error: unrecognized condition: "${text}"\n` }
}

/** Whether `o` satisfies the condition (wait.go ConditionalWait.checkCondition, JSONPathWait). */
function met(c: Condition, o: KObject): boolean {
  if (c.kind === 'delete') return false
  if (c.kind === 'jsonpath') {
    try {
      const out = executeJsonPath(c.template, o)
      return c.value === undefined ? out !== '' : out === c.value
    } catch (e) {
      if (e instanceof JsonPathError) return false
      throw e
    }
  }
  const status = (o.status ?? {}) as { observedGeneration?: number; conditions?: { type: string; status: string; observedGeneration?: number }[] }
  const cond = status.conditions?.find((x) => x.type.toLowerCase() === c.type.toLowerCase())
  if (!cond) return false
  // getObservedGeneration: the condition's own, else the status's; only counted when present.
  const observed = cond.observedGeneration ?? status.observedGeneration
  if (o.metadata.generation !== undefined && observed !== undefined && observed < o.metadata.generation) return false
  return cond.status.toLowerCase() === c.value.toLowerCase()
}

export function startWait(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine): Start {
  const bad = unknownFlag(p, 'wait', ['for', 'timeout', 'selector', 'all', 'all-namespaces', 'filename', 'field-selector', 'local', 'output', 'recursive', 'kustomize', 'k'])
  if (bad) return { ok: false, stderr: bad }
  for (const flag of ['selector', 'all', 'all-namespaces', 'filename', 'field-selector', 'local', 'output', 'recursive', 'kustomize', 'k'])
    if (p.flags[flag] !== undefined) return { ok: false, stderr: `error: kube-anatomy does not simulate "kubectl wait --${flag}" yet; name one object: kubectl wait --for=… TYPE/NAME\n` }
  const condition = parseFor(p.flags.for)
  if ('error' in condition) return { ok: false, stderr: condition.error }
  const parsed = parseTargets(p.args.slice(1))
  if (!parsed) return { ok: false, stderr: "error: resource(s) were provided, but no name was specified\n" }
  if (!parsed.ok) return parsed
  const { info, names } = parsed.targets
  if (names.length !== 1) return { ok: false, stderr: names.length ? 'error: kube-anatomy waits for one object at a time\n' : 'error: resource(s) were provided, but no name was specified\n' }
  const parsedTimeout = p.flags.timeout === undefined ? defaultTimeoutMs : goDuration(p.flags.timeout)
  if (typeof parsedTimeout !== 'number') return { ok: false, stderr: parsedTimeout.error }
  const timeoutMs = parsedTimeout < 0 ? weekMs : parsedTimeout
  cmd.carry = { type: 'wait', resource: info.resource, group: info.group, name: names[0]!, for: condition, phase: 'get', timeoutMs } satisfies WaitProg
  if (timeoutMs > 0) ctx.setTimer(`${timerPrefix}${cmd.id}`, timeoutMs, { cmd: cmd.id })
  send(state, ctx, cmd, 'get', objectPath(info, cmd.namespace, names[0]), 'wait')
  return { ok: true }
}

function done(state: KubectlState, ctx: Ctx, cmd: RunningCommand, prog: WaitProg, finish: Finish): void {
  ctx.cancelTimer(`${timerPrefix}${cmd.id}`)
  hangUpAll(state, ctx, cmd.id)
  finish(0, `${objectRef(resourceByName(prog.resource, prog.group)!, prog.name)} condition met\n`, '')
}

export function continueWait(state: KubectlState, ctx: Ctx, cmd: RunningCommand, prog: WaitProg, msg: ApiResponse, finish: Finish): void {
  const info = resourceByName(prog.resource, prog.group)!
  if (prog.phase === 'watch') {
    const stream = msg.body as { watchId?: string }
    if (msg.code < 300 && stream.watchId) state.watches[stream.watchId] = cmd.id
    return
  }
  if (prog.phase === 'list') {
    const o = ((msg.body as { items?: KObject[] }).items ?? [])[0]
    if (msg.code < 300 && !o && prog.for.kind !== 'delete') return fail(ctx, cmd, finish, `Error from server (NotFound): ${qualifiedResource(info)} "${prog.name}" not found\n`)
    if (msg.code < 300 && (o ? met(prog.for, o) : prog.for.kind === 'delete')) return done(state, ctx, cmd, prog, finish)
    prog.phase = 'watch'
    const rv = (msg.body as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion ?? '0'
    send(state, ctx, cmd, 'watch', objectPath(info, cmd.namespace), 'wait', {
      query: [['fieldSelector', encodeURIComponent(`metadata.name=${prog.name}`)], ['resourceVersion', rv], ['watch', 'true']],
    })
    return
  }
  if (msg.code === 404 && prog.for.kind === 'delete') {
    // Already gone: the finder ignores NotFound for --for=delete and there is nothing to print.
    ctx.cancelTimer(`${timerPrefix}${cmd.id}`)
    return finish(0, '', '')
  }
  if (msg.code >= 300) return fail(ctx, cmd, finish, statusErrorText(msg.body))
  if (prog.timeoutMs === 0) {
    // --timeout=0: one look, no waiting (getObjAndCheckCondition, IsDeleted).
    if (prog.for.kind !== 'delete' && met(prog.for, msg.body as KObject)) return done(state, ctx, cmd, prog, finish)
    return fail(ctx, cmd, finish, `error: condition not met for ${qualifiedResource(info)}/${prog.name}\n`)
  }
  // The condition's own ListWatch: a LIST of just this object, then a WATCH from its revision.
  prog.phase = 'list'
  send(state, ctx, cmd, 'list', objectPath(info, cmd.namespace), 'wait', { query: [['fieldSelector', encodeURIComponent(`metadata.name=${prog.name}`)]] })
}

function fail(ctx: Ctx, cmd: RunningCommand, finish: Finish, stderr: string): void {
  ctx.cancelTimer(`${timerPrefix}${cmd.id}`)
  finish(1, '', stderr)
}

export function waitWatchEvent(state: KubectlState, ctx: Ctx, cmd: RunningCommand, prog: WaitProg, msg: WatchEventMessage, finish: Finish): void {
  if (msg.type === 'DELETED' && prog.for.kind !== 'delete') {
    // The object went while waiting for a condition: the precondition answers NotFound.
    hangUpAll(state, ctx, cmd.id)
    return fail(ctx, cmd, finish, `Error from server (NotFound): ${qualifiedResource(resourceByName(prog.resource, prog.group)!)} "${prog.name}" not found\n`)
  }
  if (msg.type === 'DELETED' || met(prog.for, msg.object)) done(state, ctx, cmd, prog, finish)
}

/** The --timeout passed with the condition unmet. Returns false when the timer is not a wait's. */
export function waitTimer(state: KubectlState, ctx: Ctx, name: string, finish: (cmd: RunningCommand) => Finish): boolean {
  if (!name.startsWith(timerPrefix)) return false
  const cmd = state.commands[name.slice(timerPrefix.length)]
  const prog = cmd?.carry as WaitProg | undefined
  if (!cmd || prog?.type !== 'wait') return true
  hangUpAll(state, ctx, cmd.id)
  finish(cmd)(1, '', `error: timed out waiting for the condition on ${prog.resource}/${prog.name}\n`)
  return true
}
