/**
 * Which stored object a message is about, so its details can open the object inspector: the etcd
 * key in its label (an etcd txn or watch), else the one its cause tree wrote or carried (a
 * request's txn below it, a watch event's etcd watch above it).
 */
import type { CauseTreeView, Flow } from '../sim/protocol.ts'

const keyIn = (label: string): string | null => {
  const m = /(\/registry\/\S+)/.exec(label)
  // A range over a prefix (`/registry/pods/default/`) names no one object.
  return m && !m[1]!.endsWith('/') ? m[1]! : null
}

export function objectKeyOf(flow: Flow, tree: CauseTreeView | null): string | null {
  const own = keyIn(flow.label)
  if (own) return own
  if (!tree || tree.id !== flow.id) return null
  // Below a request: the write it led to (the nearest first).
  for (const d of tree.descendants) {
    if (d.flow.kind === 'etcd.txn' || d.flow.kind === 'etcd.range') {
      const k = keyIn(d.flow.label)
      if (k) return k
    }
  }
  // Above a watch event or a response: the etcd write or watch it came from.
  for (let i = tree.chain.length - 1; i >= 0; i--) {
    const k = keyIn(tree.chain[i]!.label)
    if (k) return k
  }
  return null
}
