/**
 * A flow's cause tree: the chain of flows that led to it, up to the root (a typed kubectl line, a
 * periodic timer), and every flow it caused in turn. Causes always precede their effects in flow
 * numbering, so one forward pass finds the descendants.
 */
import type { CauseIndex } from './cause-index.ts'
import type { CauseTreeView, Flow, KubectlResult } from './protocol.ts'

/** Descendants listed at most: a lease renewal's tree is small, a Deployment's can be large. */
export const causeTreeLimit = 400

const indexOf = (id: string): number => Number(id.slice(id.indexOf(':') + 1)) - 1

export function causeTree(
  flows: readonly Flow[],
  kubectl: readonly KubectlResult[],
  id: string,
  index?: CauseIndex,
): CauseTreeView | null {
  const at = indexOf(id)
  const flow = flows[at]
  if (!flow || flow.id !== id) return null
  const chain: Flow[] = [flow]
  for (let f = flow; f.causeId !== null; ) {
    const parent = flows[indexOf(f.causeId)]
    if (!parent) break
    chain.unshift(parent)
    f = parent
  }
  const { descendants, truncated } = index ? fromIndex(flows, at, index) : byScan(flows, at, id)
  const root = chain[0]!
  // The kubectl line that sent the root: the last one typed at or before it.
  let line: string | undefined
  if (root.from === 'kubectl') {
    for (const k of kubectl) if (k.atMs <= root.sentAt) line = k.line
  }
  return { id, chain, descendants, truncated, ...(line !== undefined ? { line } : {}) }
}

/** One forward pass over every later flow (no index at hand). */
function byScan(flows: readonly Flow[], at: number, id: string): Pick<CauseTreeView, 'descendants' | 'truncated'> {
  const depth = new Map<string, number>([[id, 0]])
  const descendants: { flow: Flow; depth: number }[] = []
  let truncated = false
  for (let i = at + 1; i < flows.length; i++) {
    const f = flows[i]!
    const d = f.causeId === null ? undefined : depth.get(f.causeId)
    if (d === undefined) continue
    if (descendants.length >= causeTreeLimit) {
      truncated = true
      break
    }
    depth.set(f.id, d + 1)
    descendants.push({ flow: f, depth: d + 1 })
  }
  return { descendants, truncated }
}

/** Down the children links: the same list, in send order, without looking at unrelated flows. */
function fromIndex(flows: readonly Flow[], at: number, index: CauseIndex): Pick<CauseTreeView, 'descendants' | 'truncated'> {
  const found: [number, number][] = []
  const stack: [number, number][] = [[at, 0]]
  while (stack.length > 0) {
    const [i, d] = stack.pop()!
    for (const c of index.children(flows, i)) {
      found.push([c, d + 1])
      stack.push([c, d + 1])
    }
  }
  found.sort((a, b) => a[0] - b[0])
  const truncated = found.length > causeTreeLimit
  const descendants = found.slice(0, causeTreeLimit).map(([i, depth]) => ({ flow: flows[i]!, depth }))
  return { descendants, truncated }
}
