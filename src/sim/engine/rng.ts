/**
 * Seeded randomness as plain data. Each actor owns one 32-bit word of state (mulberry32), derived
 * from the simulation seed and the actor's id, so adding an actor never shifts another's stream.
 */

/** FNV-1a over a string: a stable 32-bit hash, used for seeds and trace hashes. */
export function fnv1a(text: string, hash = 0x811c9dc5): number {
  let h = hash >>> 0
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}

export function seedFor(simSeed: number, actorId: string): number {
  return fnv1a(actorId, fnv1a(String(simSeed)))
}

/** Advances `state` one step; returns [next state, a float in [0, 1)]. */
export function mulberry32(state: number): [number, number] {
  const next = mulberry32Step(state)
  return [next, mulberry32Value(next)]
}

/** The next state word (mulberry32 without the pair the engine's hot path would allocate). */
export function mulberry32Step(state: number): number {
  return (state + 0x6d2b79f5) >>> 0
}

/** The value in [0, 1) drawn on reaching state word `next`. */
export function mulberry32Value(next: number): number {
  let t = next
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
