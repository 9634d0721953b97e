/**
 * What one scheduling cycle knows (the framework's CycleState plus the snapshot): the pod, its
 * requests worked out once, the cache, the owners that give PodTopologySpread its default
 * selector, nominated pods to count on their nodes, and, during a preemption dry run, the
 * victims taken off.
 */
import type { KObject } from '../../protocol.ts'
import { nodeList, type NodeInfo, type SchedulerCache } from './node-info.ts'
import { addRequests, hostPorts, podImages, podRequestPair, podRequests, requestsNothing, type HostPort, type Requests } from './pod-resources.ts'
import { untolerated, type Toleration } from './taints.ts'
import { podPriority, podSpec, type SchedPodSpec } from './types.ts'

export type Cache = Record<string, KObject>

const unschedulableTaint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' as const }
/** The arguments of the per-cycle unschedulable check, made once rather than per cycle. */
const unschedulableTaints = [unschedulableTaint]
const noScheduleEffects = ['NoSchedule']

function isSoft(t: Toleration): boolean {
  return !t.effect || t.effect === 'PreferNoSchedule'
}

/** normalizedImageName (image_locality.go): a name without a tag gets `:latest`; nothing else is rewritten. */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name
}

/** The objects whose selectors pick a pod's default spread (helper.DefaultSelector). */
export interface OwnerCaches {
  services: Cache
  replicasets: Cache
  statefulsets: Cache
  replicationcontrollers: Cache
}

export type ScoringStrategy =
  | { type: 'LeastAllocated' }
  | { type: 'MostAllocated' }
  | { type: 'RequestedToCapacityRatio'; shape: { utilization: number; score: number }[] }

export interface SchedulerConfig {
  /** percentageOfNodesToScore: 0 = adaptive (KubeSchedulerConfiguration v1 default: unset). */
  percentageOfNodesToScore: number
  /** NodeResourcesFitArgs.scoringStrategy, default LeastAllocated with cpu and memory weight 1. */
  scoringStrategy: ScoringStrategy
  /** InterPodAffinityArgs.hardPodAffinityWeight, default 1. */
  hardPodAffinityWeight: number
}

export function defaultConfig(): SchedulerConfig {
  return { percentageOfNodesToScore: 0, scoringStrategy: { type: 'LeastAllocated' }, hardPodAffinityWeight: 1 }
}

export interface Cycle {
  key: string
  pod: KObject
  spec: SchedPodSpec
  priority: number
  labels: Record<string, string>
  req: Requests
  nonZeroReq: Requests
  bestEffort: boolean
  /** No extended resources requested: the fit check needs no scalar pass. */
  noScalars: boolean
  ports: HostPort[]
  pods: Cache
  cache: SchedulerCache
  owners: OwnerCaches
  cfg: SchedulerConfig
  /** Every node, in the node tree's order. */
  allNodes: NodeInfo[]
  /** Nominated pods (priority ≥ this pod's) counted on their nodes while filtering. */
  added: Record<string, string[]>
  /**
   * Some node has nominated pods in `added`: when none has (nearly every cycle), the per-node
   * plugins skip looking a node's name up in it, a keyed miss per node per plugin.
   */
  anyAdded: boolean
  /** Pods taken off their nodes (a preemption dry run). */
  removed: Record<string, true> | null
  /** Plugin state written by PreFilter / PreScore. */
  state: Record<string, unknown>
  /** Worked out once per cycle for the per-node plugins. */
  tolerations: Toleration[]
  /** Tolerations with effect PreferNoSchedule or empty (TaintToleration score). */
  softTolerations: Toleration[]
  toleratesUnschedulable: boolean
  /** The pod's images, normalised (ImageLocality). */
  images: string[]
}

export function newCycle(
  key: string,
  pod: KObject,
  pods: Cache,
  cache: SchedulerCache,
  owners: OwnerCaches,
  cfg: SchedulerConfig,
  nominated: Record<string, string[]>,
): Cycle {
  const both = podRequestPair(pod)
  const req = both[0]
  const priority = podPriority(pod)
  const added: Record<string, string[]> = {}
  let anyAdded = false
  for (const node in nominated) {
    const keys = nominated[node]!.filter((k) => k !== key && pods[k] && podPriority(pods[k]) >= priority)
    if (keys.length) {
      added[node] = keys
      anyAdded = true
    }
  }
  const spec = podSpec(pod)
  const tolerations = spec.tolerations ?? []
  return {
    key,
    pod,
    spec,
    priority,
    labels: pod.metadata.labels ?? {},
    req,
    nonZeroReq: both[1],
    bestEffort: requestsNothing(req),
    noScalars: Object.keys(req.scalar).length === 0,
    ports: hostPorts(pod),
    pods,
    cache,
    owners,
    cfg,
    allNodes: nodeList(cache),
    added,
    anyAdded,
    removed: null,
    state: {},
    tolerations,
    softTolerations: tolerations.filter(isSoft),
    toleratesUnschedulable: !untolerated(unschedulableTaints, tolerations, noScheduleEffects),
    images: podImages(pod).map(normalizedImageName),
  }
}

/** The nominated pods this cycle counts on a node, if any. */
export function addedOn(c: Cycle, node: string): string[] | undefined {
  return c.anyAdded ? c.added[node] : undefined
}

/** The node's pods are counted as the cache has them: nothing nominated there, no victim taken off. */
export function asCached(c: Cycle, node: string): boolean {
  return !c.removed && !(c.anyAdded && c.added[node])
}

/** The keys of the pods on a node as this cycle sees them (nominated added, victims removed). */
export function podsOn(c: Cycle, info: NodeInfo): string[] {
  const extra = addedOn(c, info.name)
  if (!extra && !c.removed) return info.pods
  const base = c.removed ? info.pods.filter((k) => !c.removed![k]) : info.pods
  return extra ? [...base, ...extra] : base
}

/** Requested resources, pod count and ports on a node as this cycle sees them. */
export function usage(c: Cycle, info: NodeInfo): { requested: Requests; count: number; ports: HostPort[] } {
  const extra = addedOn(c, info.name)
  if (!extra && !c.removed) return { requested: info.requested, count: info.pods.length, ports: info.usedPorts }
  const requested: Requests = { ...info.requested, scalar: { ...info.requested.scalar } }
  let ports: HostPort[] = info.usedPorts
  let count = info.pods.length
  if (c.removed) {
    for (const k of info.pods) {
      if (!c.removed[k] || !c.pods[k]) continue
      addRequests(requested, podRequests(c.pods[k]), -1)
      count--
    }
    ports = info.usedPorts.filter((p) => !c.removed![p.pod])
  }
  for (const k of extra ?? []) {
    addRequests(requested, podRequests(c.pods[k]!))
    ports = [...ports, ...hostPorts(c.pods[k]!)]
    count++
  }
  return { requested, count, ports }
}

/** The pod objects on a node, as this cycle sees them. */
export function podObjectsOn(c: Cycle, info: NodeInfo): KObject[] {
  const out: KObject[] = []
  for (const k of podsOn(c, info)) {
    const p = c.pods[k]
    if (p) out.push(p)
  }
  return out
}
