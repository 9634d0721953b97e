import { simStore } from '../../state/sim-store.ts'
import { createDisplayClock } from '../../state/time.ts'

const displayClock = createDisplayClock()

/**
 * Displayed virtual time right now, from the worker's last anchor (interpolated, clamped,
 * monotonic). Call it from animation-frame callbacks; it never triggers a React render.
 */
export function virtualNow(wallNow: number = performance.now()): number {
  const { anchor, epoch } = simStore.getState()
  return displayClock(anchor, epoch, wallNow)
}

/** The hook form, for components: returns the reader, stable across renders. */
export function useVirtualNow(): (wallNow?: number) => number {
  return virtualNow
}
