/**
 * The DaemonSet controller (pkg/controller/daemon/daemon_controller.go): one pod per eligible
 * node, pinned there with a required nodeAffinity on `metadata.name` (util.ReplaceDaemonSetPodNodeNameNodeAffinity)
 * and the tolerations every daemon pod gets (util.AddOrUpdateDaemonPodTolerations); the default
 * scheduler then binds it. Surplus pods on a node are deleted. Each template is kept as a
 * ControllerRevision (revisions.ts); with the RollingUpdate strategy (the default) pods of an
 * older template are deleted, at most maxUnavailable (default 1) unavailable at a time, and their
 * node gets a pod of the new one (daemon/update.go rollingUpdate).
 */
import type { Ctx } from '../../engine/actor.ts'
import { resourceByKind, restPath } from '../../k8s/resources.ts'
import type { KObject, Taint } from '../../protocol.ts'
import { computeHash } from './hash.ts'
import { canonicalJson, controllerRef, isPodActive, isPodReady, nodeNameOf } from './objects.ts'
import { ownedPods, podFromTemplate } from './replicaset.ts'
import type { ControllerManagerState } from './state.ts'
import { enqueue, send } from './workqueue.ts'
import { syncRevisions } from './revisions.ts'

const ctrl = 'daemonset-controller'

interface Toleration {
  key?: string
  operator?: string
  value?: string
  effect?: string
  tolerationSeconds?: number
}

/** The tolerations added to every daemon pod (pkg/controller/daemon/util/daemonset_util.go). */
function daemonTolerations(hostNetwork: boolean): Toleration[] {
  const t: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ]
  if (hostNetwork) t.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' })
  return t
}

function tolerates(tols: Toleration[], taint: Taint): boolean {
  return tols.some((t) => (!t.effect || t.effect === taint.effect) && (t.operator === 'Exists' ? !t.key || t.key === taint.key : t.key === taint.key && (t.value ?? '') === (taint.value ?? '')))
}

/** NodeShouldRunDaemonPod: the node selector matches and every NoSchedule/NoExecute taint is tolerated. */
function shouldRun(node: KObject, podSpec: { nodeSelector?: Record<string, string>; tolerations?: Toleration[] }): boolean {
  for (const [k, v] of Object.entries(podSpec.nodeSelector ?? {})) if (node.metadata.labels?.[k] !== v) return false
  const taints = ((node.spec as { taints?: Taint[] } | undefined)?.taints ?? []).filter((t) => t.effect !== 'PreferNoSchedule')
  return taints.every((t) => tolerates(podSpec.tolerations ?? [], t))
}

export function syncDaemonSet(state: ControllerManagerState, ctx: Ctx, key: string): void {
  const ds = state.caches.daemonsets![key]
  if (!ds || ds.metadata.deletionTimestamp) return
  const spec = (ds.spec ?? {}) as {
    template?: { metadata?: { labels?: Record<string, string> }; spec?: Record<string, unknown> }
    updateStrategy?: { type?: string; rollingUpdate?: { maxUnavailable?: number | string } }
  }
  const podSpec = { ...(spec.template?.spec ?? {}) } as { nodeSelector?: Record<string, string>; tolerations?: Toleration[]; hostNetwork?: boolean; affinity?: unknown }
  const tolerations = [...(podSpec.tolerations ?? [])]
  for (const t of daemonTolerations(!!podSpec.hostNetwork)) if (!tolerations.some((x) => x.key === t.key && x.effect === t.effect)) tolerations.push(t)
  const pods = ownedPods(state, ds).filter(isPodActive)
  const byNode: Record<string, KObject[]> = {}
  for (const p of pods) (byNode[nodeNameOf(p) || nodeOfAffinity(p)] ??= []).push(p)
  const hash = computeHash(spec.template)
  syncRevisions(state, ctx, ctrl, key, ds, spec.template, hash)
  const generation = String(ds.metadata.generation ?? 1)
  const old: KObject[] = []
  let desired = 0
  const exp = state.expectations[`${ctrl}/${key}`]
  const satisfied = !exp || (exp.add <= 0 && exp.del <= 0)
  let creates = 0
  for (const node of Object.values(state.caches.nodes!).sort((a, b) => String(a.metadata.name).localeCompare(String(b.metadata.name)))) {
    const name = String(node.metadata.name)
    const here = byNode[name] ?? []
    if (!shouldRun(node, { ...podSpec, tolerations })) continue
    desired++
    if (!satisfied) continue
    if (here.length === 0) {
      const template = {
        metadata: { ...spec.template?.metadata, labels: { ...spec.template?.metadata?.labels, 'controller-revision-hash': hash, 'pod-template-generation': generation } },
        spec: {
          ...podSpec,
          tolerations,
          affinity: { ...((podSpec.affinity as object) ?? {}), nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [name] }] }] } } },
        },
      }
      creates++
      send(state, ctx, ctrl, key, 'create', restPath(resourceByKind('Pod')!, String(ds.metadata.namespace)), { body: podFromTemplate(ds, template), step: 'create-pod' })
    }
    if (here[0] && here[0].metadata.labels?.['controller-revision-hash'] !== hash) old.push(here[0])
    for (const extra of here.slice(1)) send(state, ctx, ctrl, key, 'delete', restPath(resourceByKind('Pod')!, String(ds.metadata.namespace), String(extra.metadata.name)), { step: 'delete-pod', name: String(extra.metadata.name) })
  }
  const deletes = satisfied && spec.updateStrategy?.type !== 'OnDelete' ? rollingUpdate(state, ctx, key, ds, old, desired - pods.filter(isPodReady).length, maxUnavailable(spec.updateStrategy?.rollingUpdate?.maxUnavailable, desired)) : 0
  if (creates || deletes) state.expectations[`${ctrl}/${key}`] = { add: creates, del: deletes }
  const ready = pods.filter(isPodReady).length
  const status = {
    currentNumberScheduled: pods.length,
    numberMisscheduled: 0,
    desiredNumberScheduled: desired,
    numberReady: ready,
    observedGeneration: ds.metadata.generation ?? 1,
    updatedNumberScheduled: pods.filter((p) => p.metadata.labels?.['controller-revision-hash'] === hash).length,
    numberAvailable: ready,
    ...(desired - ready > 0 ? { numberUnavailable: desired - ready } : {}),
  }
  if (canonicalJson(status) !== canonicalJson(ds.status ?? {})) send(state, ctx, ctrl, key, 'update', restPath(resourceByKind('DaemonSet')!, String(ds.metadata.namespace), String(ds.metadata.name), 'status'), { body: { ...ds, status }, step: 'status' })
}

/** maxUnavailable as a number or a percentage of the desired pods, rounded up (apps/v1 default 1). */
function maxUnavailable(v: number | string | undefined, desired: number): number {
  if (v === undefined) return 1
  if (typeof v === 'number') return v
  const pct = /^(\d+)%$/.exec(v)
  return pct ? Math.ceil((Number(pct[1]) * desired) / 100) : Number(v) || 1
}

/**
 * daemon/update.go rollingUpdate: old pods that are not ready go first, free; then ready old pods
 * while fewer than maxUnavailable pods are unavailable. Returns how many deletions were sent.
 */
function rollingUpdate(state: ControllerManagerState, ctx: Ctx, key: string, ds: KObject, old: KObject[], unavailable: number, max: number): number {
  let budget = max - unavailable
  let sent = 0
  for (const p of [...old].sort((a, b) => Number(isPodReady(a)) - Number(isPodReady(b)))) {
    if (isPodReady(p)) {
      if (budget <= 0) break
      budget--
    }
    sent++
    send(state, ctx, ctrl, key, 'delete', restPath(resourceByKind('Pod')!, String(ds.metadata.namespace), String(p.metadata.name)), { step: 'delete-pod', name: String(p.metadata.name) })
  }
  return sent
}

function nodeOfAffinity(p: KObject): string {
  const terms = (p.spec as { affinity?: { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: { matchFields?: { values?: string[] }[] }[] } } } }).affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms
  return terms?.[0]?.matchFields?.[0]?.values?.[0] ?? ''
}

export function observeForDaemonSet(state: ControllerManagerState, ctx: Ctx, o: KObject, type = 'MODIFIED'): void {
  if (o.kind === 'DaemonSet') return enqueue(state, ctx, ctrl, `${o.metadata.namespace}/${o.metadata.name}`)
  if (o.kind === 'Node') {
    for (const ds of Object.values(state.caches.daemonsets!)) enqueue(state, ctx, ctrl, `${ds.metadata.namespace}/${ds.metadata.name}`)
    return
  }
  const ref = controllerRef(o)
  if (ref?.kind !== 'DaemonSet') return
  const key = `${o.metadata.namespace}/${ref.name}`
  const exp = state.expectations[`${ctrl}/${key}`]
  if (exp && type === 'ADDED') exp.add--
  // A deletion is observed when the pod turns Terminating or goes (a pod may report both).
  if (exp && exp.del > 0 && o.kind === 'Pod' && (type === 'DELETED' || o.metadata.deletionTimestamp)) exp.del--
  enqueue(state, ctx, ctrl, key)
}

