/**
 * Follows the pod the page is inspecting: attaches its scheduling decision to an update when it
 * is first asked for and whenever the scheduler decides again (a new cycle or attempt).
 */
import type { Simulation } from '../sim/index.ts'
import type { Update } from '../sim/protocol.ts'

export interface DecisionFollower {
  follow(key: string | null): void
  attach(sim: Simulation, update: Update): void
}

export function createDecisionFollower(): DecisionFollower {
  let key: string | null = null
  let sent: string | null = null
  return {
    follow(next) {
      key = next
      sent = null
    },
    attach(sim, update) {
      if (key === null) return
      const decision = sim.podDecision(key)
      const sig = decision ? `${decision.atMs}:${decision.attempt}:${decision.nodes.length}:${decision.winner ?? ''}` : 'none'
      if (sig === sent) return
      sent = sig
      update.podDecision = { key, decision }
    },
  }
}
