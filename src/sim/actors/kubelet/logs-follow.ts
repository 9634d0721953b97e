/**
 * `kubectl logs -f`: the kubelet keeps the log request open and writes each new line of the
 * container's log file into it as the process prints it (the apiserver's proxy passes the chunks
 * on). The stream ends when the container stops (kubectl then exits) or when the client hangs up.
 * Between lines the kubelet looks again at least every second, as PLEG relists, to see an exit.
 */
import type { Ctx } from '../../engine/actor.ts'
import { behaviourOf, linesBetween, nextLineAt } from '../runtime/behaviour.ts'
import { render } from './logs.ts'
import { currentRun } from './pod-status.ts'
import { behaviourText, specOf } from './pod-worker.ts'
import type { KubeletState, LogFollow } from './state.ts'

const timerPrefix = 'logfollow:'
/** The longest the kubelet waits before looking whether the container still runs (PLEG relist period). */
const recheckMs = 1_000

export function startFollow(state: KubeletState, ctx: Ctx, follow: LogFollow): string {
  const id = `${ctx.self}#log${++state.nextCall}`
  ;(state.follows ??= {})[id] = follow
  schedule(state, ctx, id, follow)
  return id
}

function schedule(state: KubeletState, ctx: Ctx, id: string, f: LogFollow): void {
  const w = state.pods[f.uid]
  const b = w ? behaviourOf(specOf(w, f.container), undefined, behaviourText(w)) : undefined
  const next = b ? nextLineAt(b, f.sentTo) : undefined
  const now = ctx.now - f.startMs
  ctx.setTimer(timerPrefix + id, Math.max(0, Math.min(next === undefined ? recheckMs : next - now + 1, recheckMs)), { id })
}

/** Returns false for a timer that is not a follow's. */
export function followTimer(state: KubeletState, name: string, ctx: Ctx): boolean {
  if (!name.startsWith(timerPrefix)) return false
  const id = name.slice(timerPrefix.length)
  const f = state.follows?.[id]
  if (!f) return true
  const w = state.pods[f.uid]
  const c = w?.containers[f.container]
  const run = w && c ? currentRun(w, c) : undefined
  const ended = !w || !c || !run || run.id !== f.runId || run.state !== 'CONTAINER_RUNNING'
  const upTo = (ended && run?.id === f.runId && run.finishedAtMs !== undefined ? run.finishedAtMs : ctx.now) - f.startMs + 1
  const lines = w && c ? linesBetween(behaviourOf(specOf(w, f.container), undefined, behaviourText(w)), f.sentTo, upTo).map(([t, text]) => render(text, ctx.startTimeMs + f.startMs + t, c.image)) : []
  f.sentTo = Math.max(f.sentTo, upTo)
  if (lines.length || ended) ctx.send(f.apiserver, { kind: 'stream.chunk', streamId: id, data: lines.map((l) => `${l}\n`).join(''), ...(ended ? { end: true } : {}) })
  if (ended) delete state.follows![id]
  else schedule(state, ctx, id, f)
  return true
}

/** The apiserver closed the proxied connection (the client hung up): a followed log, or an exec's stream. */
export function closeFollow(state: KubeletState, id: string, ctx: Ctx): void {
  if (state.execStreams?.[id]) delete state.execStreams[id]
  if (!state.follows?.[id]) return
  delete state.follows[id]
  ctx.cancelTimer(timerPrefix + id)
}
