/**
 * `kubectl wait --for=condition=Ready|delete|jsonpath='{…}'=value TYPE/NAME [--timeout=30s]`
 * (pkg/cmd/wait): reads the object, and unless it already satisfies the condition watches it until
 * it does or the timeout (30 s by default) passes. A condition counts only once the status has
 * caught up with the object's generation.
 */
import type { Ctx } from '../../engine/actor.ts'
import { resourceByName } from '../../k8s/resources.ts'
import type { ApiResponse, WatchEventMessage } from '../../messages.ts'
import type { KObject } from '../../protocol.ts'
import { statusErrorText } from './errors.ts'
import { objectRef } from './manifests.ts'
import { durationMs } from './node-commands.ts'
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
  phase: 'get' | 'watch'
}

type Start = { ok: true } | { ok: false; stderr: string }

/** kubectl wait's --timeout default (pkg/cmd/wait: 30s); a negative one is a week. */
const defaultTimeoutMs = 30_000
const weekMs = 7 * 24 * 3_600_000
const timerPrefix = 'wait:'

function parseFor(text: string | undefined): Condition | { error: string } {
  if (!text || text === 'true') return { error: 'error: --for must be set\n' }
  if (text.toLowerCase() === 'delete') return { kind: 'delete' }
  if (text.startsWith('condition=')) {
    const [type = '', value = 'true'] = text.slice('condition='.length).split('=')
    return { kind: 'condition', type, value }
  }
  if (text.startsWith('jsonpath=')) {
    const spec = text.slice('jsonpath='.length)
    const close = spec.lastIndexOf('}')
    const template = spec.slice(0, close + 1)
    const rest = spec.slice(close + 1)
    return rest.startsWith('=') ? { kind: 'jsonpath', template, value: rest.slice(1) } : { kind: 'jsonpath', template }
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
  const generation = o.metadata.generation ?? 0
  if (status.observedGeneration !== undefined && status.observedGeneration < generation) return false
  const cond = status.conditions?.find((x) => x.type.toLowerCase() === c.type.toLowerCase())
  if (!cond || (cond.observedGeneration !== undefined && cond.observedGeneration < generation)) return false
  return cond.status.toLowerCase() === c.value.toLowerCase()
}

export function startWait(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine): Start {
  const bad = unknownFlag(p, 'wait', ['for', 'timeout', 'selector', 'all', 'all-namespaces', 'filename', 'field-selector', 'local', 'output', 'recursive', 'kustomize', 'k'])
  if (bad) return { ok: false, stderr: bad }
  const condition = parseFor(p.flags.for)
  if ('error' in condition) return { ok: false, stderr: condition.error }
  const parsed = parseTargets(p.args.slice(1))
  if (!parsed) return { ok: false, stderr: "error: resource(s) were provided, but no name was specified\n" }
  if (!parsed.ok) return parsed
  const { info, names } = parsed.targets
  if (names.length !== 1) return { ok: false, stderr: names.length ? 'error: kube-anatomy waits for one object at a time\n' : 'error: resource(s) were provided, but no name was specified\n' }
  const timeoutText = p.flags.timeout
  const timeoutMs = timeoutText === undefined ? defaultTimeoutMs : timeoutText.startsWith('-') ? weekMs : durationMs(timeoutText)
  cmd.carry = { type: 'wait', resource: info.resource, group: info.group, name: names[0]!, for: condition, phase: 'get' } satisfies WaitProg
  ctx.setTimer(`${timerPrefix}${cmd.id}`, timeoutMs, { cmd: cmd.id })
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
  if (msg.code === 404 && prog.for.kind === 'delete') {
    // Already gone: the finder ignores NotFound for --for=delete and there is nothing to print.
    ctx.cancelTimer(`${timerPrefix}${cmd.id}`)
    return finish(0, '', '')
  }
  if (msg.code >= 300) {
    ctx.cancelTimer(`${timerPrefix}${cmd.id}`)
    return finish(1, '', statusErrorText(msg.body))
  }
  const o = msg.body as KObject
  if (met(prog.for, o)) return done(state, ctx, cmd, prog, finish)
  prog.phase = 'watch'
  send(state, ctx, cmd, 'watch', objectPath(info, cmd.namespace), 'wait', {
    query: [['fieldSelector', encodeURIComponent(`metadata.name=${prog.name}`)], ['resourceVersion', String(o.metadata.resourceVersion)], ['watch', 'true']],
  })
}

export function waitWatchEvent(state: KubectlState, ctx: Ctx, cmd: RunningCommand, prog: WaitProg, msg: WatchEventMessage, finish: Finish): void {
  if (msg.type === 'DELETED' ? prog.for.kind === 'delete' : met(prog.for, msg.object)) done(state, ctx, cmd, prog, finish)
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
