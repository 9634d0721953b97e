/**
 * Folds the worker's updates into the stores once per animation frame. The worker sends at most one
 * update per frame, but when the page falls behind (a long frame, a busy machine) several wait in
 * the port and each one, applied on arrival, cost its own React render of every subscriber: under
 * traffic (issue 8) that turned one slow frame into a run of them. Applied together in one frame
 * callback, the stores change several times in one task and React renders once.
 */
import type { Update } from '../sim/protocol.ts'

export interface FrameSource {
  request(fn: () => void): void
}

/**
 * The page's animation frames, with a timer as the fallback: a hidden tab gets no frames, and its
 * updates must not pile up until it is shown again.
 */
export const pageFrames: FrameSource = {
  request(fn) {
    let done = false
    const once = (): void => {
      if (done) return
      done = true
      fn()
    }
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(once)
    setTimeout(once, 100)
  },
}

/**
 * Returns the listener for updates: each is stamped with the page's clock on arrival (the
 * interpolation anchor must not include the wait) and handed to `apply` in arrival order at the
 * next frame.
 */
export function coalesceUpdates(
  apply: (update: Update, receivedAt: number) => void,
  now: () => number,
  frames: FrameSource = pageFrames,
): (update: Update) => void {
  let queue: { update: Update; receivedAt: number }[] = []
  const flush = (): void => {
    const batch = queue
    queue = []
    for (const { update, receivedAt } of batch) apply(update, receivedAt)
  }
  return (update) => {
    queue.push({ update, receivedAt: now() })
    if (queue.length === 1) frames.request(flush)
  }
}
