/**
 * The namespace controller (pkg/controller/namespace/deletion): a Terminating namespace has its
 * contents deleted; once nothing is left it is finalized (`PUT /api/v1/namespaces/<ns>/finalize`
 * without the `kubernetes` finalizer) and the apiserver removes it.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { ApiResponse } from '../../messages.ts'
import { resourceByKind, restPath } from '../../k8s/resources.ts'
import type { KObject } from '../../protocol.ts'
import type { ControllerManagerState } from './state.ts'
import { enqueue, send } from './workqueue.ts'

const ctrl = 'namespace-controller'

/** Namespaced resources the controller empties, in the order it deletes them. */
const contents = ['deployments', 'statefulsets', 'daemonsets', 'cronjobs', 'jobs', 'replicasets', 'replicationcontrollers', 'controllerrevisions', 'pods', 'configmaps', 'serviceaccounts'] as const

/** How long to wait before looking at a namespace again (deletion.go requeues while content remains). */
const recheckMs = 1000

export function syncNamespace(state: ControllerManagerState, ctx: Ctx, name: string): void {
  const ns = state.caches.namespaces![name]
  if (!ns?.metadata.deletionTimestamp) return
  let left = 0
  for (const resource of contents) {
    for (const o of Object.values(state.caches[resource]!)) {
      if (o.metadata.namespace !== name) continue
      left++
      if (!o.metadata.deletionTimestamp) send(state, ctx, ctrl, name, 'delete', restPath(resourceByKind(o.kind)!, name, String(o.metadata.name)), { body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' } })
    }
  }
  if (left > 0) {
    enqueue(state, ctx, ctrl, name, recheckMs)
    return
  }
  // Kinds it has no informer for (Events) are listed and deleted one by one before finalizing.
  if (!state.namespacesListed[name]) {
    send(state, ctx, ctrl, name, 'list', restPath(resourceByKind('Event')!, name), { step: 'list-events' })
    return
  }
  const finalizers = ((ns.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).filter((f) => f !== 'kubernetes')
  const body: KObject = { ...ns, spec: { ...((ns.spec as object) ?? {}), finalizers } }
  send(state, ctx, ctrl, name, 'update', restPath(resourceByKind('Namespace')!, undefined, name, 'finalize'), { body })
}

export function namespaceResponse(state: ControllerManagerState, ctx: Ctx, name: string, step: string | undefined, msg: ApiResponse): void {
  if (step === 'list-events' && msg.code === 200) {
    const items = (msg.body as { items?: KObject[] }).items ?? []
    for (const e of items) send(state, ctx, ctrl, name, 'delete', restPath(resourceByKind('Event')!, name, String(e.metadata.name)))
    state.namespacesListed[name] = true
    enqueue(state, ctx, ctrl, name)
    return
  }
  if (msg.code === 409) enqueue(state, ctx, ctrl, name)
}
