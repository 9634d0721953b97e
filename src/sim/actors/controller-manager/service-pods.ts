/** What the Service controllers read from a pod: its readiness and whether a selector picks it. */
import type { KObject } from '../../protocol.ts'

/** The pod's Ready condition is True (pkg/api/v1/pod IsPodReady). */
export function podIsReady(pod: KObject): boolean {
  const conditions = (pod.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True')
}

/** A Service's `spec.selector` (a plain map; empty selects nothing, as for a Service without one). */
export function matchesSelectorMap(pod: KObject, selector: Record<string, string>): boolean {
  const entries = Object.entries(selector)
  if (entries.length === 0) return false
  const labels = pod.metadata.labels ?? {}
  return entries.every(([k, v]) => labels[k] === v)
}
