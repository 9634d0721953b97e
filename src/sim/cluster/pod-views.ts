/** Pods as the graph draws them, with kubectl's STATUS and READY. */
import { podStatus } from '../actors/kubectl/print/pod-status.ts'
import type { KObject, PodView } from '../protocol.ts'

export function podViews(objects: Record<string, KObject>, nowMs: number): PodView[] {
  const out: PodView[] = []
  for (const [key, pod] of Object.entries(objects)) {
    if (!key.startsWith('/registry/pods/')) continue
    const cols = podStatus(pod, nowMs)
    const spec = pod.spec as { nodeName?: string }
    const status = (pod.status ?? {}) as { podIP?: string }
    out.push({
      key,
      namespace: String(pod.metadata.namespace),
      name: String(pod.metadata.name),
      ...(spec.nodeName ? { node: spec.nodeName } : {}),
      status: cols.status,
      ready: cols.ready,
      restarts: parseInt(cols.restarts, 10) || 0,
      ...(status.podIP ? { podIP: status.podIP } : {}),
    })
  }
  return out
}
