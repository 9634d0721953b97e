/**
 * DELETE of a stored object as the apiserver last read it: mark it when finalizers must run first,
 * delete a pod bound to a node gracefully (its kubelet finishes), else `Txn Delete` guarded by the
 * object's mod revision (generic registry store.go Delete; pkg/registry/core/pod/strategy.go).
 */
import type { Ctx } from '../../engine/actor.ts'
import type { KObject } from '../../protocol.ts'
import { deletesInTwoSteps, finalizerFor, type PropagationPolicy } from './deletion.ts'
import { guaranteedUpdate } from './mutate.ts'
import { sendTxn } from './respond.ts'
import type { ApiserverState, DeleteOptions, RequestRef } from './state.ts'

/** `current` is undefined when nothing is stored under the key (the Txn then finds nothing). */
export function deleteStored(
  state: ApiserverState,
  ctx: Ctx,
  req: RequestRef,
  { key, ...target }: { resource: string; group: string; name: string; key: string },
  current: KObject | undefined,
  options: DeleteOptions,
): void {
  const policy = options.propagationPolicy as PropagationPolicy | undefined
  if (current && deletesInTwoSteps(current, policy)) {
    const finalizer = finalizerFor(policy)
    ctx.stage({ name: 'storage', outcome: 'ok', detail: `deletionTimestamp set${finalizer ? `, finalizer ${finalizer} added` : ''}; the object stays until its finalizers are removed` })
    guaranteedUpdate(state, ctx, req, { ...target, key }, { type: 'mark-deleting', ...(finalizer ? { finalizer } : {}) }, 0, current)
    return
  }
  if (current?.kind === 'Pod') {
    const spec = current.spec as { nodeName?: string; terminationGracePeriodSeconds?: number }
    const phase = (current.status as { phase?: string } | undefined)?.phase
    let grace = options.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30
    if (!spec.nodeName || phase === 'Succeeded' || phase === 'Failed') grace = 0
    if (grace > 0) {
      ctx.stage({ name: 'storage', outcome: 'ok', detail: `graceful deletion: deletionTimestamp now + ${grace}s; the kubelet finishes it` })
      guaranteedUpdate(state, ctx, req, { ...target, key }, { type: 'graceful-delete', graceSeconds: grace }, 0, current)
      return
    }
  }
  const expect = current ? Number(current.metadata.resourceVersion) : undefined
  ctx.stage({ name: 'storage', outcome: 'ok', detail: `Txn If(mod_revision(${key}) == ${expect ?? '?'}) Then Delete` })
  sendTxn(state, ctx, { key, op: 'delete', ...(expect !== undefined ? { expectModRevision: expect } : {}) }, { op: 'delete', req, ...target })
}
