/**
 * Arrival pulses: the token layer announces "a flow arrived at X", the node for X glows.
 * A tiny event bus outside React and outside the stores: it is pure decoration.
 */
type Listener = () => void

const listeners = new Map<string, Set<Listener>>()

export function onPulse(actorId: string, fn: Listener): () => void {
  let set = listeners.get(actorId)
  if (!set) listeners.set(actorId, (set = new Set()))
  set.add(fn)
  return () => set.delete(fn)
}

export function emitPulse(actorId: string): void {
  for (const fn of listeners.get(actorId) ?? []) fn()
}
