/**
 * The Eviction subresource, `POST /api/v1/namespaces/<ns>/pods/<name>/eviction`
 * (pkg/registry/core/pod/storage/eviction.go): a graceful DELETE that first asks the pod's
 * PodDisruptionBudget. The figures are the ones the disruption controller wrote to the budget's
 * status; when it allows no disruption the answer is 429 TooManyRequests, "Cannot evict pod as it
 * would violate the pod's disruption budget.", with the cause "The disruption budget <name> needs
 * <desired> healthy pods and has <current> currently". Otherwise the budget's status is written
 * first (one disruption spent, pdb-disrupt.ts), then the pod's deletion.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { ApiRequest } from '../../messages.ts'
import { etcdKey, resourceByName, type ParsedPath } from '../../k8s/resources.ts'
import { notFound } from '../../k8s/status.ts'
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
    // errors.NewInternalError(fmt.Errorf(...)).
    respond(ctx, req, 500, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Internal error occurred: This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
      reason: 'InternalError',
      details: { causes: [{ message: 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.' }] },
      code: 500,
    })
    return
  }
  const pdb = ready ? pdbs[0] : undefined
  const options = ((msg.body as { deleteOptions?: { gracePeriodSeconds?: number } } | undefined)?.deleteOptions ?? {})
  const grace = options.gracePeriodSeconds ?? (pod.spec as { terminationGracePeriodSeconds?: number }).terminationGracePeriodSeconds ?? 30
  const podTarget = { resource: 'pods', group: '', name: parsed.name!, key }
  const deletion = { type: 'graceful-delete' as const, graceSeconds: grace, evicted: true }
  if (!pdb) {
    ctx.stage({ name: 'disruption budget', outcome: 'skipped', detail: ready ? 'no PodDisruptionBudget selects this pod' : 'the pod is not ready: it does not count against a budget' })
    guaranteedUpdate(state, ctx, req, podTarget, deletion, 0)
    return
  }
  const st = (pdb as unknown as { status?: { disruptionsAllowed?: number; currentHealthy?: number; desiredHealthy?: number; expectedPods?: number } }).status ?? {}
  ctx.stage({
    name: 'disruption budget',
    outcome: (st.disruptionsAllowed ?? 0) > 0 ? 'ok' : 'failed',
    detail: `${pdb.metadata.name}: ${st.currentHealthy ?? 0} healthy of ${st.expectedPods ?? 0}, ${st.desiredHealthy ?? 0} desired, ${st.disruptionsAllowed ?? 0} disruption(s) allowed`,
  })
  const pdbKey = `/registry/poddisruptionbudgets/${pdb.metadata.namespace}/${pdb.metadata.name}`
  guaranteedUpdate(state, ctx, req, { resource: 'poddisruptionbudgets', group: 'policy', name: pdb.metadata.name, key: pdbKey }, { type: 'spend-disruption', pod: parsed.name! }, 0, undefined, { target: podTarget, mutation: deletion })
}
