/**
 * The disruption controller inside kube-controller-manager (pkg/controller/disruption/disruption.go):
 * for every PodDisruptionBudget it counts the pods its selector picks, works out how many must stay
 * healthy, and writes the figures the Eviction API decides with to the budget's status (PUT
 * …/poddisruptionbudgets/<name>/status): expectedPods, currentHealthy, desiredHealthy,
 * disruptionsAllowed, observedGeneration and the DisruptionAllowed condition. A pod or budget
 * change queues the budgets that select it; the sync runs a moment later, as the workqueue does.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { Message, WatchEventMessage } from '../../messages.ts'
import { parseTime, rfc3339 } from '../../k8s/meta.ts'
import type { KObject } from '../../protocol.ts'
import { apiRequest, newApiClient, takeResponse, type ApiClient } from '../client/api-client.ts'
import { applyWatchEvent, type Cache } from '../client/informer.ts'
import { controllerRef, isPodReady, selectorMatches } from './objects.ts'

/** The controller's service account (--use-service-account-credentials). */
const asUser = 'system:serviceaccount:kube-system:disruption-controller'
/** Request ids of its own client, apart from the other controllers' on the same process. */
const firstRequest = 2_000_000
/** DeletionTimeout: an eviction the controller has not seen carried out within 2 m is forgotten. */
const deletionTimeoutMs = 120_000
/** The workqueue hands a key to a worker about a millisecond after it is added. */
const syncDelayMs = 1
const timerName = 'disruption-sync'

type IntOrString = number | string

interface PdbSpec {
  selector?: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] }
  minAvailable?: IntOrString
  maxUnavailable?: IntOrString
}

export interface PdbStatus {
  observedGeneration?: number
  disruptedPods?: Record<string, string>
  disruptionsAllowed: number
  currentHealthy: number
  desiredHealthy: number
  expectedPods: number
  conditions?: { type: string; status: string; reason: string; message: string; observedGeneration?: number; lastTransitionTime: string }[]
}

export interface DisruptionState {
  client: ApiClient<{ do: 'ignore' }>
  pdbs: Cache
  /** Budgets waiting for a sync, by `namespace/name`. */
  dirty: string[]
}

export function newDisruptionState(apiserver: string): DisruptionState {
  const client = newApiClient<{ do: 'ignore' }>(apiserver)
  client.nextReq = firstRequest
  return { client, pdbs: {}, dirty: [] }
}

/** GetScaledValueFromIntOrPercent: an int, or a percentage of `total` rounded up. */
export function scaled(value: IntOrString, total: number): number {
  if (typeof value === 'number') return value
  const pct = Number(String(value).replace('%', ''))
  return Math.ceil((pct * total) / 100)
}

/** The pods a budget selects in its namespace. */
function selected(pdb: KObject, pods: Cache): KObject[] {
  const spec = pdb.spec as PdbSpec
  const ns = pdb.metadata.namespace
  return Object.values(pods).filter((p) => p.metadata.namespace === ns && selectorMatches(spec.selector as never, p.metadata.labels))
}

/**
 * getExpectedScale: the replicas the selected pods' controllers want (each controller once). Pods
 * without a controller have no scale; the real controller then fails the sync, here they count as one.
 */
function expectedScale(pods: KObject[], replicasOf: (kind: string, ns: string, name: string) => number | undefined): number {
  const seen = new Set<string>()
  let total = 0
  for (const p of pods) {
    const ref = controllerRef(p)
    if (!ref) {
      total++
      continue
    }
    const id = `${ref.kind}/${ref.name}`
    if (seen.has(id)) continue
    seen.add(id)
    total += replicasOf(ref.kind, String(p.metadata.namespace), ref.name) ?? 1
  }
  return total
}

/**
 * buildDisruptedPodMap: evictions the Eviction API recorded that have not shown up as a deletion
 * yet; they stay (and those pods count as gone) until the deletion is seen or 2 m pass.
 */
export function pendingDisruptions(pdb: KObject, pods: Cache, nowMs: number): Record<string, string> {
  const recorded = ((pdb.status as Partial<PdbStatus> | undefined)?.disruptedPods ?? {})
  const out: Record<string, string> = {}
  for (const [name, at] of Object.entries(recorded)) {
    const pod = pods[`${pdb.metadata.namespace}/${name}`]
    if (!pod || pod.metadata.deletionTimestamp) continue
    if (parseTime(at) + deletionTimeoutMs < nowMs) continue
    out[name] = at
  }
  return out
}

/** The budget's figures (getExpectedPodCount, countHealthyPods, updatePdbStatus). */
export function computeStatus(
  pdb: KObject,
  pods: Cache,
  replicasOf: (kind: string, ns: string, name: string) => number | undefined,
  disrupted: Record<string, string> = {},
): Omit<PdbStatus, 'conditions' | 'observedGeneration' | 'disruptedPods'> {
  const spec = pdb.spec as PdbSpec
  const mine = selected(pdb, pods)
  let expected = mine.length
  let desired = 0
  if (spec.maxUnavailable !== undefined) {
    expected = expectedScale(mine, replicasOf)
    desired = expected - scaled(spec.maxUnavailable, expected)
  } else if (spec.minAvailable !== undefined) {
    if (typeof spec.minAvailable === 'number') desired = spec.minAvailable
    else {
      expected = expectedScale(mine, replicasOf)
      desired = scaled(spec.minAvailable, expected)
    }
  }
  const healthy = mine.filter((p) => !p.metadata.deletionTimestamp && !(String(p.metadata.name) in disrupted) && isPodReady(p)).length
  return { disruptionsAllowed: Math.max(0, healthy - desired), currentHealthy: healthy, desiredHealthy: desired, expectedPods: expected }
}

function queue(s: DisruptionState, ctx: Ctx, key: string): void {
  if (!s.dirty.includes(key)) s.dirty.push(key)
  if (!ctx.hasTimer(timerName)) ctx.setTimer(timerName, syncDelayMs)
}

/** Feeds the budget informer, and queues the budgets a pod change concerns. */
export function onDisruptionWatch(s: DisruptionState, msg: WatchEventMessage, old: KObject | undefined, ctx: Ctx): void {
  const o = msg.object
  if (o.kind === 'PodDisruptionBudget') {
    applyWatchEvent(s.pdbs, msg)
    if (msg.type !== 'DELETED') queue(s, ctx, `${o.metadata.namespace}/${o.metadata.name}`)
    return
  }
  if (o.kind !== 'Pod') return
  for (const [key, pdb] of Object.entries(s.pdbs)) {
    if (pdb.metadata.namespace !== o.metadata.namespace) continue
    const sel = (pdb.spec as PdbSpec).selector as never
    if (selectorMatches(sel, o.metadata.labels) || (old && selectorMatches(sel, old.metadata.labels))) queue(s, ctx, key)
  }
}

/** The worker: recompute each queued budget and write its status when it changed. */
export function syncDisruption(s: DisruptionState, pods: Cache, replicasOf: (kind: string, ns: string, name: string) => number | undefined, ctx: Ctx): void {
  const keys = s.dirty
  s.dirty = []
  const now = rfc3339(ctx.startTimeMs + ctx.now)
  for (const key of keys) {
    const pdb = s.pdbs[key]
    if (!pdb) continue
    const before = (pdb.status ?? {}) as Partial<PdbStatus>
    const disrupted = pendingDisruptions(pdb, pods, ctx.startTimeMs + ctx.now)
    const figures = computeStatus(pdb, pods, replicasOf, disrupted)
    const allowed = figures.disruptionsAllowed > 0
    const prev = before.conditions?.find((c) => c.type === 'DisruptionAllowed')
    const status = allowed ? 'True' : 'False'
    const condition = {
      type: 'DisruptionAllowed',
      status,
      // pkg/apis/policy: SufficientPodsReason / InsufficientPodsReason.
      reason: allowed ? 'SufficientPods' : 'InsufficientPods',
      message: '',
      observedGeneration: pdb.metadata.generation ?? 1,
      lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : now,
    }
    const next: PdbStatus = {
      observedGeneration: Number(pdb.metadata.generation ?? 1),
      ...(Object.keys(disrupted).length ? { disruptedPods: disrupted } : {}),
      ...figures,
      conditions: [condition],
    }
    const same =
      before.observedGeneration === next.observedGeneration &&
      before.disruptionsAllowed === next.disruptionsAllowed &&
      before.currentHealthy === next.currentHealthy &&
      before.desiredHealthy === next.desiredHealthy &&
      before.expectedPods === next.expectedPods &&
      JSON.stringify(before.disruptedPods ?? {}) === JSON.stringify(disrupted) &&
      prev?.status === status
    if (same) continue
    const updated: KObject = { ...pdb, status: next }
    s.pdbs[key] = updated
    const path = `/apis/policy/v1/namespaces/${pdb.metadata.namespace}/poddisruptionbudgets/${pdb.metadata.name}/status`
    apiRequest(s.client, ctx, 'update', path, { do: 'ignore' }, { body: updated, asUser })
  }
}

/** Takes this controller's responses (true) — a conflict queues the budget again. */
export function disruptionResponse(s: DisruptionState, msg: Message, ctx: Ctx): boolean {
  if (msg.kind !== 'apiserver.response' || !(msg.reqId in s.client.pending)) return false
  takeResponse(s.client, msg)
  if (msg.code === 409) {
    const body = msg.body as { details?: { name?: string } } | undefined
    for (const key of Object.keys(s.pdbs)) if (key.endsWith(`/${body?.details?.name}`)) queue(s, ctx, key)
  }
  return true
}

export const disruptionTimer = timerName
