/** The scheduler's timers: the next scheduling cycle, a pod's backoff, the unschedulable pool's limit. */
import type { Ctx } from '../../engine/actor.ts'
import { backoffExpiry, podMaxInUnschedulablePodsDurationMs } from './queue.ts'
import type { SchedulerState } from './state.ts'

/** A scheduling cycle takes a few ms (FIDELITY.md §6: ≈1–10 ms per pod). */
export function cycleDelayMs(ctx: Ctx): number {
  return 2 + Math.floor(ctx.random() * 4)
}

/** Starts the scheduling loop if there is work and it is idle. */
export function kick(state: SchedulerState, ctx: Ctx): void {
  if (state.queue.activeQ.length && !ctx.hasTimer('cycle')) ctx.setTimer('cycle', cycleDelayMs(ctx))
}

export function armBackoff(state: SchedulerState, ctx: Ctx, key: string): void {
  ctx.setTimer(`backoff:${key}`, Math.max(0, backoffExpiry(state.queue, key) - ctx.now), key)
}

/** flushUnschedulablePodsLeftover: a parked pod goes back after 5 minutes whatever happens. */
export function armLeftover(ctx: Ctx, key: string): void {
  ctx.setTimer(`leftover:${key}`, podMaxInUnschedulablePodsDurationMs, key)
}
