/**
 * The node lifecycle controller inside kube-controller-manager
 * (pkg/controller/nodelifecycle/node_lifecycle_controller.go; FIDELITY.md §3.2). Every
 * --node-monitor-period it looks at each node: a node whose Ready heartbeat or Lease renewal has
 * not moved for --node-monitor-grace-period gets its conditions set to Unknown
 * (`NodeStatusUnknown`, "Kubelet stopped posting node status."), its pods marked not ready, the
 * `unreachable:NoSchedule` taint at once and the `unreachable:NoExecute` taint through a
 * rate-limited queue (--node-eviction-rate per zone; none while a zone is fully disrupted). When
 * the node reports again, the taints come off. The taint-eviction controller (taint-eviction.ts)
 * acts on the NoExecute taints.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { Message, WatchEventMessage } from '../../messages.ts'
import { rfc3339 } from '../../k8s/meta.ts'
import type { KObject, Taint } from '../../protocol.ts'
import { apiRequest, newApiClient, takeResponse, type ApiClient } from '../client/api-client.ts'
import { recordEvent } from '../client/events.ts'
import { applyWatchEvent, cacheKey, type Cache } from '../client/informer.ts'
import { disruptionResponse, disruptionTimer, newDisruptionState, onDisruptionWatch, syncDisruption, type DisruptionState } from './disruption.ts'
import { onIpamNode, type NodeIpamState } from './node-ipam.ts'
import { onTaintEvictionWatch, taintEvictionTimer, type TaintEvictionState } from './taint-eviction.ts'

/** --node-monitor-period (kube-controller-manager flags). */
export const nodeMonitorPeriodMs = 5_000
/** --node-monitor-grace-period, 50 s since v1.32 (was 40 s). */
export const nodeMonitorGracePeriodMs = 50_000
/** --node-startup-grace-period. */
export const nodeStartupGracePeriodMs = 60_000
/** --node-eviction-rate: nodes per second whose NoExecute taint may be added, per zone. */
const nodeEvictionRatePerMs = 0.1 / 1000
/** nodeEvictionPeriod: how often the zone tainters run (node_lifecycle_controller.go). */
const nodeEvictionPeriodMs = 100
/** --unhealthy-zone-threshold and --large-cluster-size-threshold; --secondary-node-eviction-rate. */
const unhealthyZoneThreshold = 0.55
const largeClusterSizeThreshold = 50
const secondaryNodeEvictionRatePerMs = 0.01 / 1000

export const unreachableTaintKey = 'node.kubernetes.io/unreachable'
export const notReadyTaintKey = 'node.kubernetes.io/not-ready'

/** The service account the controller authenticates as (--use-service-account-credentials). */
const asUser = 'system:serviceaccount:kube-system:node-controller'

interface NodeHealth {
  probeMs: number
  /** lastHeartbeatTime of the Ready condition as last seen. */
  heartbeat: string
  /** spec.renewTime of the node's Lease as last seen. */
  renew: string
}

/** A token bucket per zone, as flowcontrol.NewTokenBucketRateLimiter (burst 1). */
interface Bucket {
  tokens: number
  atMs: number
}

export interface NodeLifecycleState {
  /** The controllers' own API client (node-controller's credentials). */
  client: ApiClient<{ do: 'ignore' }>
  nodes: Cache
  leases: Cache
  /** Pods by `namespace/name`, for MarkPodsNotReady and the taint-eviction controller. */
  pods: Cache
  health: Record<string, NodeHealth>
  /** Nodes waiting for their NoExecute taint, in order. */
  taintQueue: string[]
  buckets: Record<string, Bucket>
  /** Nodes already marked: their pods were set not ready for this outage. */
  marked: string[]
  eviction: TaintEvictionState
  /** The node-ipam controller shares the node informer (node-ipam.ts); absent: not allocating. */
  ipam?: NodeIpamState
}

/**
 * Request ids of this client start high so that they never meet the other controllers' ids on the
 * same process (both are `<actor>#<n>`).
 */
const firstRequest = 1_000_000

export function newNodeLifecycleState(apiserver: string): NodeLifecycleState {
  const client = newApiClient<{ do: 'ignore' }>(apiserver)
  client.nextReq = firstRequest
  return { client, nodes: {}, leases: {}, pods: {}, health: {}, taintQueue: [], buckets: {}, marked: [], eviction: { scheduled: {} } }
}

type Host = { nodeLifecycle?: NodeLifecycleState; disruption?: DisruptionState; client: { apiserver: string }; caches?: Record<string, Cache | undefined> }

/** The disruption controller's sub-state (disruption.ts); it shares this pod informer. */
export function disruptionOf(kcm: object): DisruptionState {
  const host = kcm as Host
  return (host.disruption ??= newDisruptionState(host.client.apiserver))
}

/** spec.replicas of a pod's controller, from kube-controller-manager's informer caches. */
function replicasOf(kcm: object): (kind: string, ns: string, name: string) => number | undefined {
  const resource: Record<string, string> = { ReplicaSet: 'replicasets', ReplicationController: 'replicationcontrollers', StatefulSet: 'statefulsets', Deployment: 'deployments' }
  return (kind, ns, name) => {
    const o = (kcm as Host).caches?.[resource[kind] ?? '']?.[`${ns}/${name}`]
    const r = (o?.spec as { replicas?: number } | undefined)?.replicas
    return o ? (r ?? 1) : undefined
  }
}

/** The controllers' sub-state inside kube-controller-manager's (plain data), created on first use. */
export function nodeLifecycleOf(kcm: object): NodeLifecycleState {
  const host = kcm as Host
  return (host.nodeLifecycle ??= newNodeLifecycleState(host.client.apiserver))
}

type Condition = { type: string; status: string; reason?: string; message?: string; lastHeartbeatTime?: string; lastTransitionTime?: string }

function conditions(node: KObject): Condition[] {
  return ((node.status as { conditions?: Condition[] } | undefined)?.conditions ?? []) as Condition[]
}

function readyOf(node: KObject): Condition | undefined {
  return conditions(node).find((c) => c.type === 'Ready')
}

export function taintsOf(node: KObject): (Taint & { timeAdded?: string })[] {
  return ((node.spec as { taints?: (Taint & { timeAdded?: string })[] } | undefined)?.taints ?? [])
}

function zoneOf(node: KObject): string {
  const l = node.metadata.labels ?? {}
  return `${l['topology.kubernetes.io/region'] ?? ''}:\x00:${l['topology.kubernetes.io/zone'] ?? ''}`
}

/**
 * kube-controller-manager hands every message here first: a response to one of these controllers'
 * requests is taken (true: nobody else's), a watch event feeds their informers and goes on to the
 * other controllers too (false).
 */
export function nodeLifecycleReceive(kcm: object, msg: Message, ctx: Ctx): boolean {
  const s = nodeLifecycleOf(kcm)
  if (disruptionResponse(disruptionOf(kcm), msg, ctx)) return true
  if (msg.kind === 'apiserver.response') {
    if (!(msg.reqId in s.client.pending)) return false
    takeResponse(s.client, msg)
    return true
  }
  if (msg.kind === 'watch.event') {
    if (msg.object.kind === 'PodDisruptionBudget') {
      onDisruptionWatch(disruptionOf(kcm), msg, undefined, ctx)
      return true
    }
    const old = msg.object.kind === 'Pod' ? s.pods[cacheKey(msg.object)] : undefined
    onNodeLifecycleWatch(s, msg, ctx)
    if (msg.object.kind === 'Pod') onDisruptionWatch(disruptionOf(kcm), msg, old, ctx)
  }
  return false
}

/** Feeds the controller's informers; the taint-eviction controller shares them. */
function onNodeLifecycleWatch(s: NodeLifecycleState, msg: WatchEventMessage, ctx: Ctx): boolean {
  const o = msg.object
  if (o.kind === 'Lease' && o.metadata.namespace === 'kube-node-lease') applyWatchEvent(s.leases, msg)
  else if (o.kind === 'Node') {
    applyWatchEvent(s.nodes, msg)
    if (msg.type === 'DELETED') delete s.health[String(o.metadata.name)]
    else {
      if (s.ipam) onIpamNode(s.ipam, s.client, s.nodes, o, ctx)
      noScheduleTaintingPass(s, ctx, o)
    }
  } else if (o.kind === 'Pod') applyWatchEvent(s.pods, msg)
  else return false
  onTaintEvictionWatch(s, s.client, msg, ctx)
  return true
}

/** Timers this controller owns; returns false for anyone else's. */
export function nodeLifecycleTimer(kcm: object, name: string, data: unknown, ctx: Ctx): boolean {
  const s = nodeLifecycleOf(kcm)
  // A restarted process starts its monitor loop again (wait.Until runs it at once).
  if (name === 'node-monitor' || name === 'process-start') {
    ctx.setTimer('node-monitor', nodeMonitorPeriodMs)
    monitorNodeHealth(s, s.client, ctx)
    return name === 'node-monitor'
  }
  if (name === disruptionTimer) {
    syncDisruption(disruptionOf(kcm), s.pods, replicasOf(kcm), ctx)
    return true
  }
  if (name === 'node-taint-queue') {
    processTaintQueue(s, s.client, ctx)
    return true
  }
  return taintEvictionTimer(s, s.client, name, data, ctx)
}

/** Nodes registered before the controller started (a built cluster): known, no RegisteredNode. */
export function knowNodes(s: NodeLifecycleState, now: number): void {
  for (const node of Object.values(s.nodes)) observe(s, node, now)
}

function observe(s: NodeLifecycleState, node: KObject, now: number, ctx?: Ctx): NodeHealth {
  const name = String(node.metadata.name)
  const heartbeat = readyOf(node)?.lastHeartbeatTime ?? ''
  const renew = String((s.leases[`kube-node-lease/${name}`]?.spec as { renewTime?: string } | undefined)?.renewTime ?? '')
  const h = s.health[name]
  if (!h) {
    // "Controller observed a new Node": recordNodeEvent(RegisteredNode).
    if (ctx) recordEvent(s.client, ctx, { involved: { apiVersion: 'v1', kind: 'Node', metadata: { name, uid: node.metadata.uid } }, type: 'Normal', reason: 'RegisteredNode', message: `Node ${name} event: Registered Node ${name} in Controller`, component: 'node-controller', asUser }, { do: 'ignore' })
    return (s.health[name] = { probeMs: now, heartbeat, renew })
  }
  // probeTimestamp moves when the Ready heartbeat changes or the Lease is renewed.
  if (h.heartbeat !== heartbeat || (renew && renew !== h.renew)) {
    h.probeMs = now
    h.heartbeat = heartbeat
    h.renew = renew
  }
  return h
}

function monitorNodeHealth(s: NodeLifecycleState, client: ApiClient<{ do: 'ignore' }>, ctx: Ctx): void {
  const now = ctx.now
  for (const key of Object.keys(s.nodes).sort()) {
    const node = s.nodes[key]!
    const name = String(node.metadata.name)
    const h = observe(s, node, now, ctx)
    const observed = readyOf(node)
    const grace = observed ? nodeMonitorGracePeriodMs : nodeStartupGracePeriodMs
    if (now > h.probeMs + grace && observed?.status !== 'Unknown') markUnknown(s, client, ctx, node, Boolean(observed))
    // The same pass acts on the condition it just wrote (MarkPodsNotReady follows the update).
    const ready = readyOf(s.nodes[key]!)
    const status = ready?.status ?? 'Unknown'
    if (status === 'True') {
      if (s.marked.includes(name)) s.marked = s.marked.filter((n) => n !== name)
      s.taintQueue = s.taintQueue.filter((n) => n !== name)
      removeTaints(s, client, ctx, node, (t) => t.key === unreachableTaintKey || t.key === notReadyTaintKey)
    } else if (!s.marked.includes(name) && ready?.status === 'Unknown') {
      s.marked.push(name)
      markPodsNotReady(s, client, ctx, name)
    }
  }
  for (const node of Object.values(s.nodes)) {
    const status = readyOf(node)?.status
    if (status === 'Unknown' || status === 'False') enqueueNoExecute(s, ctx, node)
  }
}

/**
 * doNoScheduleTaintingPass, run from the node update queue: a node that reports Ready=True loses
 * the `not-ready:NoSchedule` taint its kubelet registered it with, without waiting for the monitor.
 */
function noScheduleTaintingPass(s: NodeLifecycleState, ctx: Ctx, node: KObject): void {
  if (readyOf(node)?.status !== 'True') return
  removeTaints(s, s.client, ctx, node, (t) => t.key === notReadyTaintKey && t.effect === 'NoSchedule')
}

/** tryUpdateNodeHealth: the kubelet is silent; say so on the node's conditions (UpdateStatus). */
function markUnknown(s: NodeLifecycleState, client: ApiClient<{ do: 'ignore' }>, ctx: Ctx, node: KObject, everPosted: boolean): void {
  const now = rfc3339(ctx.startTimeMs + ctx.now)
  const next: KObject = { ...node, status: { ...(node.status as object) } }
  const types = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']
  const reason = everPosted ? 'NodeStatusUnknown' : 'NodeStatusNeverUpdated'
  const message = everPosted ? 'Kubelet stopped posting node status.' : 'Kubelet never posted node status.'
  const conds = conditions(node).map((c) =>
    types.includes(c.type) && c.status !== 'Unknown' ? { ...c, status: 'Unknown', reason, message, lastTransitionTime: now } : c,
  )
  ;(next.status as { conditions: Condition[] }).conditions = conds
  s.nodes[cacheKey(node)] = next
  apiRequest(client, ctx, 'update', `/api/v1/nodes/${node.metadata.name}/status`, { do: 'ignore' }, { body: next, asUser })
  recordEvent(client, ctx, { involved: node, type: 'Normal', reason: 'NodeNotReady', message: `Node ${node.metadata.name} status is now: NodeNotReady`, component: 'node-controller', asUser }, { do: 'ignore' })
  // TaintNodesByCondition: the NoSchedule taint goes on at once.
  addTaints(s, client, ctx, next, [{ key: unreachableTaintKey, effect: 'NoSchedule' }])
}

/** MarkPodsNotReady: each pod on the node gets Ready=False through UpdateStatus. */
function markPodsNotReady(s: NodeLifecycleState, client: ApiClient<{ do: 'ignore' }>, ctx: Ctx, nodeName: string): void {
  const now = rfc3339(ctx.startTimeMs + ctx.now)
  for (const key of Object.keys(s.pods).sort()) {
    const pod = s.pods[key]!
    if ((pod.spec as { nodeName?: string }).nodeName !== nodeName) continue
    const status = (pod.status ?? {}) as { conditions?: Condition[] }
    const conds = status.conditions ?? []
    const ready = conds.find((c) => c.type === 'Ready')
    if (!ready || ready.status === 'False') continue
    const next: KObject = { ...pod, status: { ...status, conditions: conds.map((c) => (c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: now } : c)) } }
    apiRequest(client, ctx, 'update', `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}/status`, { do: 'ignore' }, { body: next, asUser })
    recordEvent(client, ctx, { involved: pod, type: 'Warning', reason: 'NodeNotReady', message: 'Node is not ready', component: 'node-controller', asUser }, { do: 'ignore' })
  }
}

function enqueueNoExecute(s: NodeLifecycleState, ctx: Ctx, node: KObject): void {
  const name = String(node.metadata.name)
  const key = readyOf(node)?.status === 'False' ? notReadyTaintKey : unreachableTaintKey
  if (taintsOf(node).some((t) => t.key === key && t.effect === 'NoExecute') || s.taintQueue.includes(name)) return
  s.taintQueue.push(name)
  if (!ctx.hasTimer('node-taint-queue')) ctx.setTimer('node-taint-queue', nodeEvictionPeriodMs)
}

/** The zone's state decides its eviction rate (ComputeZoneState, setLimiterInZone). */
function zoneRatePerMs(s: NodeLifecycleState, zone: string): number {
  let ready = 0
  let notReady = 0
  for (const n of Object.values(s.nodes)) {
    if (zoneOf(n) !== zone) continue
    if (readyOf(n)?.status === 'True') ready++
    else notReady++
  }
  if (ready === 0 && notReady > 0) return 0 // FullDisruption: stop tainting and evicting.
  if (notReady > 2 && notReady / (notReady + ready) >= unhealthyZoneThreshold)
    return Object.keys(s.nodes).length > largeClusterSizeThreshold ? secondaryNodeEvictionRatePerMs : 0
  return nodeEvictionRatePerMs
}

function processTaintQueue(s: NodeLifecycleState, client: ApiClient<{ do: 'ignore' }>, ctx: Ctx): void {
  const left: string[] = []
  for (const name of s.taintQueue) {
    const node = s.nodes[name]
    const status = node ? readyOf(node)?.status : 'True'
    if (!node || status === 'True') continue
    const zone = zoneOf(node)
    const rate = zoneRatePerMs(s, zone)
    const b = (s.buckets[zone] ??= { tokens: 1, atMs: ctx.now })
    b.tokens = Math.min(1, b.tokens + (ctx.now - b.atMs) * rate)
    b.atMs = ctx.now
    if (rate === 0 || b.tokens < 1) {
      left.push(name)
      continue
    }
    b.tokens -= 1
    const key = status === 'False' ? notReadyTaintKey : unreachableTaintKey
    const other = key === notReadyTaintKey ? unreachableTaintKey : notReadyTaintKey
    // SwapNodeControllerTaint: the new NoExecute taint replaces the other one.
    addTaints(s, client, ctx, node, [{ key, effect: 'NoExecute' }], (t) => t.key === other && t.effect === 'NoExecute')
  }
  s.taintQueue = left
  if (left.length) ctx.setTimer('node-taint-queue', nodeEvictionPeriodMs)
}

/** PATCH the node's taints: add `add` (stamped with timeAdded), drop those `drop` selects. */
function addTaints(s: NodeLifecycleState, client: ApiClient<{ do: 'ignore' }>, ctx: Ctx, node: KObject, add: Taint[], drop: (t: Taint) => boolean = () => false): void {
  const current = taintsOf(node)
  const fresh = add.filter((a) => !current.some((t) => t.key === a.key && t.effect === a.effect))
  if (fresh.length === 0 && !current.some(drop)) return
  const timeAdded = rfc3339(ctx.startTimeMs + ctx.now)
  const taints = [...current.filter((t) => !drop(t)), ...fresh.map((t) => ({ ...t, timeAdded }))]
  s.nodes[cacheKey(node)] = { ...node, spec: { ...(node.spec as object), taints } }
  apiRequest(client, ctx, 'patch', `/api/v1/nodes/${node.metadata.name}`, { do: 'ignore' }, { body: { spec: { taints } }, asUser })
}

function removeTaints(s: NodeLifecycleState, client: ApiClient<{ do: 'ignore' }>, ctx: Ctx, node: KObject, drop: (t: Taint) => boolean): void {
  const current = taintsOf(node)
  if (!current.some(drop)) return
  const taints = current.filter((t) => !drop(t))
  s.nodes[cacheKey(node)] = { ...node, spec: { ...(node.spec as object), taints } }
  apiRequest(client, ctx, 'patch', `/api/v1/nodes/${node.metadata.name}`, { do: 'ignore' }, { body: { spec: { taints: taints.length ? taints : null } }, asUser })
}

/** When the controller first saw a node's Lease renewed; for tests and the inspector. */
export function lastProbeMs(s: NodeLifecycleState, node: string): number | undefined {
  return s.health[node]?.probeMs
}

