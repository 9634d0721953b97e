/**
 * Follows the flow the page has selected: attaches its cause tree to an update when first asked
 * for, and again whenever it grows (new effects) or one of its flows settles.
 */
import type { Simulation } from '../sim/index.ts'
import type { Update } from '../sim/protocol.ts'

export interface CauseFollower {
  follow(id: string | null): void
  /** After a seek the tree may be smaller: send it again. */
  invalidate(): void
  attach(sim: Simulation, update: Update): void
}

export function createCauseFollower(): CauseFollower {
  let id: string | null = null
  let sent: string | null = null
  return {
    follow(next) {
      id = next
      sent = null
    },
    invalidate() {
      sent = null
    },
    attach(sim, update) {
      if (id === null) return
      const tree = sim.causeTree(id)
      let settled = 0
      if (tree) {
        for (const f of tree.chain) if (f.outcome !== 'in-flight') settled++
        for (const d of tree.descendants) if (d.flow.outcome !== 'in-flight') settled++
      }
      const sig = tree ? `${tree.descendants.length}:${settled}:${tree.line ?? ''}` : 'none'
      if (sig === sent) return
      sent = sig
      // Copies: the engine settles its flows in place, and postMessage may run later.
      update.causeTree = { id, tree: tree ? structuredCloneTree(tree) : null }
    },
  }
}

function structuredCloneTree<T>(tree: T): T {
  return JSON.parse(JSON.stringify(tree)) as T
}
