/**
 * The Deployment controller (pkg/controller/deployment: sync.go, rolling.go, recreate.go,
 * progress.go). It owns ReplicaSets named `<deployment>-<pod-template-hash>`, grows the new one
 * and shrinks the old ones within maxSurge and maxUnavailable, and reports Available and
 * Progressing with the real reasons (FIDELITY.md §1.1 phases B and F).
 */
import type { Ctx } from '../../engine/actor.ts'
import { clonePlain } from '../../engine/clone.ts'
import type { ApiResponse } from '../../messages.ts'
import { rfc3339 } from '../../k8s/meta.ts'
import { resourceByKind, restPath } from '../../k8s/resources.ts'
import type { KObject } from '../../protocol.ts'
import {
  desiredReplicasAnnotation,
  dspec,
  maxReplicasAnnotation,
  maxRevision,
  maxSurge,
  maxUnavailable,
  messages,
  newRSAnnotations,
  newRSNewReplicas,
  podTemplateHashLabel,
  replicasOf,
  revisionAnnotation,
  revisionOf,
  rsStatus,
  sameTemplate,
  setCondition,
  specReplicaSum,
  statusSum,
  type Condition,
} from './deployment-util.ts'
import { computeHash } from './hash.ts'
import { annotations, controllerRef, epochOf, newControllerRef, sameJson } from './objects.ts'
import { ownedPods } from './replicaset.ts'
import type { ControllerManagerState } from './state.ts'
import { emit, enqueue, send } from './workqueue.ts'
import { claimReplicaSets, deploymentClaimResponse, observeReplicaSetForClaims } from './deployment-claim.ts'

const ctrl = 'deployment-controller'

interface Sync {
  state: ControllerManagerState
  ctx: Ctx
  key: string
  d: KObject
  /** Deployment annotations and conditions as this sync leaves them. */
  annotations: Record<string, string>
  conditions: Condition[]
  /** A ReplicaSet was created in this sync: only the revision and NewReplicaSetCreated are written (phase B4). */
  created: boolean
}

function ownedRSs(state: ControllerManagerState, d: KObject): KObject[] {
  const ns = String(d.metadata.namespace)
  const uid = String(d.metadata.uid)
  return Object.values(state.caches.replicasets!)
    .filter((rs) => rs.metadata.namespace === ns && controllerRef(rs)?.uid === uid)
    // A sync changes a ReplicaSet's annotations and replicas on its own copy (scaleReplicaSet);
    // the rest, the pod template above all, stays the cache's frozen object, whose
    // EqualIgnoreHash text is then made once (deployment-util.ts withoutHash).
    .map((rs) => ({ ...rs, metadata: { ...rs.metadata }, spec: { ...(rs.spec as object) }, ...(rs.status ? { status: clonePlain(rs.status) } : {}) }))
    .sort((a, b) => epochOf(a.metadata.creationTimestamp) - epochOf(b.metadata.creationTimestamp) || String(a.metadata.name).localeCompare(String(b.metadata.name)))
}

function findNewRS(d: KObject, rss: KObject[]): KObject | undefined {
  return rss.find((rs) => sameTemplate((rs.spec as { template?: never }).template, dspec(d).template))
}

function condition(s: Sync, type: string, status: Condition['status'], reason: string, message: string): void {
  const now = rfc3339(s.ctx.startTimeMs + s.ctx.now)
  s.conditions = setCondition(s.conditions, { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message })
}

/** scaleReplicaSetAndRecordEvent: PUT the ReplicaSet with its new size and replica annotations. */
function scaleRS(s: Sync, rs: KObject, to: number): void {
  const from = replicasOf(rs)
  const ann = { ...annotations(rs), [desiredReplicasAnnotation]: String(replicasOf(s.d)), [maxReplicasAnnotation]: String(replicasOf(s.d) + maxSurge(s.d)) }
  if (from === to && sameJson(ann, annotations(rs))) return
  rs.metadata.annotations = ann
  ;(rs.spec as { replicas: number }).replicas = to
  send(s.state, s.ctx, ctrl, s.key, 'update', restPath(resourceByKind('ReplicaSet')!, String(rs.metadata.namespace), String(rs.metadata.name)), { body: rs, step: 'rs' })
  if (from !== to) emit(s.state, s.ctx, ctrl, s.d, 'Normal', 'ScalingReplicaSet', `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`)
}

/** getNewReplicaSet: the ReplicaSet of the current template, created when missing. */
function newReplicaSet(s: Sync, rss: KObject[], create: boolean): { newRS?: KObject; created: boolean } {
  const existing = findNewRS(s.d, rss)
  const olds = rss.filter((rs) => rs !== existing)
  const revision = maxRevision(olds) + 1
  if (existing) {
    const ann = newRSAnnotations(s.d, existing, revision)
    if (!sameJson(ann, annotations(existing))) {
      existing.metadata.annotations = ann
      send(s.state, s.ctx, ctrl, s.key, 'update', restPath(resourceByKind('ReplicaSet')!, String(existing.metadata.namespace), String(existing.metadata.name)), { body: existing, step: 'rs' })
    }
    s.annotations[revisionAnnotation] = annotations(existing)[revisionAnnotation] ?? String(revision)
    if (!s.conditions.some((c) => c.type === 'Progressing')) condition(s, 'Progressing', 'True', 'FoundNewReplicaSet', messages.found(String(existing.metadata.name)))
    return { newRS: existing, created: false }
  }
  if (!create) return { created: false }
  const spec = dspec(s.d)
  const collisionCount = (s.d.status as { collisionCount?: number } | undefined)?.collisionCount
  const hash = computeHash(spec.template, collisionCount)
  const template = clonePlain(spec.template ?? {})
  template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [podTemplateHashLabel]: hash } }
  const name = `${s.d.metadata.name}-${hash}`
  const replicas = newRSNewReplicas(s.d, rss, undefined)
  const rs: KObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: s.d.metadata.namespace,
      labels: { ...template.metadata.labels },
      annotations: { ...newRSAnnotations(s.d, undefined, revision), [desiredReplicasAnnotation]: String(replicasOf(s.d)), [maxReplicasAnnotation]: String(replicasOf(s.d) + maxSurge(s.d)) },
      ownerReferences: [newControllerRef(s.d)],
    },
    spec: {
      replicas,
      minReadySeconds: spec.minReadySeconds ?? 0,
      selector: { ...(spec.selector ?? {}), matchLabels: { ...(spec.selector?.matchLabels ?? {}), [podTemplateHashLabel]: hash } },
      template,
    },
  }
  send(s.state, s.ctx, ctrl, s.key, 'create', restPath(resourceByKind('ReplicaSet')!, String(s.d.metadata.namespace)), { body: rs, step: 'create-rs', name })
  if (replicas > 0) emit(s.state, s.ctx, ctrl, s.d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${name} from 0 to ${replicas}`)
  s.annotations[revisionAnnotation] = String(revision)
  condition(s, 'Progressing', 'True', 'NewReplicaSetCreated', messages.created(name))
  s.created = true
  return { newRS: rs, created: true }
}

/** FilterActiveReplicaSets: those with replicas. */
function active(rss: KObject[]): KObject[] {
  return rss.filter((rs) => replicasOf(rs) > 0)
}

function isScalingEvent(d: KObject, rss: KObject[]): boolean {
  return active(rss).some((rs) => {
    const desired = annotations(rs)[desiredReplicasAnnotation]
    return desired !== undefined && Number(desired) !== replicasOf(d)
  })
}

/** sync.go scale: one active ReplicaSet takes the new size; several share it proportionally. */
function scale(s: Sync, newRS: KObject | undefined, olds: KObject[]): void {
  const all = newRS ? [...olds, newRS] : olds
  const act = active(all)
  const target = act.length === 1 ? act[0] : act.length === 0 ? (newRS ?? olds[olds.length - 1]) : undefined
  if (target) {
    if (replicasOf(target) !== replicasOf(s.d) || annotations(target)[desiredReplicasAnnotation] !== String(replicasOf(s.d))) scaleRS(s, target, replicasOf(s.d))
    return
  }
  const want = replicasOf(s.d)
  const allowed = want > 0 ? want + maxSurge(s.d) : 0
  const toAdd = allowed - specReplicaSum(act)
  const sorted = [...act].sort((a, b) => (toAdd > 0 ? replicasOf(b) - replicasOf(a) : replicasOf(a) - replicasOf(b)))
  let added = 0
  const sizes = sorted.map((rs) => {
    if (toAdd === 0) return replicasOf(rs)
    const annotated = Number(annotations(rs)[maxReplicasAnnotation] ?? 0) || 1
    const fraction = want === 0 ? -replicasOf(rs) : Math.round((replicasOf(rs) * allowed) / annotated) - replicasOf(rs)
    const left = toAdd - added
    const p = toAdd > 0 ? Math.min(fraction, left) : Math.max(fraction, left)
    added += p
    return replicasOf(rs) + p
  })
  if (sizes.length) sizes[0]! += toAdd - added
  sorted.forEach((rs, i) => scaleRS(s, rs, Math.max(0, sizes[i]!)))
}

/** rolling.go rolloutRolling. */
function rolloutRolling(s: Sync, rss: KObject[]): void {
  const { newRS, created } = newReplicaSet(s, rss, true)
  if (created || !newRS) return syncStatus(s, newRS, rss)
  const olds = rss.filter((rs) => rs !== newRS)
  const want = replicasOf(s.d)
  // reconcileNewReplicaSet
  if (replicasOf(newRS) > want) {
    scaleRS(s, newRS, want)
    return syncStatus(s, newRS, rss)
  }
  if (replicasOf(newRS) < want) {
    const n = newRSNewReplicas(s.d, rss, newRS)
    if (n !== replicasOf(newRS)) {
      scaleRS(s, newRS, n)
      return syncStatus(s, newRS, rss)
    }
  }
  // reconcileOldReplicaSets
  const oldCount = specReplicaSum(olds)
  if (oldCount > 0) {
    const minAvailable = want - maxUnavailable(s.d)
    const newUnavailable = replicasOf(newRS) - (rsStatus(newRS).availableReplicas ?? 0)
    const maxScaledDown = specReplicaSum(rss) - minAvailable - newUnavailable
    if (maxScaledDown > 0) {
      // cleanupUnhealthyReplicas: old pods that are not available go first.
      let cleaned = 0
      for (const rs of olds) {
        if (cleaned >= maxScaledDown) break
        const unhealthy = replicasOf(rs) - (rsStatus(rs).availableReplicas ?? 0)
        if (replicasOf(rs) === 0 || unhealthy <= 0) continue
        const n = Math.min(maxScaledDown - cleaned, unhealthy)
        scaleRS(s, rs, replicasOf(rs) - n)
        cleaned += n
      }
      // scaleDownOldReplicaSetsForRollingUpdate: then available ones, down to minAvailable.
      const availableCount = statusSum(rss, 'availableReplicas')
      if (availableCount > minAvailable) {
        const total = availableCount - minAvailable
        let done = 0
        for (const rs of olds) {
          if (done >= total) break
          if (replicasOf(rs) === 0) continue
          const n = Math.min(replicasOf(rs), total - done)
          scaleRS(s, rs, replicasOf(rs) - n)
          done += n
        }
      }
    }
  }
  if (complete(s.d, newRS, rss)) cleanup(s, olds)
  syncStatus(s, newRS, rss)
}

/** recreate.go rolloutRecreate: all old pods gone before the new ReplicaSet grows. */
function rolloutRecreate(s: Sync, rss: KObject[]): void {
  const { newRS } = newReplicaSet(s, rss, false)
  const olds = rss.filter((rs) => rs !== newRS)
  let scaledDown = false
  for (const rs of active(olds)) {
    scaleRS(s, rs, 0)
    scaledDown = true
  }
  if (scaledDown) return syncStatus(s, newRS, rss)
  const oldPodsRunning = olds.some((rs) => ownedPods(s.state, rs).some((p) => !['Succeeded', 'Failed'].includes(String((p.status as { phase?: string } | undefined)?.phase))))
  if (oldPodsRunning) return syncStatus(s, newRS, rss)
  if (!newRS) {
    const r = newReplicaSet(s, rss, true)
    return syncStatus(s, r.newRS, rss)
  }
  if (replicasOf(newRS) !== replicasOf(s.d)) scaleRS(s, newRS, replicasOf(s.d))
  if (complete(s.d, newRS, rss)) cleanup(s, olds)
  syncStatus(s, newRS, rss)
}

/** DeploymentComplete: every replica updated and available, and nothing old left. */
function complete(d: KObject, newRS: KObject | undefined, rss: KObject[]): boolean {
  const want = replicasOf(d)
  return !!newRS && (rsStatus(newRS).replicas ?? 0) === want && statusSum(rss, 'replicas') === want && statusSum(rss, 'availableReplicas') === want
}

/** cleanupDeployment: old, empty ReplicaSets beyond revisionHistoryLimit (default 10) go, oldest revision first. */
function cleanup(s: Sync, olds: KObject[]): void {
  const limit = dspec(s.d).revisionHistoryLimit ?? 10
  const alive = olds.filter((rs) => !rs.metadata.deletionTimestamp).sort((a, b) => revisionOf(a) - revisionOf(b))
  const diff = alive.length - limit
  for (let i = 0; i < diff; i++) {
    const rs = alive[i]!
    if ((rsStatus(rs).replicas ?? 0) !== 0 || replicasOf(rs) !== 0 || (rs.metadata.generation ?? 0) > (rsStatus(rs).observedGeneration ?? 0)) continue
    send(s.state, s.ctx, ctrl, s.key, 'delete', restPath(resourceByKind('ReplicaSet')!, String(rs.metadata.namespace), String(rs.metadata.name)), { step: 'rs' })
  }
}

/** calculateStatus + syncRolloutStatus: counts, Available, Progressing; PUT …/status when changed. */
function syncStatus(s: Sync, newRS: KObject | undefined, rss: KObject[]): void {
  const d = s.d
  const old = (d.status ?? {}) as Record<string, number | undefined>
  const want = replicasOf(d)
  const replicas = statusSum(rss, 'replicas')
  const updated = newRS ? (rsStatus(newRS).replicas ?? 0) : 0
  const ready = statusSum(rss, 'readyReplicas')
  const available = statusSum(rss, 'availableReplicas')
  const unavailable = Math.max(0, specReplicaSum(rss) - available)
  const createdNow = s.created
  if (!createdNow) {
    if (available >= want - maxUnavailable(d)) condition(s, 'Available', 'True', 'MinimumReplicasAvailable', messages.available)
    else condition(s, 'Available', 'False', 'MinimumReplicasUnavailable', messages.unavailable)
    const rsName = String(newRS?.metadata.name ?? '')
    if (dspec(d).paused) {
      if (!s.conditions.some((c) => c.reason === 'DeploymentPaused')) condition(s, 'Progressing', 'Unknown', 'DeploymentPaused', messages.paused)
    } else if (newRS && updated === want && replicas === want && available === want) condition(s, 'Progressing', 'True', 'NewReplicaSetAvailable', messages.progressed(rsName))
    else if (newRS && (updated > (old.updatedReplicas ?? 0) || ready > (old.readyReplicas ?? 0) || available > (old.availableReplicas ?? 0) || replicas < (old.replicas ?? 0))) {
      const now = rfc3339(s.ctx.startTimeMs + s.ctx.now)
      const cur = s.conditions.find((c) => c.type === 'Progressing')
      // A progressing rollout refreshes lastUpdateTime but keeps the transition time (progress.go).
      const next: Condition = { type: 'Progressing', status: 'True', lastUpdateTime: now, lastTransitionTime: cur?.status === 'True' ? cur.lastTransitionTime : now, reason: 'ReplicaSetUpdated', message: messages.progressing(rsName) }
      s.conditions = [...s.conditions.filter((c) => c.type !== 'Progressing'), next]
    } else if (newRS) {
      // progress.go DeploymentTimedOut: no progress for progressDeadlineSeconds (default 600).
      const cur = s.conditions.find((c) => c.type === 'Progressing')
      const deadlineMs = (dspec(d).progressDeadlineSeconds ?? 600) * 1000
      const now = s.ctx.startTimeMs + s.ctx.now
      if (cur && cur.reason !== 'NewReplicaSetAvailable' && cur.reason !== 'ProgressDeadlineExceeded') {
        const due = Date.parse(cur.lastUpdateTime) + deadlineMs
        if (due < now) condition(s, 'Progressing', 'False', 'ProgressDeadlineExceeded', messages.timedOut(rsName))
        // requeueStuckDeployment: look again when the deadline passes.
        else enqueue(s.state, s.ctx, ctrl, s.key, due - now + 1000)
      }
    }
  }
  const status: Record<string, unknown> = {
    observedGeneration: createdNow ? old.observedGeneration : d.metadata.generation,
    ...(replicas ? { replicas } : {}),
    ...(updated ? { updatedReplicas: updated } : {}),
    ...(ready ? { readyReplicas: ready } : {}),
    ...(available ? { availableReplicas: available } : {}),
    ...(unavailable ? { unavailableReplicas: unavailable } : {}),
    ...(s.conditions.length ? { conditions: s.conditions } : {}),
    ...((d.status as { collisionCount?: number } | undefined)?.collisionCount !== undefined ? { collisionCount: (d.status as { collisionCount: number }).collisionCount } : {}),
  }
  if (status.observedGeneration === undefined) delete status.observedGeneration
  const annChanged = !sameJson(s.annotations, annotations(d))
  if (!annChanged && sameJson(status, d.status ?? {})) return
  const body: KObject = { ...d, metadata: { ...d.metadata, annotations: s.annotations }, status }
  send(s.state, s.ctx, ctrl, s.key, 'update', restPath(resourceByKind('Deployment')!, String(d.metadata.namespace), String(d.metadata.name), 'status'), { body, step: 'status' })
}

export function syncDeployment(state: ControllerManagerState, ctx: Ctx, key: string): void {
  const d = state.caches.deployments![key]
  if (!d) return
  const s: Sync = { state, ctx, key, d, annotations: { ...annotations(d) }, created: false, conditions: clonePlain(((d.status as { conditions?: Condition[] } | undefined)?.conditions ?? []) as Condition[]) }
  // Orphan ReplicaSets the selector matches are adopted first (deployment-claim.ts).
  if (claimReplicaSets(state, ctx, key, d)) return
  const rss = ownedRSs(state, d)
  if (d.metadata.deletionTimestamp) return syncStatus(s, findNewRS(d, rss), rss)
  if (!dspec(d).paused) s.conditions = s.conditions.some((c) => c.reason === 'DeploymentPaused') ? setCondition(s.conditions, { ...s.conditions.find((c) => c.type === 'Progressing')!, status: 'Unknown', reason: 'DeploymentResumed', message: messages.resumed }) : s.conditions
  if (dspec(d).paused || isScalingEvent(d, rss)) {
    const { newRS } = newReplicaSet(s, rss, false)
    scale(s, newRS, rss.filter((rs) => rs !== newRS))
    return syncStatus(s, newRS, rss)
  }
  if (dspec(d).strategy?.type === 'Recreate') return rolloutRecreate(s, rss)
  rolloutRolling(s, rss)
}

export function deploymentResponse(state: ControllerManagerState, ctx: Ctx, key: string, msg: ApiResponse, step?: string, uid?: string): void {
  if (step === 'adopt-check' || step === 'adopt') return deploymentClaimResponse(state, ctx, key, step, uid, msg)
  // A stale write (409) or a name taken (AlreadyExists) means: look again with fresh caches.
  if (msg.code === 409) enqueue(state, ctx, ctrl, key)
}

/** Informer handlers: ReplicaSets and pod deletions queue their Deployment. */
export function observeForDeployment(state: ControllerManagerState, ctx: Ctx, type: string, o: KObject): void {
  if (o.kind === 'Deployment') return enqueue(state, ctx, ctrl, `${o.metadata.namespace}/${o.metadata.name}`)
  if (o.kind === 'ReplicaSet') {
    observeReplicaSetForClaims(state, ctx, o)
    const ref = controllerRef(o)
    if (ref?.kind === 'Deployment') enqueue(state, ctx, ctrl, `${o.metadata.namespace}/${ref.name}`)
    return
  }
  if (o.kind === 'Pod' && type === 'DELETED') {
    const ref = controllerRef(o)
    const rs = ref?.kind === 'ReplicaSet' ? state.caches.replicasets![`${o.metadata.namespace}/${ref.name}`] : undefined
    const dref = rs && controllerRef(rs)
    if (dref?.kind === 'Deployment') enqueue(state, ctx, ctrl, `${o.metadata.namespace}/${dref.name}`)
  }
}
