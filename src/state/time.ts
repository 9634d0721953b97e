/**
 * Displayed virtual time, interpolated from the worker's last anchor. Pure functions plus one
 * monotonic guard, so tokens and the clock never step backwards between two updates.
 */
import type { TimeAnchor } from '../sim/protocol.ts'

export const zeroAnchor: TimeAnchor = { virtualAt: 0, wallAt: 0, rate: 0, maxVirtual: 0 }

/** Virtual ms shown at page wall time `wallNow`; `anchor.wallAt` is in the page's clock. */
export function interpolateVirtual(anchor: TimeAnchor, wallNow: number): number {
  const v = anchor.virtualAt + Math.max(0, wallNow - anchor.wallAt) * anchor.rate
  return Math.min(Math.max(v, anchor.virtualAt), Math.max(anchor.maxVirtual, anchor.virtualAt))
}

/** Progress of a hop at virtual time `now`: 0 at the sender, 1 at the receiver. */
export function hopProgress(sentAt: number, arrivesAt: number, now: number): number {
  if (arrivesAt <= sentAt) return now >= arrivesAt ? 1 : 0
  return Math.min(1, Math.max(0, (now - sentAt) / (arrivesAt - sentAt)))
}

/** Keeps displayed time monotonic within one loaded simulation (`epoch`). */
export function createDisplayClock(): (
  anchor: TimeAnchor,
  epoch: number,
  wallNow: number,
) => number {
  let lastEpoch = -1
  let last = 0
  return (anchor, epoch, wallNow) => {
    const v = interpolateVirtual(anchor, wallNow)
    if (epoch !== lastEpoch) {
      lastEpoch = epoch
      last = v
      return v
    }
    last = Math.max(last, v)
    return last
  }
}

/** `t = 1.234 s` */
export function formatVirtual(ms: number): string {
  return `t = ${(ms / 1000).toFixed(3)} s`
}

/** `1.234 s` */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`
}
