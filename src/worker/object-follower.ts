/**
 * Follows the object the page is inspecting: attaches its resourceVersion history to an update
 * when first asked for, and again whenever it is written (or a seek moved its last version).
 */
import type { Simulation } from '../sim/index.ts'
import type { Update } from '../sim/protocol.ts'

export interface ObjectFollower {
  follow(key: string | null): void
  /** After a seek the history may end earlier: send it again. */
  invalidate(): void
  attach(sim: Simulation, update: Update): void
}

export function createObjectFollower(): ObjectFollower {
  let key: string | null = null
  let sent: string | null = null
  return {
    follow(next) {
      key = next
      sent = null
    },
    invalidate() {
      sent = null
    },
    attach(sim, update) {
      if (key === null) return
      const history = sim.objectHistory(key)
      const revs = history?.revisions ?? []
      const sig = history ? `${revs.length}:${revs[0]?.revision}:${revs.at(-1)?.revision}:${history.truncated}` : 'none'
      if (sig === sent) return
      sent = sig
      update.objectHistory = { key, history }
    },
  }
}
