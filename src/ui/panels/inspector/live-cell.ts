/**
 * Which cells of a component's live tables name a stored object (a pod in the scheduler's queues or
 * a kubelet's pod workers, a node the node-lifecycle controller probes, a Service with a load
 * balancer), so the inspector can open it: the column says the kind, the cell `namespace/name` or
 * a bare name for a cluster-scoped kind.
 */
import { keyOf, type NameIndex } from '../console/object-refs.ts'

/** Column headings that name a kind, as the engine titles them (src/sim/inspect.ts). */
const objectColumns = new Set(['pod', 'node', 'service'])

/** The etcd key of the object a cell names, or null. */
export function liveCellKey(column: string, cell: string, index: NameIndex): string | null {
  const type = column.toLowerCase()
  if (!objectColumns.has(type)) return null
  const slash = cell.indexOf('/')
  const namespace = slash > 0 ? cell.slice(0, slash) : ''
  const name = slash > 0 ? cell.slice(slash + 1) : cell
  if (!name || /\s/.test(name)) return null
  return keyOf({ start: 0, end: cell.length, type, namespace: namespace || 'default', name }, index)
}
