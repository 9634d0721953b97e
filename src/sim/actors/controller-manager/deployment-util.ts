/**
 * The Deployment arithmetic of pkg/controller/deployment/util/deployment_util.go: maxSurge and
 * maxUnavailable resolved against the replica count, how far a new ReplicaSet may grow, the
 * revision annotations, and the conditions with their real reasons and messages.
 */
import type { KObject } from '../../protocol.ts'
import { annotations, sameJson } from './objects.ts'

export const revisionAnnotation = 'deployment.kubernetes.io/revision'
export const revisionHistoryAnnotation = 'deployment.kubernetes.io/revision-history'
export const desiredReplicasAnnotation = 'deployment.kubernetes.io/desired-replicas'
export const maxReplicasAnnotation = 'deployment.kubernetes.io/max-replicas'
export const podTemplateHashLabel = 'pod-template-hash'

/** Annotations a ReplicaSet does not copy from its Deployment (deployment_util.go annotationsToSkip). */
const skipAnnotations = new Set(['kubectl.kubernetes.io/last-applied-configuration', revisionAnnotation, revisionHistoryAnnotation, desiredReplicasAnnotation, maxReplicasAnnotation, 'deprecated.deployment.rollback.to'])

export interface DeploymentSpec {
  replicas?: number
  paused?: boolean
  minReadySeconds?: number
  revisionHistoryLimit?: number
  progressDeadlineSeconds?: number
  selector?: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] }
  strategy?: { type?: string; rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string } }
  template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: unknown }
}

export function dspec(d: KObject): DeploymentSpec {
  return (d.spec ?? {}) as DeploymentSpec
}

export function replicasOf(o: KObject): number {
  return ((o.spec as { replicas?: number } | undefined)?.replicas ?? 1) as number
}

export function rsStatus(rs: KObject): { replicas?: number; readyReplicas?: number; availableReplicas?: number; observedGeneration?: number } {
  return (rs.status ?? {}) as never
}

/** intstr.GetScaledValueFromIntOrPercent. */
function scaled(v: number | string | undefined, fallback: string, total: number, roundUp: boolean): number {
  const x = v ?? fallback
  if (typeof x === 'number') return x
  const pct = Number(x.replace('%', ''))
  const f = (pct * total) / 100
  return roundUp ? Math.ceil(f) : Math.floor(f)
}

/** ResolveFenceposts: surge rounds up, unavailable down; both 0 means unavailable 1. Defaults 25%. */
export function fenceposts(d: KObject): { surge: number; unavailable: number } {
  const spec = dspec(d)
  if (spec.strategy?.type === 'Recreate') return { surge: 0, unavailable: 0 }
  const ru = spec.strategy?.rollingUpdate ?? {}
  const n = replicasOf(d)
  const surge = scaled(ru.maxSurge, '25%', n, true)
  let unavailable = scaled(ru.maxUnavailable, '25%', n, false)
  if (surge === 0 && unavailable === 0) unavailable = 1
  return { surge, unavailable: Math.min(unavailable, n) }
}

export function maxSurge(d: KObject): number {
  return dspec(d).strategy?.type === 'Recreate' ? 0 : fenceposts(d).surge
}

export function maxUnavailable(d: KObject): number {
  if (dspec(d).strategy?.type === 'Recreate' || replicasOf(d) === 0) return 0
  return fenceposts(d).unavailable
}

export function specReplicaSum(rss: KObject[]): number {
  return rss.reduce((a, rs) => a + replicasOf(rs), 0)
}

export function statusSum(rss: KObject[], field: 'replicas' | 'readyReplicas' | 'availableReplicas'): number {
  return rss.reduce((a, rs) => a + (rsStatus(rs)[field] ?? 0), 0)
}

/** NewRSNewReplicas: how big the new ReplicaSet may be now. */
export function newRSNewReplicas(d: KObject, all: KObject[], newRS: KObject | undefined): number {
  const want = replicasOf(d)
  if (dspec(d).strategy?.type === 'Recreate') return want
  const current = newRS ? replicasOf(newRS) : 0
  const maxTotal = want + maxSurge(d)
  const count = specReplicaSum(all)
  if (count >= maxTotal) return current
  return current + Math.min(maxTotal - count, want - current)
}

export function revisionOf(rs: KObject): number {
  return Number(annotations(rs)[revisionAnnotation] ?? 0) || 0
}

export function maxRevision(rss: KObject[]): number {
  return rss.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0)
}

/** `x` and `y` equal as JSON leaving out the key `skip`, which the caller compares its own way. */
function sameJsonExcept(x: Record<string, unknown>, y: Record<string, unknown>, skip: string): boolean {
  let keys = 0
  for (const k in x) {
    if (k === skip || x[k] === undefined) continue
    keys++
    if (!sameJson(x[k], y[k])) return false
  }
  for (const k in y) if (k !== skip && y[k] !== undefined) keys--
  return keys === 0
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

/**
 * EqualIgnoreHash: the same pod template apart from the pod-template-hash label. Compared in place
 * (as sameJson does), without copying either template: every Deployment sync compares its template
 * with each of its ReplicaSets', and a ReplicaSet's status write gives it a new object each time.
 */
export function sameTemplate(a: DeploymentSpec['template'], b: DeploymentSpec['template']): boolean {
  if (a === b) return true
  const x = (a ?? {}) as Record<string, unknown>
  const y = (b ?? {}) as Record<string, unknown>
  if (!sameJsonExcept(x, y, 'metadata')) return false
  const mx = x.metadata
  const my = y.metadata
  if (!isRecord(mx) || !isRecord(my)) return sameJson(mx, my)
  if (!sameJsonExcept(mx, my, 'labels')) return false
  const lx = mx.labels
  const ly = my.labels
  if (!isRecord(lx) || !isRecord(ly)) return sameJson(lx, ly)
  return sameJsonExcept(lx, ly, podTemplateHashLabel)
}

/** Annotations a new or adopted ReplicaSet carries (SetNewReplicaSetAnnotations). */
export function newRSAnnotations(d: KObject, rs: KObject | undefined, revision: number): Record<string, string> {
  const out: Record<string, string> = { ...(rs ? annotations(rs) : {}) }
  for (const [k, v] of Object.entries(annotations(d))) if (!skipAnnotations.has(k)) out[k] = v
  const old = rs ? revisionOf(rs) : 0
  if (old < revision) {
    if (rs && old > 0) out[revisionHistoryAnnotation] = out[revisionHistoryAnnotation] ? `${out[revisionHistoryAnnotation]},${old}` : String(old)
    out[revisionAnnotation] = String(revision)
  }
  return out
}

export interface Condition {
  type: string
  status: 'True' | 'False' | 'Unknown'
  lastUpdateTime: string
  lastTransitionTime: string
  reason: string
  message: string
}

/** SetDeploymentCondition: a changed condition moves to the end, an unchanged one stays. */
export function setCondition(conditions: Condition[], c: Condition): Condition[] {
  const current = conditions.find((x) => x.type === c.type)
  if (current && current.status === c.status && current.reason === c.reason) return conditions
  const next = { ...c }
  if (current && current.status === c.status) next.lastTransitionTime = current.lastTransitionTime
  return [...conditions.filter((x) => x.type !== c.type), next]
}

export const messages = {
  available: 'Deployment has minimum availability.',
  unavailable: 'Deployment does not have minimum availability.',
  created: (rs: string) => `Created new replica set "${rs}"`,
  found: (rs: string) => `Found new replica set "${rs}"`,
  progressing: (rs: string) => `ReplicaSet "${rs}" is progressing.`,
  progressed: (rs: string) => `ReplicaSet "${rs}" has successfully progressed.`,
  timedOut: (rs: string) => `ReplicaSet "${rs}" has timed out progressing.`,
  paused: 'Deployment is paused',
  resumed: 'Deployment is resumed',
}
