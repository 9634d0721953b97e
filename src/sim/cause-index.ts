/**
 * Parent → children links over every flow of the run, so a cause tree is found from its flow down
 * instead of by scanning all later flows (a 30-minute run holds tens of thousands). Kept in step
 * with the world's flow list: new flows are indexed as they come; a restored world (a seek) holds
 * a prefix of the same flows, so links to flows past its end are dropped and indexing goes on from
 * there. One number per flow that has a cause: memory grows with the run, like the flows do.
 */
import type { Flow } from './protocol.ts'

export interface CauseIndex {
  /** Indexes (flow number − 1) of the flows `index` caused directly, ascending. */
  children(flows: readonly Flow[], index: number): readonly number[]
  /** A fork at `length` flows: the flows from there on will be another branch's. */
  truncate(length: number): void
}

const none: readonly number[] = []

export function createCauseIndex(): CauseIndex {
  const kids: number[][] = []
  let scanned = 0
  let seen: readonly Flow[] | null = null

  const truncate = (length: number): void => {
    if (length >= scanned) return
    kids.length = Math.min(kids.length, length)
    for (const list of kids) while (list && list.length > 0 && list[list.length - 1]! >= length) list.pop()
    scanned = length
  }

  const sync = (flows: readonly Flow[]): void => {
    // A restored world (a seek) holds the first flows of this branch: forget the rest.
    if (flows !== seen) {
      seen = flows
      truncate(flows.length)
    }
    for (; scanned < flows.length; scanned++) {
      const cause = flows[scanned]!.causeId
      if (cause === null) continue
      const parent = Number(cause.slice(cause.indexOf(':') + 1)) - 1
      ;(kids[parent] ??= []).push(scanned)
    }
  }

  return {
    children(flows, index) {
      sync(flows)
      return kids[index] ?? none
    },
    truncate,
  }
}
