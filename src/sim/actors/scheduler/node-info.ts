/**
 * The scheduler cache (pkg/scheduler/backend/cache): per node, the Node and the running totals of
 * the pods on it, assumed ones included, kept up to date as watch events and assumptions arrive,
 * so a scheduling cycle never rescans every pod. Plain data: a snapshot is a deep copy.
 */
import { byteValue, milliValue } from '../../k8s/quantity.ts'
import type { KObject } from '../../protocol.ts'
import { addRequests, emptyRequests, hostPorts, podRequestPair, type HostPort, type Requests } from './pod-resources.ts'
import type { Taint } from '../../protocol.ts'
import { labelRegion, labelZone, nodeTaints, podSpec } from './types.ts'

export interface NodeInfo {
  name: string
  node: KObject
  /** node.metadata.labels, node.spec.taints and node.spec.unschedulable, read once per update. */
  labels: Record<string, string>
  taints: Taint[]
  unschedulable: boolean
  allocatable: Requests
  allocatablePods: number
  /** Sum of actual requests of the node's pods. */
  requested: Requests
  /** Sum of non-zero requests (100m / 200Mi defaults), for LeastAllocated. */
  nonZeroRequested: Requests
  /** Keys of the pods on the node, bound or assumed, in arrival order. */
  pods: string[]
  /** Host ports in use, with the pod that holds each. */
  usedPorts: (HostPort & { pod: string })[]
  /** Pods on the node with any (anti-)affinity / with required anti-affinity (InterPodAffinity). */
  podsWithAffinity: number
  podsWithRequiredAntiAffinity: number
  /** Image name → size, for each name the node reports (node.status.images). */
  images: Record<string, number>
  /**
   * Bumped whenever a pod comes onto or leaves the node (NodeInfo.Generation in
   * framework/types.go): per-node counts derived from the pods stay valid while it is unchanged.
   */
  generation: number
}

export interface SchedulerCache {
  nodes: Record<string, NodeInfo>
  /** Node names in the node tree's zone-interleaved order (node_tree.go). */
  order: string[]
  /** Zone key → node names, zones in the order they first appeared. */
  zones: [string, string[]][]
  /** Pod key → the node it is on (bound or assumed). */
  podNode: Record<string, string>
  /** Image name → how many nodes report it (ImageStateSummary.NumNodes). */
  imageNodes: Record<string, number>
  /** Pods with any (anti-)affinity / with required anti-affinity, over every node: 0 lets InterPodAffinity skip at once. */
  podsWithAffinity: number
  podsWithRequiredAntiAffinity: number
  /** Nodes with a PreferNoSchedule taint: 0 lets TaintToleration score every node alike. */
  softTaintedNodes: number
}

/**
 * The NodeInfos in node-tree order, derived from `order` and memoised on that array's identity:
 * `order` is replaced, never mutated, whenever a node comes or goes, and a restored snapshot has
 * new arrays, so a stale list is never returned. Not state: a cycle must not scan every node
 * name to build it.
 */
const lists = new WeakMap<string[], NodeInfo[]>()

export function nodeList(cache: SchedulerCache): NodeInfo[] {
  let list = lists.get(cache.order)
  if (!list || list.length !== cache.order.length || (list.length && list[0] !== cache.nodes[cache.order[0]!])) {
    list = cache.order.map((n) => cache.nodes[n]!)
    lists.set(cache.order, list)
  }
  return list
}

export function newCache(): SchedulerCache {
  return { nodes: {}, order: [], zones: [], podNode: {}, imageNodes: {}, podsWithAffinity: 0, podsWithRequiredAntiAffinity: 0, softTaintedNodes: 0 }
}

/** utilnode.GetZoneKey: region and zone, or '' when the node has neither. */
function zoneKey(node: KObject): string {
  const l = node.metadata.labels ?? {}
  const region = l[labelRegion] ?? ''
  const zone = l[labelZone] ?? ''
  return region || zone ? `${region}:\x00:${zone}` : ''
}

function rebuildOrder(cache: SchedulerCache): void {
  const out: string[] = []
  const lists = cache.zones.map(([, names]) => names)
  for (let i = 0; ; i++) {
    let any = false
    for (const names of lists) {
      if (i < names.length) {
        out.push(names[i]!)
        any = true
      }
    }
    if (!any) break
  }
  cache.order = out
}

function nodeImages(node: KObject): Record<string, number> {
  const out: Record<string, number> = {}
  const list = (node.status as { images?: { names?: string[]; sizeBytes?: number }[] } | undefined)?.images ?? []
  for (const image of list) for (const name of image.names ?? []) out[name] = image.sizeBytes ?? 0
  return out
}

function allocatableOf(node: KObject): { r: Requests; pods: number } {
  const alloc = ((node.status as { allocatable?: Record<string, string> } | undefined)?.allocatable ?? {}) as Record<string, string>
  const r = emptyRequests()
  r.milliCpu = milliValue(alloc.cpu)
  r.memory = byteValue(alloc.memory)
  r.ephemeral = byteValue(alloc['ephemeral-storage'])
  for (const name in alloc) {
    if (name === 'cpu' || name === 'memory' || name === 'ephemeral-storage' || name === 'pods') continue
    r.scalar[name] = byteValue(alloc[name])
  }
  // kubelet --max-pods, default 110.
  return { r, pods: Number(alloc.pods ?? 110) }
}

function setImages(cache: SchedulerCache, info: NodeInfo, images: Record<string, number>): void {
  for (const name in info.images) cache.imageNodes[name] = (cache.imageNodes[name] ?? 1) - 1
  info.images = images
  for (const name in images) cache.imageNodes[name] = (cache.imageNodes[name] ?? 0) + 1
}

/** A Node was added or changed. */
export function upsertNode(cache: SchedulerCache, node: KObject): NodeInfo {
  const name = String(node.metadata.name)
  let info = cache.nodes[name]
  const { r, pods } = allocatableOf(node)
  const zone = zoneKey(node)
  if (!info) {
    info = {
      name,
      node,
      labels: {},
      taints: [],
      unschedulable: false,
      allocatable: r,
      allocatablePods: pods,
      requested: emptyRequests(),
      nonZeroRequested: emptyRequests(),
      pods: [],
      usedPorts: [],
      podsWithAffinity: 0,
      podsWithRequiredAntiAffinity: 0,
      images: {},
      generation: 0,
    }
    cache.nodes[name] = info
    addToZone(cache, zone, name)
  } else {
    if (zoneKey(info.node) !== zone) {
      removeFromZone(cache, zoneKey(info.node), name)
      addToZone(cache, zone, name)
    }
    info.node = node
    info.allocatable = r
    info.allocatablePods = pods
  }
  info.labels = node.metadata.labels ?? {}
  cache.softTaintedNodes -= softTainted(info.taints)
  info.taints = nodeTaints(node)
  cache.softTaintedNodes += softTainted(info.taints)
  info.unschedulable = !!(node.spec as { unschedulable?: boolean } | undefined)?.unschedulable
  setImages(cache, info, nodeImages(node))
  return info
}

const softTainted = (taints: Taint[]): number => (taints.some((t) => t.effect === 'PreferNoSchedule') ? 1 : 0)

export function removeNode(cache: SchedulerCache, name: string): void {
  const info = cache.nodes[name]
  if (!info) return
  setImages(cache, info, {})
  cache.softTaintedNodes -= softTainted(info.taints)
  cache.podsWithAffinity -= info.podsWithAffinity
  cache.podsWithRequiredAntiAffinity -= info.podsWithRequiredAntiAffinity
  removeFromZone(cache, zoneKey(info.node), name)
  delete cache.nodes[name]
  for (const key of info.pods) delete cache.podNode[key]
}

function addToZone(cache: SchedulerCache, zone: string, name: string): void {
  const entry = cache.zones.find(([z]) => z === zone)
  if (entry) entry[1].push(name)
  else cache.zones.push([zone, [name]])
  rebuildOrder(cache)
}

function removeFromZone(cache: SchedulerCache, zone: string, name: string): void {
  const entry = cache.zones.find(([z]) => z === zone)
  if (entry) entry[1] = entry[1].filter((n) => n !== name)
  cache.zones = cache.zones.filter(([, names]) => names.length > 0)
  cache.order = cache.order.filter((n) => n !== name)
  rebuildOrder(cache)
}

function hasAffinity(pod: KObject): { any: boolean; requiredAnti: boolean } {
  const a = podSpec(pod).affinity
  return {
    any: !!(a?.podAffinity || a?.podAntiAffinity),
    requiredAnti: !!a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length,
  }
}

/** Counts a pod on a node (bound, or assumed by this scheduler). */
export function addPod(cache: SchedulerCache, key: string, pod: KObject, nodeName: string): void {
  const info = cache.nodes[nodeName]
  if (!info || cache.podNode[key] !== undefined) return
  cache.podNode[key] = nodeName
  info.generation++
  info.pods.push(key)
  // By index: destructuring a frozen array takes the generic iterator.
  const both = podRequestPair(pod)
  addRequests(info.requested, both[0])
  addRequests(info.nonZeroRequested, both[1])
  for (const p of hostPorts(pod)) info.usedPorts.push({ ...p, pod: key })
  const a = hasAffinity(pod)
  if (a.any) {
    info.podsWithAffinity++
    cache.podsWithAffinity++
  }
  if (a.requiredAnti) {
    info.podsWithRequiredAntiAffinity++
    cache.podsWithRequiredAntiAffinity++
  }
}

/** Takes a pod off its node; `pod` must be the object that was added. */
export function removePod(cache: SchedulerCache, key: string, pod: KObject): void {
  const nodeName = cache.podNode[key]
  if (nodeName === undefined) return
  delete cache.podNode[key]
  const info = cache.nodes[nodeName]
  if (!info) return
  info.generation++
  const i = info.pods.indexOf(key)
  if (i >= 0) info.pods.splice(i, 1)
  const both = podRequestPair(pod)
  addRequests(info.requested, both[0], -1)
  addRequests(info.nonZeroRequested, both[1], -1)
  if (info.usedPorts.length) info.usedPorts = info.usedPorts.filter((p) => p.pod !== key)
  const a = hasAffinity(pod)
  if (a.any) {
    info.podsWithAffinity--
    cache.podsWithAffinity--
  }
  if (a.requiredAnti) {
    info.podsWithRequiredAntiAffinity--
    cache.podsWithRequiredAntiAffinity--
  }
}
