/**
 * The ReplicaSet controller (pkg/controller/replicaset/replica_set.go), which also runs as the
 * ReplicationController controller with RC names (pkg/controller/replication). It counts the
 * active pods it controls, creates the missing ones in slow-start batches (1, 2, 4, …) or deletes
 * the surplus in ActivePods order, and writes status. Expectations keep it from acting twice on
 * changes its informer has not seen yet (FIDELITY.md §1.1 phase C, §3.3).
 */
import type { Ctx } from '../../engine/actor.ts'
import type { ApiResponse } from '../../messages.ts'
import { clonePlain } from '../../engine/clone.ts'
import { resourceByKind, restPath } from '../../k8s/resources.ts'
import type { KObject } from '../../protocol.ts'
import { isPodActive, isPodAvailable, newControllerRef, selectorMatches, type LabelSelector } from './objects.ts'
import { podsToDelete } from './pod-ranking.ts'
import type { PodStats } from './pod-stats.ts'
import type { ControllerManagerState, ControllerName } from './state.ts'
import { emit, enqueue, send } from './workqueue.ts'
import { claimPods, claimResponse, claimsInFlight, observeForClaims } from './replicaset-claim.ts'

/** replica_set.go BurstReplicas: at most this many creates or deletes per sync. */
const burstReplicas = 500
/** controller_utils.go SlowStartInitialBatchSize. */
const slowStartInitialBatch = 1

export interface ReplicaKind {
  ctrl: ControllerName
  resource: 'replicasets' | 'replicationcontrollers'
  kind: 'ReplicaSet' | 'ReplicationController'
}

export const replicaSetKind: ReplicaKind = { ctrl: 'replicaset-controller', resource: 'replicasets', kind: 'ReplicaSet' }
export const replicationControllerKind: ReplicaKind = { ctrl: 'replicationcontroller-controller', resource: 'replicationcontrollers', kind: 'ReplicationController' }

interface ReplicaSpec {
  replicas?: number
  minReadySeconds?: number
  selector?: LabelSelector | Record<string, string>
  template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: unknown }
}

function specOf(o: KObject): ReplicaSpec {
  return (o.spec ?? {}) as ReplicaSpec
}

/** An RC's selector is a plain map; an RS's a LabelSelector. */
function selects(kind: ReplicaKind, owner: KObject, labels: Record<string, string> | undefined): boolean {
  const sel = specOf(owner).selector
  if (kind.kind === 'ReplicationController') return selectorMatches({ matchLabels: (sel ?? specOf(owner).template?.metadata?.labels ?? {}) as Record<string, string> }, labels)
  return selectorMatches(sel as LabelSelector, labels)
}

export function ownedPods(state: ControllerManagerState, owner: KObject): KObject[] {
  const pods = state.caches.pods!
  return Object.keys(state.podsByOwner[String(owner.metadata.uid)] ?? {})
    .map((k) => pods[k])
    .filter((p): p is KObject => !!p)
}

/** A pod from a controller's template (controller_utils.go GetPodFromTemplate). */
export function podFromTemplate(owner: KObject, template: ReplicaSpec['template'], extra: { name?: string; generateName?: string } = {}): KObject {
  const t = template ?? {}
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...(extra.name ? { name: extra.name } : { generateName: extra.generateName ?? `${owner.metadata.name}-` }),
      namespace: owner.metadata.namespace,
      ...(t.metadata?.labels ? { labels: { ...t.metadata.labels } } : {}),
      ...(t.metadata?.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
      ownerReferences: [newControllerRef(owner)],
    },
    spec: clonePlain(t.spec ?? {}),
  }
}

/**
 * A sync's active pods, walked only when needed: to pick pods to delete, or for minReadySeconds.
 * A holder and a module-level function rather than a local closure, which tsx's keepNames
 * transform would name (a defineProperty) on every sync.
 */
interface LazyPods {
  state: ControllerManagerState
  owner: KObject
  list?: KObject[]
}

function activePods(pods: LazyPods): KObject[] {
  return (pods.list ??= ownedPods(pods.state, pods.owner).filter(isPodActive))
}

function expectationKey(kind: ReplicaKind, key: string): string {
  return `${kind.ctrl}/${key}`
}

export function syncReplicas(kind: ReplicaKind, state: ControllerManagerState, ctx: Ctx, key: string): void {
  const owner = state.caches[kind.resource]![key]
  const ek = expectationKey(kind, key)
  if (!owner) {
    delete state.expectations[ek]
    delete state.slowStart[ek]
    delete state.claims?.[ek]
    return
  }
  const now = ctx.startTimeMs + ctx.now
  const stats = state.podStats[String(owner.metadata.uid)] ?? { active: 0, ready: 0 }
  const pods: LazyPods = { state, owner }
  claimPods(kind, (o, labels) => selects(kind, o, labels), () => ownedPods(state, owner), state, ctx, key, owner)
  const exp = state.expectations[ek]
  const satisfied = (!exp || (exp.add <= 0 && exp.del <= 0)) && !claimsInFlight(kind, state, key)
  const spec = specOf(owner)
  const want = spec.replicas ?? 1
  if (satisfied && !owner.metadata.deletionTimestamp && !state.slowStart[ek]) {
    const diff = stats.active - want
    if (diff < 0) {
      const n = Math.min(-diff, burstReplicas)
      state.expectations[ek] = { add: n, del: 0 }
      state.slowStart[ek] = { remaining: n, batch: slowStartInitialBatch, inFlight: 0, failed: false }
      createBatch(kind, state, ctx, key, owner)
    } else if (diff > 0) {
      const n = Math.min(diff, burstReplicas)
      const victims = podsToDelete(activePods(pods), activePods(pods), n, now)
      state.expectations[ek] = { add: 0, del: victims.length }
      for (const p of victims) send(state, ctx, kind.ctrl, key, 'delete', restPath(resourceByKind('Pod')!, String(p.metadata.namespace), String(p.metadata.name)), { step: 'delete-pod', name: String(p.metadata.name), uid: String(p.metadata.uid) })
    }
  }
  updateStatus(kind, state, ctx, key, owner, stats, pods, now)
}

function createBatch(kind: ReplicaKind, state: ControllerManagerState, ctx: Ctx, key: string, owner: KObject): void {
  const ss = state.slowStart[expectationKey(kind, key)]!
  const n = Math.min(ss.batch, ss.remaining)
  ss.remaining -= n
  ss.inFlight = n
  ss.batch *= 2
  const path = restPath(resourceByKind('Pod')!, String(owner.metadata.namespace))
  for (let i = 0; i < n; i++) send(state, ctx, kind.ctrl, key, 'create', path, { body: podFromTemplate(owner, specOf(owner).template), step: 'create-pod' })
}

function updateStatus(kind: ReplicaKind, state: ControllerManagerState, ctx: Ctx, key: string, owner: KObject, stats: PodStats, pods: LazyPods, now: number): void {
  const spec = specOf(owner)
  const minReady = spec.minReadySeconds ?? 0
  // Pods made from the template carry its labels, so every active pod is fully labeled; without
  // minReadySeconds a ready pod is available at once. Only minReadySeconds needs the walk.
  const fully = stats.active
  const ready = stats.ready
  const available = minReady ? activePods(pods).filter((p) => isPodAvailable(p, minReady, now)).length : ready
  const active = { length: stats.active }
  const old = (owner.status ?? {}) as Record<string, unknown>
  const status: Record<string, unknown> = {
    replicas: active.length,
    ...(fully ? { fullyLabeledReplicas: fully } : {}),
    ...(ready ? { readyReplicas: ready } : {}),
    ...(available ? { availableReplicas: available } : {}),
    observedGeneration: owner.metadata.generation ?? 1,
    ...(old.conditions ? { conditions: old.conditions } : {}),
  }
  const same = (['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration'] as const).every((f) => old[f] === status[f]) && Object.keys(old).length === Object.keys(status).length
  if (!same) {
    send(state, ctx, kind.ctrl, key, 'update', restPath(resourceByKind(kind.kind)!, String(owner.metadata.namespace), String(owner.metadata.name), 'status'), { body: { ...owner, status }, step: 'status' })
  }
  // A ready pod becomes available minReadySeconds later: look again then (replica_set.go).
  if (minReady && ready > available) enqueue(state, ctx, kind.ctrl, key, minReady * 1000)
}

/** A response to one of the sync's requests. */
export function replicasResponse(kind: ReplicaKind, state: ControllerManagerState, ctx: Ctx, key: string, step: string | undefined, name: string | undefined, msg: ApiResponse): void {
  const owner = state.caches[kind.resource]![key]
  const ek = expectationKey(kind, key)
  const exp = state.expectations[ek]
  const body = msg.body as KObject & { message?: string }
  if (step === 'create-pod') {
    const ss = state.slowStart[ek]
    if (msg.code === 201) {
      if (owner) emit(state, ctx, kind.ctrl, owner, 'Normal', 'SuccessfulCreate', `Created pod: ${body.metadata.name}`)
    } else {
      if (exp) exp.add--
      if (ss) ss.failed = true
      if (owner) emit(state, ctx, kind.ctrl, owner, 'Warning', 'FailedCreate', `Error creating: ${body.message ?? ''}`)
    }
    if (ss && --ss.inFlight === 0) {
      if (ss.failed || ss.remaining === 0 || !owner) {
        // The skipped pods will never be observed (controller_utils.go slowStartBatch callers).
        if (exp) exp.add -= ss.remaining
        delete state.slowStart[ek]
      } else createBatch(kind, state, ctx, key, owner)
    }
  } else if (step === 'delete-pod') {
    if (msg.code === 200) {
      if (owner) emit(state, ctx, kind.ctrl, owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`)
    } else {
      if (exp) exp.del--
      if (owner && msg.code !== 404) emit(state, ctx, kind.ctrl, owner, 'Warning', 'FailedDelete', `Error deleting: ${body.message ?? ''}`)
    }
  } else if (step === 'adopt' || step === 'release' || step === 'adopt-check') claimResponse(kind, state, ctx, key, step, name ?? '', msg, owner)
  else if (step === 'status' && msg.code === 409) enqueue(state, ctx, kind.ctrl, key)
}

/** Informer handlers: which keys a pod or owner change queues, and the expectations it meets. */
export function observePod(kind: ReplicaKind, state: ControllerManagerState, ctx: Ctx, type: string, pod: KObject, old: KObject | undefined): void {
  observeForClaims(kind, (o, labels) => selects(kind, o, labels), state, ctx, type, pod, old)
  const ref = ((pod.metadata.ownerReferences ?? []) as { kind: string; name: string; controller?: boolean }[]).find((r) => r.controller)
  if (!ref || ref.kind !== kind.kind) return
  const key = `${pod.metadata.namespace}/${ref.name}`
  const exp = state.expectations[expectationKey(kind, key)]
  if (exp) {
    if (type === 'ADDED' && !pod.metadata.deletionTimestamp) exp.add--
    // A pod that turns Terminating or disappears counts as the deletion observed (replica_set.go updatePod/deletePod).
    if ((type === 'DELETED' && !old?.metadata.deletionTimestamp) || (type === 'MODIFIED' && pod.metadata.deletionTimestamp && !old?.metadata.deletionTimestamp)) exp.del--
  }
  enqueue(state, ctx, kind.ctrl, key)
}

export function observeOwner(kind: ReplicaKind, state: ControllerManagerState, ctx: Ctx, owner: KObject): void {
  enqueue(state, ctx, kind.ctrl, `${owner.metadata.namespace}/${owner.metadata.name}`)
}

export { selects }
