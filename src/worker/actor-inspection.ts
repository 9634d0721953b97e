/**
 * Follows the component the page is inspecting: attaches its live state to an update when it is
 * first asked for and whenever that state changes (compared as text: it is small plain data).
 */
import type { Simulation } from '../sim/index.ts'
import type { Update } from '../sim/protocol.ts'

export interface InspectionFollower {
  follow(id: string | null): void
  attach(sim: Simulation, update: Update): void
}

export function createInspectionFollower(): InspectionFollower {
  let id: string | null = null
  let sent: string | null = null
  return {
    follow(next) {
      id = next
      sent = null
    },
    attach(sim, update) {
      if (id === null) return
      const inspection = sim.inspect(id)
      // atMs changes every frame; only a change of what the component holds is worth a message.
      const sig = inspection ? JSON.stringify({ ...inspection, atMs: 0 }) : 'none'
      if (sig === sent) return
      sent = sig
      update.actorInspection = { id, inspection }
    },
  }
}
