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

/** One list parsed: the actual requests, and whether cpu and memory were named (for the non-zero form). */
interface Parsed {
  req: Requests
  cpu: boolean
  memory: boolean
}

function parseList(list: Record<string, string | number> | undefined): Parsed {
  const r = list ?? {}
  const req = emptyRequests()
  if (r.cpu !== undefined) req.milliCpu = milliValue(r.cpu)
  if (r.memory !== undefined) req.memory = byteValue(r.memory)
  if (r['ephemeral-storage'] !== undefined) req.ephemeral = byteValue(r['ephemeral-storage'])
  for (const name in r) {
    if (name === 'cpu' || name === 'memory' || name === 'ephemeral-storage' || name === 'pods') continue
    req.scalar[name] = (req.scalar[name] ?? 0) + byteValue(r[name])
  }
  return { req, cpu: r.cpu !== undefined, memory: r.memory !== undefined }
}

/** A parsed list as one form counts it: the non-zero form puts 100m / 200Mi for an unnamed cpu / memory. */
function addParsed(into: Requests, p: Parsed, nonZero: boolean): void {
  into.milliCpu += p.cpu || !nonZero ? p.req.milliCpu : defaultMilliCpuRequest
  into.memory += p.memory || !nonZero ? p.req.memory : defaultMemoryRequest
  into.ephemeral += p.req.ephemeral
  for (const name in p.req.scalar) into.scalar[name] = (into.scalar[name] ?? 0) + p.req.scalar[name]!
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
 * Requests of committed pod specs, worked out once (the real scheduler's PodInfo keeps them too,
 * both forms from one pass, calculateResource in framework/types.go): the cache adds and removes
 * a pod's requests on every assume, bind and update, and each cycle takes the pod's own. Keyed by
 * the frozen spec or containers (etcd.ts freezes what it commits, and a frozen spec's containers
 * are frozen too); frozen results.
 */
const known = new WeakMap<object, readonly [Requests, Requests]>()

export function podRequests(pod: KObject, nonZero = false): Requests {
  return podRequestPair(pod)[nonZero ? 1 : 0]
}

/**
 * Both forms at once, [actual, non-zero]: the node cache and each cycle want both, and one look-up
 * for the two cuts the calls by a third (18,000 → 12,000 over the scheduler bench's 3,000 pods, the
 * look-up ~200 ns there with the heap that large).
 */
export function podRequestPair(pod: KObject): readonly [Requests, Requests] {
  const spec = pod.spec as Containers | undefined
  if (!spec || !Object.isFrozen(spec)) return computeRequests(pod)
  // Binding writes a new spec (nodeName) around the same containers: key on those when they are all.
  const by: object = spec.containers && !spec.initContainers && !spec.overhead ? spec.containers : spec
  let both = known.get(by)
  if (!both) known.set(by, (both = commonRequests(spec) ?? sharedRequests(computeRequests(pod))))
  return both
}

/**
 * The pair for the common pod, found by its request texts before anything is parsed: one
 * container asking for cpu and memory only, as text, and no init containers or overhead. Both
 * forms are then the parsed requests (cpu and memory are named), the same pair `sharedRequests`
 * gives. Each new pod spec paid ~1.2 µs for the full sum (3,000 of them in the scheduler bench's
 * window: computeRequests and sharedRequests ~3.7 ms of it).
 */
const byRequestTexts = new Map<string, Map<string, readonly [Requests, Requests]>>()

function commonRequests(spec: Containers): readonly [Requests, Requests] | undefined {
  const containers = spec.containers
  if (!containers || containers.length !== 1 || spec.initContainers || spec.overhead) return undefined
  const requests = containers[0]!.resources?.requests
  if (!requests) return undefined
  const cpu = requests.cpu
  const memory = requests.memory
  if (typeof cpu !== 'string' || typeof memory !== 'string') return undefined
  let names = 0
  for (const _ in requests) names++
  if (names !== 2) return undefined
  let byMemory = byRequestTexts.get(cpu)
  let both = byMemory?.get(memory)
  if (both) return both
  // Added to 0 as the full sum does: a request of "0" parses to -0.
  const req: Requests = { milliCpu: 0 + milliValue(cpu), memory: 0 + byteValue(memory), ephemeral: 0, scalar: {} }
  both = sharedRequests([req, { ...req, scalar: {} }])
  // Bounded as byValue is: a run of distinct texts cannot grow it.
  if (!byMemory || byMemory.size >= byValueLimit) {
    if (byRequestTexts.size >= byValueLimit) byRequestTexts.clear()
    byRequestTexts.set(cpu, (byMemory = new Map()))
  }
  byMemory.set(memory, both)
  return both
}

/**
 * Frozen pairs by value, for pods that ask for cpu, memory and ephemeral storage only: the pods of
 * one Deployment (or one manifest) ask for the same, so they share one pair rather than keep one
 * each (~330 bytes a pod, ~1 MB over a 3,000-pod run, copied by every young-generation GC).
 */
const byValue = new Map<string, readonly [Requests, Requests]>()
const byValueLimit = 1024

function sharedRequests([req, nz]: [Requests, Requests]): readonly [Requests, Requests] {
  const plain = !hasKeys(req.scalar) && !hasKeys(nz.scalar)
  const key = plain ? `${req.milliCpu}/${req.memory}/${req.ephemeral}/${nz.milliCpu}/${nz.memory}/${nz.ephemeral}` : ''
  const known = plain ? byValue.get(key) : undefined
  if (known) return known
  Object.freeze(req.scalar)
  Object.freeze(nz.scalar)
  const both = Object.freeze([Object.freeze(req), Object.freeze(nz)] as const)
  if (plain) {
    if (byValue.size >= byValueLimit) byValue.clear()
    byValue.set(key, both)
  }
  return both
}

function hasKeys(o: object): boolean {
  for (const _ in o) return true
  return false
}

/** The actual and the non-zero requests, each container's list parsed once for both. */
function computeRequests(pod: KObject): [Requests, Requests] {
  const spec = (pod.spec ?? {}) as Containers
  const containers = (spec.containers ?? []).map((c) => parseList(c.resources?.requests))
  const inits = (spec.initContainers ?? []).map((c) => ({ parsed: parseList(c.resources?.requests), sidecar: c.restartPolicy === 'Always' }))
  const overhead = spec.overhead ? parseList(spec.overhead) : undefined
  return [sum(containers, inits, overhead, false), sum(containers, inits, overhead, true)]
}

function sum(containers: Parsed[], inits: { parsed: Parsed; sidecar: boolean }[], overhead: Parsed | undefined, nonZero: boolean): Requests {
  const reqs = emptyRequests()
  for (const p of containers) addParsed(reqs, p, nonZero)
  if (!inits.length && !overhead) return reqs
  const sidecars = emptyRequests()
  const initMax = emptyRequests()
  for (const c of inits) {
    const own = emptyRequests()
    addParsed(own, c.parsed, nonZero)
    if (c.sidecar) {
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
  // Overhead is counted as written in both forms.
  if (overhead) addParsed(reqs, overhead, false)
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
  const out: string[] = []
  forEachContainer(pod, (c) => out.push(c.image ?? ''))
  return out
}

/**
 * Init containers, then containers, by index: the lists are frozen (etcd.ts), and a spread or a
 * for-of over a frozen array takes V8's generic iterator, an object per element, on every cycle.
 */
function forEachContainer(pod: KObject, visit: (c: ContainerSpec) => void): void {
  const spec = (pod.spec ?? {}) as Containers
  for (const list of [spec.initContainers, spec.containers]) {
    if (list) for (let i = 0; i < list.length; i++) visit(list[i]!)
  }
}

export interface HostPort {
  port: number
  protocol: string
  hostIP: string
}

/** Host ports the pod asks for, init containers included (nodeports/node_ports.go). */
export function hostPorts(pod: KObject): HostPort[] {
  const out: HostPort[] = []
  forEachContainer(pod, (c) => {
    const ports = c.ports
    if (!ports) return
    for (let i = 0; i < ports.length; i++) {
      const p = ports[i]!
      if (p.hostPort) out.push({ port: p.hostPort, protocol: p.protocol ?? 'TCP', hostIP: p.hostIP || '0.0.0.0' })
    }
  })
  return out
}

/** Two host ports conflict on the same protocol and port when either binds 0.0.0.0 or both bind one IP. */
export function portsConflict(a: HostPort, b: HostPort): boolean {
  return a.port === b.port && a.protocol === b.protocol && (a.hostIP === b.hostIP || a.hostIP === '0.0.0.0' || b.hostIP === '0.0.0.0')
}
