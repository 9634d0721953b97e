/**
 * A pod's resource requests as the scheduler counts them (pkg/scheduler/util/pod_resources.go):
 * the sum over containers, or the largest init container if that is more. The "non-zero" form
 * counts a container without a request as 100m cpu and 200Mi memory, for scoring only.
 */
import { byteValue, milliValue } from '../../k8s/quantity.ts'
import type { KObject } from '../../protocol.ts'

export interface Requests {
  milliCpu: number
  memory: number
}

/** DefaultMilliCPURequest and DefaultMemoryRequest. */
export const defaultMilliCpuRequest = 100
export const defaultMemoryRequest = 200 * 1024 * 1024

interface ContainerSpec {
  image?: string
  resources?: { requests?: Record<string, string | number> }
  ports?: { hostPort?: number; protocol?: string; hostIP?: string }[]
}

function containers(pod: KObject): { containers: ContainerSpec[]; initContainers: ContainerSpec[] } {
  const spec = (pod.spec ?? {}) as { containers?: ContainerSpec[]; initContainers?: ContainerSpec[] }
  return { containers: spec.containers ?? [], initContainers: spec.initContainers ?? [] }
}

function sum(list: ContainerSpec[], nonZero: boolean): Requests {
  let milliCpu = 0
  let memory = 0
  for (const c of list) {
    const r = c.resources?.requests ?? {}
    milliCpu += r.cpu !== undefined ? milliValue(r.cpu) : nonZero ? defaultMilliCpuRequest : 0
    memory += r.memory !== undefined ? byteValue(r.memory) : nonZero ? defaultMemoryRequest : 0
  }
  return { milliCpu, memory }
}

export function podRequests(pod: KObject, nonZero = false): Requests {
  const { containers: main, initContainers } = containers(pod)
  const total = sum(main, nonZero)
  for (const init of initContainers) {
    const r = sum([init], nonZero)
    total.milliCpu = Math.max(total.milliCpu, r.milliCpu)
    total.memory = Math.max(total.memory, r.memory)
  }
  return total
}

/** True when no container requests anything: a BestEffort pod. */
export function requestsNothing(pod: KObject): boolean {
  const r = podRequests(pod)
  return r.milliCpu === 0 && r.memory === 0
}

export function podImages(pod: KObject): string[] {
  return containers(pod).containers.map((c) => c.image ?? '').filter(Boolean)
}

export function hostPorts(pod: KObject): { port: number; protocol: string; hostIP: string }[] {
  return containers(pod).containers.flatMap((c) =>
    (c.ports ?? []).filter((p) => p.hostPort).map((p) => ({ port: p.hostPort!, protocol: p.protocol ?? 'TCP', hostIP: p.hostIP ?? '0.0.0.0' })),
  )
}
