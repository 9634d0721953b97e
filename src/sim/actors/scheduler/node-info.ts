/** What the scheduler knows of one node: the Node and the pods it holds, assumed ones included. */
import { byteValue, milliValue } from '../../k8s/quantity.ts'
import type { KObject } from '../../protocol.ts'
import { podRequests, type Requests } from './pod-resources.ts'

export interface NodeInfo {
  name: string
  node: KObject
  pods: KObject[]
  allocatable: Requests & { pods: number }
  /** Sum of actual requests of the node's pods. */
  requested: Requests
  /** Sum of non-zero requests (100m/200Mi defaults), for LeastAllocated. */
  nonZeroRequested: Requests
}

export function nodeInfo(node: KObject, pods: KObject[]): NodeInfo {
  const alloc = ((node.status as { allocatable?: Record<string, string> } | undefined)?.allocatable ?? {}) as Record<string, string>
  const requested = { milliCpu: 0, memory: 0 }
  const nonZeroRequested = { milliCpu: 0, memory: 0 }
  for (const p of pods) {
    const r = podRequests(p)
    const nz = podRequests(p, true)
    requested.milliCpu += r.milliCpu
    requested.memory += r.memory
    nonZeroRequested.milliCpu += nz.milliCpu
    nonZeroRequested.memory += nz.memory
  }
  return {
    name: String(node.metadata.name),
    node,
    pods,
    allocatable: { milliCpu: milliValue(alloc.cpu), memory: byteValue(alloc.memory), pods: Number(alloc.pods ?? 110) },
    requested,
    nonZeroRequested,
  }
}
