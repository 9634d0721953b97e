import type { Flow } from '../../sim/protocol.ts'
import { simStore } from '../../state/sim-store.ts'

/**
 * A flow's settled outcome by id from the store's recent flows, the index rebuilt only when that
 * array changes (hundreds of tokens ask every frame under traffic; a scan each would be O(n²)).
 */
export function createOutcomeLookup(): (id: string) => Flow['outcome'] | undefined {
  let of: readonly Flow[] | null = null
  const byId = new Map<string, Flow['outcome']>()
  return (id) => {
    const all = simStore.getState().flows
    if (of !== all) {
      of = all
      byId.clear()
      for (const f of all) byId.set(f.id, f.outcome)
    }
    return byId.get(id)
  }
}
