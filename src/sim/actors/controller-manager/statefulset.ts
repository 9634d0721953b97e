/**
 * The StatefulSet controller (pkg/controller/statefulset): pods with stable names `<set>-<ordinal>`.
 * With the default OrderedReady policy it creates ordinal n only when 0…n−1 are Running and Ready,
 * and deletes from the highest ordinal down, one at a time; Parallel does both at once.
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

const ctrl = 'statefulset-controller'

interface SetSpec {
  replicas?: number
  serviceName?: string
  podManagementPolicy?: string
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
  const revision = `${name}-${computeHash(spec.template)}`
  const pods = ownedPods(state, set)
  const byOrdinal: Record<number, KObject> = {}
  for (const p of pods) {
    const ord = Number(String(p.metadata.name).slice(name.length + 1))
    if (Number.isInteger(ord)) byOrdinal[ord] = p
  }
  const healthy = (p: KObject | undefined): boolean => !!p && podStatus(p).phase === 'Running' && isPodReady(p) && !p.metadata.deletionTimestamp
  for (let i = 0; i < replicas; i++) {
    const p = byOrdinal[i]
    if (!p) {
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
      if (!parallel) break
    } else if (!parallel && !healthy(p)) break
  }
  const extra = Object.keys(byOrdinal).map(Number).filter((o) => o >= replicas).sort((a, b) => b - a)
  const allHealthy = Array.from({ length: replicas }, (_, i) => byOrdinal[i]).every(healthy)
  for (const o of extra) {
    const p = byOrdinal[o]!
    if (p.metadata.deletionTimestamp) {
      if (!parallel) break
      continue
    }
    if (!parallel && !allHealthy) break
    send(state, ctx, ctrl, key, 'delete', restPath(resourceByKind('Pod')!, ns, String(p.metadata.name)), { step: 'delete-pod', name: String(p.metadata.name) })
    if (!parallel) break
  }
  const active = pods.filter((p) => !p.metadata.deletionTimestamp)
  const ready = active.filter(isPodReady).length
  const status = {
    observedGeneration: set.metadata.generation ?? 1,
    replicas: active.length,
    ...(ready ? { readyReplicas: ready } : {}),
    currentReplicas: active.length,
    updatedReplicas: active.length,
    currentRevision: revision,
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
