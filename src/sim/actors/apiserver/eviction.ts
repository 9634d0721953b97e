/**
 * The Eviction subresource, `POST /api/v1/namespaces/<ns>/pods/<name>/eviction`
 * (pkg/registry/core/pod/storage/eviction.go): a graceful DELETE that first asks the pod's
 * PodDisruptionBudgets. When a budget allows no disruption the answer is 429 TooManyRequests,
 * "Cannot evict pod as it would violate the pod's disruption budget.", with the cause
 * "The disruption budget <name> needs <desired> healthy pods and has <current> currently".
 *
 * The disruption controller's figures (status.currentHealthy, desiredHealthy,
 * disruptionsAllowed) are computed here from the watch cache at the moment of the request, as
 * that controller would have them; a pod already terminating or not yet ready is not healthy.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { ApiRequest } from '../../messages.ts'
import { etcdKey, resourceByName, type ParsedPath } from '../../k8s/resources.ts'
import { notFound, type Status } from '../../k8s/status.ts'
import type { KObject } from '../../protocol.ts'
import { guaranteedUpdate } from './mutate.ts'
import { respond } from './respond.ts'
import { matchesLabelSelector } from './selectors.ts'
import type { ApiserverState, RequestRef } from './state.ts'

interface Pdb {
  metadata: { name: string; namespace: string }
  spec: { selector?: { matchLabels?: Record<string, string> }; minAvailable?: number | string; maxUnavailable?: number | string }
}

function selectorText(pdb: Pdb): string {
  return Object.entries(pdb.spec.selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',')
}

function healthy(pod: KObject): boolean {
  if (pod.metadata.deletionTimestamp) return false
  const conds = ((pod.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [])
  return conds.some((c) => c.type === 'Ready' && c.status === 'True')
}

/** An int or a percentage of `total`: minAvailable rounds up, maxUnavailable too (intstr). */
function scaled(value: number | string, total: number): number {
  if (typeof value === 'number') return value
  const pct = Number(String(value).replace('%', ''))
  return Math.ceil((pct * total) / 100)
}

/** The budget's figures, as the disruption controller computes them (disruption.go). */
export function budget(state: ApiserverState, pdb: Pdb): { expected: number; current: number; desired: number; allowed: number } {
  const sel = selectorText(pdb)
  const pods = Object.entries(state.cache)
    .filter(([k]) => k.startsWith(`/registry/pods/${pdb.metadata.namespace}/`))
    .map(([, v]) => v)
    .filter((p) => sel !== '' && matchesLabelSelector(p, sel))
  const expected = pods.length
  const current = pods.filter(healthy).length
  const desired =
    pdb.spec.maxUnavailable !== undefined ? Math.max(0, expected - scaled(pdb.spec.maxUnavailable, expected)) : scaled(pdb.spec.minAvailable ?? 0, expected)
  return { expected, current, desired, allowed: Math.max(0, current - desired) }
}

function tooManyRequests(message: string, cause: string, name: string): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'TooManyRequests',
    details: { name, kind: 'pods', causes: [{ reason: 'DisruptionBudget', message: cause }] },
    code: 429,
  } as Status
}

export function evict(state: ApiserverState, ctx: Ctx, msg: ApiRequest, parsed: ParsedPath, req: RequestRef): void {
  const pods = resourceByName('pods')!
  const key = etcdKey(pods, parsed.namespace, parsed.name!)
  const pod = state.cache[key]
  if (!pod) {
    const status = notFound(pods, parsed.name!)
    respond(ctx, req, 404, status)
    return
  }
  const ready = healthy(pod)
  const pdbs = Object.entries(state.cache)
    .filter(([k]) => k.startsWith(`/registry/poddisruptionbudgets/${parsed.namespace}/`))
    .map(([, v]) => v as unknown as Pdb)
    .filter((p) => selectorText(p) !== '' && matchesLabelSelector(pod, selectorText(p)))
  // An unready pod does not count against the budget (unhealthyPodEvictionPolicy IfHealthyBudget).
  if (ready && pdbs.length > 1) {
    respond(ctx, req, 500, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.', code: 500 })
    return
  }
  const pdb = ready ? pdbs[0] : undefined
  if (pdb) {
    const b = budget(state, pdb)
    ctx.stage({ name: 'disruption budget', outcome: b.allowed > 0 ? 'ok' : 'failed', detail: `${pdb.metadata.name}: ${b.current} healthy of ${b.expected}, ${b.desired} desired, ${b.allowed} disruption(s) allowed` })
    if (b.allowed <= 0) {
      const status = tooManyRequests(
        "Cannot evict pod as it would violate the pod's disruption budget.",
        `The disruption budget ${pdb.metadata.name} needs ${b.desired} healthy pods and has ${b.current} currently`,
        parsed.name!,
      )
      respond(ctx, req, 429, status)
      return
    }
  } else ctx.stage({ name: 'disruption budget', outcome: 'skipped', detail: 'no PodDisruptionBudget selects this pod' })
  const options = ((msg.body as { deleteOptions?: { gracePeriodSeconds?: number } } | undefined)?.deleteOptions ?? {})
  const grace = options.gracePeriodSeconds ?? (pod.spec as { terminationGracePeriodSeconds?: number }).terminationGracePeriodSeconds ?? 30
  guaranteedUpdate(state, ctx, req, { resource: 'pods', group: '', name: parsed.name!, key }, { type: 'graceful-delete', graceSeconds: grace, evicted: true }, 0)
}
