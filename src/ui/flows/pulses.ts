/**
 * Arrival pulses: the token layer announces "a flow arrived at X", the node for X glows.
 * A tiny event bus outside React and outside the stores: it is pure decoration.
 */
type Listener = () => void

const listeners = new Map<string, Set<Listener>>()
/** Wall time (page clock) of each actor's last pulse. */
const lastPulse = new Map<string, number>()

/**
 * A box glows for 0.6 s (component-box.ts usePulse): under traffic dozens of packets reach the
 * same kube-proxy every frame, and restarting the glow for each one started dozens of box-shadow
 * animations per frame that each cancelled the last (issue 8 bench). A box already glowing keeps
 * its glow; the next arrival after it ends starts a new one, so a busy box pulses steadily.
 */
export const pulseWallMs = 600

export function onPulse(actorId: string, fn: Listener): () => void {
  let set = listeners.get(actorId)
  if (!set) listeners.set(actorId, (set = new Set()))
  set.add(fn)
  return () => set.delete(fn)
}

export function emitPulse(actorId: string, wallNow: number = performance.now()): void {
  const last = lastPulse.get(actorId)
  if (last !== undefined && wallNow - last < pulseWallMs && wallNow >= last) return
  lastPulse.set(actorId, wallNow)
  for (const fn of listeners.get(actorId) ?? []) fn()
}
