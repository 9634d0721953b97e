/**
 * Kubelet admission (pkg/kubelet/lifecycle/predicate.go): before it runs a pod, the kubelet checks
 * that the pod fits next to the pods it already admitted — pod count first, then cpu and memory
 * requests against the node's allocatable. A pod that does not fit is rejected: it goes Failed with
 * reason `OutOf<resource>` and the message "Pod was rejected: Node didn't have enough resource: …"
 * (kubelet.go rejectPod). The scheduler normally prevents this; a pod with spec.nodeName set by
 * hand skips the scheduler and meets it here.
 */
import { byteValue, milliValue } from '../../k8s/quantity.ts'
import type { KObject } from '../../protocol.ts'
import type { KubeletState } from './state.ts'

interface Requests {
  cpu: number
  memory: number
}

type Containers = { resources?: { requests?: Record<string, string>; limits?: Record<string, string> } }[]

function containerRequests(c: Containers[number]): Requests {
  // An unset request defaults to the limit (pkg/apis/core/v1/defaults.go), done at admission.
  const r = { ...(c.resources?.limits ?? {}), ...(c.resources?.requests ?? {}) }
  return { cpu: milliValue(r.cpu), memory: byteValue(r.memory) }
}

/** Requests of committed pods by their frozen containers: every admission adds up its node's pods. */
const known = new WeakMap<object, Requests>()

/** The pod's effective requests: the sum over containers, or the largest init container if more. */
export function podRequests(pod: KObject): Requests {
  const spec = pod.spec as { containers?: Containers; initContainers?: Containers }
  const key = Object.isFrozen(spec) && spec.containers && !spec.initContainers ? spec.containers : undefined
  let r = key && known.get(key)
  if (!r) {
    r = computeRequests(spec)
    if (key) known.set(key, Object.freeze(r))
  }
  return r
}

function computeRequests(spec: { containers?: Containers; initContainers?: Containers }): Requests {
  const sum = (spec.containers ?? []).map(containerRequests).reduce((a, b) => ({ cpu: a.cpu + b.cpu, memory: a.memory + b.memory }), { cpu: 0, memory: 0 })
  for (const init of (spec.initContainers ?? []).map(containerRequests)) {
    sum.cpu = Math.max(sum.cpu, init.cpu)
    sum.memory = Math.max(sum.memory, init.memory)
  }
  return sum
}

export interface Rejection {
  reason: string
  message: string
}

/** The node's allocatable, parsed once per committed (frozen) status object. */
const parsedAllocatable = new WeakMap<object, { pods: number; cpu: number; memory: number }>()

function allocatable(node: KObject | null): { pods: number; cpu: number; memory: number } {
  const status = node?.status as { allocatable?: Record<string, string> } | undefined
  let parsed = status && parsedAllocatable.get(status)
  if (!parsed) {
    const alloc = status?.allocatable ?? {}
    parsed = { pods: Number(alloc.pods ?? 110), cpu: milliValue(alloc.cpu ?? '0'), memory: byteValue(alloc.memory ?? '0') }
    if (status && Object.isFrozen(status)) parsedAllocatable.set(status, parsed)
  }
  return parsed
}

/** Why the pod cannot run here, or null when it fits. */
export function admit(state: KubeletState, pod: KObject): Rejection | null {
  const alloc = allocatable(state.node_)
  let admitted = 0
  const used = { cpu: 0, memory: 0 }
  for (const w of Object.values(state.pods)) {
    if (w.step === 'rejected' || w.step === 'terminated' || w.uid === pod.metadata.uid) continue
    admitted++
    const r = (w.requests ??= podRequests(w.pod))
    used.cpu += r.cpu
    used.memory += r.memory
  }
  const want = podRequests(pod)
  const checks: [name: string, requested: number, used: number, capacity: number][] = [
    ['pods', 1, admitted, alloc.pods],
    ['cpu', want.cpu, used.cpu, alloc.cpu],
    ['memory', want.memory, used.memory, alloc.memory],
  ]
  for (const [name, requested, u, capacity] of checks) {
    if (requested === 0 || capacity === 0) continue
    if (u + requested > capacity) return { reason: `OutOf${name}`, message: `Node didn't have enough resource: ${name}, requested: ${requested}, used: ${u}, capacity: ${capacity}` }
  }
  return null
}
