/**
 * A pod's resource requests as the scheduler counts them (k8s.io/component-helpers resource
 * helpers.go `PodRequests`, pkg/scheduler/framework/types.go): containers summed; sidecars
 * (init containers with restartPolicy Always) added to that sum; every other init container
 * needs its own request plus the sidecars started before it, and the pod needs the largest of
 * those if that is more; then spec.overhead is added. The "non-zero" form counts a container
 * without a cpu or memory request as 100m / 200Mi, for scoring only.
 */
import { byteValue, milliValue } from '../../k8s/quantity.ts'
import type { KObject } from '../../protocol.ts'

export interface Requests {
  milliCpu: number
  memory: number
  ephemeral: number
  /** Extended and other scalar resources (`nvidia.com/gpu`, `hugepages-2Mi`), by name. */
  scalar: Record<string, number>
}

/** DefaultMilliCPURequest (pkg/scheduler/util/pod_resources.go). */
export const defaultMilliCpuRequest = 100
/** DefaultMemoryRequest: 200 MiB (pkg/scheduler/util/pod_resources.go). */
export const defaultMemoryRequest = 200 * 1024 * 1024

interface ContainerSpec {
  name?: string
  image?: string
  restartPolicy?: string
  resources?: { requests?: Record<string, string | number> }
  ports?: { containerPort?: number; hostPort?: number; protocol?: string; hostIP?: string }[]
}

interface Containers {
  containers?: ContainerSpec[]
  initContainers?: ContainerSpec[]
  overhead?: Record<string, string | number>
}

export function emptyRequests(): Requests {
  return { milliCpu: 0, memory: 0, ephemeral: 0, scalar: {} }
}

function addList(into: Requests, list: Record<string, string | number> | undefined, nonZero: boolean): void {
  const r = list ?? {}
  into.milliCpu += r.cpu !== undefined ? milliValue(r.cpu) : nonZero ? defaultMilliCpuRequest : 0
  into.memory += r.memory !== undefined ? byteValue(r.memory) : nonZero ? defaultMemoryRequest : 0
  if (r['ephemeral-storage'] !== undefined) into.ephemeral += byteValue(r['ephemeral-storage'])
  for (const name in r) {
    if (name === 'cpu' || name === 'memory' || name === 'ephemeral-storage' || name === 'pods') continue
    into.scalar[name] = (into.scalar[name] ?? 0) + byteValue(r[name])
  }
}

export function addRequests(into: Requests, r: Requests, sign = 1): void {
  into.milliCpu += sign * r.milliCpu
  into.memory += sign * r.memory
  into.ephemeral += sign * r.ephemeral
  for (const name in r.scalar) into.scalar[name] = (into.scalar[name] ?? 0) + sign * r.scalar[name]!
}

function maxInto(into: Requests, r: Requests): void {
  into.milliCpu = Math.max(into.milliCpu, r.milliCpu)
  into.memory = Math.max(into.memory, r.memory)
  into.ephemeral = Math.max(into.ephemeral, r.ephemeral)
  for (const name in r.scalar) into.scalar[name] = Math.max(into.scalar[name] ?? 0, r.scalar[name]!)
}

function copy(r: Requests): Requests {
  return { milliCpu: r.milliCpu, memory: r.memory, ephemeral: r.ephemeral, scalar: { ...r.scalar } }
}

/**
 * Requests of committed pod specs, worked out once (the real scheduler's PodInfo keeps them too):
 * the cache adds and removes a pod's requests on every assume, bind and update, and each cycle
 * takes the pod's own. Keyed by the frozen spec or containers (etcd.ts freezes what it commits,
 * and a frozen spec's containers are frozen too); frozen results.
 */
const known = [new WeakMap<object, Requests>(), new WeakMap<object, Requests>()] as const

export function podRequests(pod: KObject, nonZero = false): Requests {
  const spec = pod.spec as Containers | undefined
  if (!spec || !Object.isFrozen(spec)) return computeRequests(pod, nonZero)
  // Binding writes a new spec (nodeName) around the same containers: key on those when they are all.
  const by: object = spec.containers && !spec.initContainers && !spec.overhead ? spec.containers : spec
  const memo = known[nonZero ? 1 : 0]
  let r = memo.get(by)
  if (!r) {
    r = computeRequests(pod, nonZero)
    Object.freeze(r.scalar)
    memo.set(by, Object.freeze(r))
  }
  return r
}

function computeRequests(pod: KObject, nonZero: boolean): Requests {
  const spec = (pod.spec ?? {}) as Containers
  const reqs = emptyRequests()
  for (const c of spec.containers ?? []) addList(reqs, c.resources?.requests, nonZero)
  const sidecars = emptyRequests()
  const initMax = emptyRequests()
  for (const c of spec.initContainers ?? []) {
    const own = emptyRequests()
    addList(own, c.resources?.requests, nonZero)
    if (c.restartPolicy === 'Always') {
      addRequests(reqs, own)
      addRequests(sidecars, own)
      maxInto(initMax, sidecars)
    } else {
      const withSidecars = copy(own)
      addRequests(withSidecars, sidecars)
      maxInto(initMax, withSidecars)
    }
  }
  maxInto(reqs, initMax)
  if (spec.overhead) addList(reqs, spec.overhead, false)
  return reqs
}

/** True when the pod requests nothing at all (NodeResourcesFit then checks only the pod count). */
export function requestsNothing(r: Requests): boolean {
  if (r.milliCpu || r.memory || r.ephemeral) return false
  for (const name in r.scalar) if (r.scalar[name]) return false
  return true
}

/** Every image of the pod's init containers, then containers (image_locality.go order). */
export function podImages(pod: KObject): string[] {
  const spec = (pod.spec ?? {}) as Containers
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])].map((c) => c.image ?? '')
}

export interface HostPort {
  port: number
  protocol: string
  hostIP: string
}

/** Host ports the pod asks for, init containers included (nodeports/node_ports.go). */
export function hostPorts(pod: KObject): HostPort[] {
  const spec = (pod.spec ?? {}) as Containers
  const out: HostPort[] = []
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort) continue
      out.push({ port: p.hostPort, protocol: p.protocol ?? 'TCP', hostIP: p.hostIP || '0.0.0.0' })
    }
  }
  return out
}

/** Two host ports conflict on the same protocol and port when either binds 0.0.0.0 or both bind one IP. */
export function portsConflict(a: HostPort, b: HostPort): boolean {
  return a.port === b.port && a.protocol === b.protocol && (a.hostIP === b.hostIP || a.hostIP === '0.0.0.0' || b.hostIP === '0.0.0.0')
}
