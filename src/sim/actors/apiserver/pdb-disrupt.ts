/**
 * checkAndDecrement (pkg/registry/core/pod/storage/eviction.go): the Eviction API spends one of a
 * PodDisruptionBudget's allowed disruptions before it deletes the pod, by writing the budget's
 * status (disruptionsAllowed − 1, the pod under status.disruptedPods). It trusts the figures the
 * disruption controller wrote; a budget the controller has not seen since its last change is
 * refused too. Run inside a GuaranteedUpdate, so a conflict re-reads the budget and decides again
 * (the real code's RetryOnConflict).
 */
import type { Status } from '../../k8s/status.ts'
import { rfc3339 } from '../../k8s/meta.ts'
import type { KObject } from '../../protocol.ts'

export const violatesBudget = "Cannot evict pod as it would violate the pod's disruption budget."

/** 429 TooManyRequests with a DisruptionBudget cause (errors.NewTooManyRequests, retry-after 0). */
export function tooManyRequests(cause: string, pod: string): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: violatesBudget,
    reason: 'TooManyRequests',
    details: { name: pod, kind: 'pods', causes: [{ reason: 'DisruptionBudget', message: cause }] },
    code: 429,
  } as Status
}

interface PdbStatus {
  observedGeneration?: number
  disruptionsAllowed?: number
  currentHealthy?: number
  desiredHealthy?: number
  disruptedPods?: Record<string, string>
  conditions?: Record<string, unknown>[]
}

/** The budget with one disruption spent on `pod`, or the refusal. */
export function spendDisruption(pdb: KObject, pod: string, epochMs: number): { ok: true; object: KObject } | { ok: false; status: Status } {
  const name = String(pdb.metadata.name)
  const status = (pdb.status ?? {}) as PdbStatus
  if ((status.observedGeneration ?? 0) < Number(pdb.metadata.generation ?? 1))
    return { ok: false, status: tooManyRequests(`The disruption budget ${name} is still being processed by the server.`, pod) }
  const allowed = status.disruptionsAllowed ?? 0
  if (allowed <= 0)
    return { ok: false, status: tooManyRequests(`The disruption budget ${name} needs ${status.desiredHealthy ?? 0} healthy pods and has ${status.currentHealthy ?? 0} currently`, pod) }
  const now = rfc3339(epochMs)
  const next: PdbStatus = { ...status, disruptionsAllowed: allowed - 1, disruptedPods: { ...(status.disruptedPods ?? {}), [pod]: now } }
  // UpdateDisruptionAllowedCondition: the last allowed disruption spent turns the condition False.
  if (allowed - 1 === 0)
    next.conditions = (status.conditions ?? []).map((c) =>
      c.type === 'DisruptionAllowed' && c.status !== 'False' ? { ...c, status: 'False', reason: 'InsufficientPods', lastTransitionTime: now } : c,
    )
  return { ok: true, object: { ...pdb, status: next } }
}
