/**
 * The StatefulSet controller (pkg/controller/statefulset): pods with stable names `<set>-<ordinal>`.
 * With the default OrderedReady policy it creates ordinal n only when 0…n−1 are Running and Ready,
 * and deletes from the highest ordinal down, one at a time; Parallel does both at once. Each
 * template is kept as a ControllerRevision `<set>-<hash>` (revisions.ts), which is also the pods'
 * `controller-revision-hash`. With the RollingUpdate strategy (the default, partition 0), once
 * every pod is Running and Ready the highest-ordinal pod of an older revision is deleted and comes
 * back under the same name from the new template, one at a time (stateful_set_control.go
 * updateStatefulSet); currentRevision becomes updateRevision when all are updated.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { ApiResponse } from '../../messages.ts'
import { resourceByKind, restPath } from '../../k8s/resources.ts'
import type { KObject } from '../../protocol.ts'
import { computeHash } from './hash.ts'
import { canonicalJson, controllerRef, isPodReady, podStatus } from './objects.ts'
import { ownedPods, podFromTemplate } from './replicaset.ts'
import type { ControllerManagerState } from './state.ts'
import { emit, enqueue, send } from './workqueue.ts'
import { syncRevisions } from './revisions.ts'

const ctrl = 'statefulset-controller'

interface SetSpec {
  replicas?: number
  serviceName?: string
  podManagementPolicy?: string
  updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } }
  template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: Record<string, unknown> }
}

export function syncStatefulSet(state: ControllerManagerState, ctx: Ctx, key: string): void {
  const set = state.caches.statefulsets![key]
  if (!set || set.metadata.deletionTimestamp) return
  const spec = (set.spec ?? {}) as SetSpec
  const name = String(set.metadata.name)
  const ns = String(set.metadata.namespace)
  const replicas = spec.replicas ?? 1
  const parallel = spec.podManagementPolicy === 'Parallel'
  const hash = computeHash(spec.template)
  const revision = `${name}-${hash}`
  syncRevisions(state, ctx, ctrl, key, set, spec.template, hash)
  const pods = ownedPods(state, set)
  const byOrdinal: Record<number, KObject> = {}
  for (const p of pods) {
    const ord = Number(String(p.metadata.name).slice(name.length + 1))
    if (Number.isInteger(ord)) byOrdinal[ord] = p
  }
  const healthy = (p: KObject | undefined): boolean => !!p && podStatus(p).phase === 'Running' && isPodReady(p) && !p.metadata.deletionTimestamp
  let acted = false
  for (let i = 0; i < replicas; i++) {
    const p = byOrdinal[i]
    if (!p) {
      acted = true
      const podName = `${name}-${i}`
      const template = {
        metadata: { ...spec.template?.metadata, labels: { ...spec.template?.metadata?.labels, 'apps.kubernetes.io/pod-index': String(i), 'controller-revision-hash': revision, 'statefulset.kubernetes.io/pod-name': podName } },
        spec: { ...spec.template?.spec, hostname: podName, ...(spec.serviceName ? { subdomain: spec.serviceName } : {}) },
      }
      send(state, ctx, ctrl, key, 'create', restPath(resourceByKind('Pod')!, ns), { body: podFromTemplate(set, template, { name: podName }), step: 'create-pod', name: podName })
      if (!parallel) break
    } else if (podStatus(p).phase === 'Failed' || podStatus(p).phase === 'Succeeded') {
      // A failed pod is deleted and recreated under the same name (stateful_set_control.go).
      if (!p.metadata.deletionTimestamp) send(state, ctx, ctrl, key, 'delete', restPath(resourceByKind('Pod')!, ns, String(p.metadata.name)), { step: 'delete-pod', name: String(p.metadata.name) })
      acted = true
      if (!parallel) break
    } else if (!parallel && !healthy(p)) {
      acted = true
      break
    }
  }
  const extra = Object.keys(byOrdinal).map(Number).filter((o) => o >= replicas).sort((a, b) => b - a)
  const allHealthy = Array.from({ length: replicas }, (_, i) => byOrdinal[i]).every(healthy)
  for (const o of extra) {
    acted = true
    const p = byOrdinal[o]!
    if (p.metadata.deletionTimestamp) {
      if (!parallel) break
      continue
    }
    if (!parallel && !allHealthy) break
    send(state, ctx, ctrl, key, 'delete', restPath(resourceByKind('Pod')!, ns, String(p.metadata.name)), { step: 'delete-pod', name: String(p.metadata.name) })
    if (!parallel) break
  }
  const revisionOf = (p: KObject): string | undefined => p.metadata.labels?.['controller-revision-hash']
  // Rolling update: when nothing else is to be done and all are healthy, replace the highest
  // ordinal of an older revision, down to the partition.
  const partition = spec.updateStrategy?.rollingUpdate?.partition ?? 0
  if (!acted && allHealthy && spec.updateStrategy?.type !== 'OnDelete') {
    for (let i = replicas - 1; i >= partition; i--) {
      const p = byOrdinal[i]!
      if (revisionOf(p) === revision) continue
      send(state, ctx, ctrl, key, 'delete', restPath(resourceByKind('Pod')!, ns, String(p.metadata.name)), { step: 'delete-pod', name: String(p.metadata.name) })
      break
    }
  }
  const active = pods.filter((p) => !p.metadata.deletionTimestamp)
  const ready = active.filter(isPodReady).length
  const updated = active.filter((p) => revisionOf(p) === revision).length
  const previous = (set.status as { currentRevision?: string } | undefined)?.currentRevision
  const done = updated === replicas && active.length === replicas
  const currentRevision = !previous || done ? revision : previous
  const status = {
    observedGeneration: set.metadata.generation ?? 1,
    replicas: active.length,
    ...(ready ? { readyReplicas: ready } : {}),
    currentReplicas: active.filter((p) => revisionOf(p) === currentRevision).length,
    updatedReplicas: updated,
    currentRevision,
    updateRevision: revision,
    collisionCount: 0,
    availableReplicas: ready,
  }
  if (canonicalJson(status) !== canonicalJson(set.status ?? {})) send(state, ctx, ctrl, key, 'update', restPath(resourceByKind('StatefulSet')!, ns, name, 'status'), { body: { ...set, status }, step: 'status' })
}

export function statefulSetResponse(state: ControllerManagerState, ctx: Ctx, key: string, step: string | undefined, name: string | undefined, msg: ApiResponse): void {
  const set = state.caches.statefulsets![key]
  const setName = key.split('/')[1]
  if (step === 'create-pod' && set) {
    if (msg.code === 201) emit(state, ctx, ctrl, set, 'Normal', 'SuccessfulCreate', `create Pod ${name} in StatefulSet ${setName} successful`)
    else emit(state, ctx, ctrl, set, 'Warning', 'FailedCreate', `create Pod ${name} in StatefulSet ${setName} failed error: ${(msg.body as { message?: string }).message ?? ''}`)
  } else if (step === 'delete-pod' && set && msg.code === 200) emit(state, ctx, ctrl, set, 'Normal', 'SuccessfulDelete', `delete Pod ${name} in StatefulSet ${setName} successful`)
  else if (msg.code === 409) enqueue(state, ctx, ctrl, key)
}

export function observeForStatefulSet(state: ControllerManagerState, ctx: Ctx, o: KObject): void {
  if (o.kind === 'StatefulSet') return enqueue(state, ctx, ctrl, `${o.metadata.namespace}/${o.metadata.name}`)
  const ref = controllerRef(o)
  if (ref?.kind === 'StatefulSet') enqueue(state, ctx, ctrl, `${o.metadata.namespace}/${ref.name}`)
}
