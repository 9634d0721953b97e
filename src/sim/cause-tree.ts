/**
 * A flow's cause tree: the chain of flows that led to it, up to the root (a typed kubectl line, a
 * periodic timer), and every flow it caused in turn. Causes always precede their effects in flow
 * numbering, so one forward pass finds the descendants.
 */
import type { CauseTreeView, Flow, KubectlResult } from './protocol.ts'

/** Descendants listed at most: a lease renewal's tree is small, a Deployment's can be large. */
export const causeTreeLimit = 400

const indexOf = (id: string): number => Number(id.slice(id.indexOf(':') + 1)) - 1

export function causeTree(
  flows: readonly Flow[],
  kubectl: readonly KubectlResult[],
  id: string,
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
  const root = chain[0]!
  // The kubectl line that sent the root: the last one typed at or before it.
  let line: string | undefined
  if (root.from === 'kubectl') {
    for (const k of kubectl) if (k.atMs <= root.sentAt) line = k.line
  }
  return { id, chain, descendants, truncated, ...(line !== undefined ? { line } : {}) }
}
