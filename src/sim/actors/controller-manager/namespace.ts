/**
 * The namespace controller (pkg/controller/namespace/deletion): a Terminating namespace has its
 * contents deleted; once nothing is left it is finalized (`PUT /api/v1/namespaces/<ns>/finalize`
 * without the `kubernetes` finalizer) and the apiserver removes it.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { ApiResponse } from '../../messages.ts'
import { resourceByKind, resourceByName, resources, restPath } from '../../k8s/resources.ts'
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
  // Every other namespaced kind the apiserver serves is listed, and what it holds deleted, before
  // finalizing (deletion.go walks discovery the same way, with a deletecollection per resource).
  if (!state.namespacesListed[name]) {
    state.namespacesListed[name] = true
    for (const info of resources) {
      if (!info.namespaced || (contents as readonly string[]).includes(info.resource)) continue
      send(state, ctx, ctrl, name, 'list', restPath(info, name), { step: 'list', name: `${info.group}|${info.resource}` })
    }
    return
  }
  const finalizers = ((ns.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).filter((f) => f !== 'kubernetes')
  const body: KObject = { ...ns, spec: { ...((ns.spec as object) ?? {}), finalizers } }
  send(state, ctx, ctrl, name, 'update', restPath(resourceByKind('Namespace')!, undefined, name, 'finalize'), { body })
}

export function namespaceResponse(state: ControllerManagerState, ctx: Ctx, name: string, step: string | undefined, what: string | undefined, msg: ApiResponse): void {
  if (step === 'list') {
    const [group = '', resource = ''] = (what ?? '').split('|')
    const info = resourceByName(resource, group)
    const items = msg.code === 200 ? ((msg.body as { items?: KObject[] }).items ?? []) : []
    for (const o of items) if (info && !o.metadata.deletionTimestamp) send(state, ctx, ctrl, name, 'delete', restPath(info, name, String(o.metadata.name)))
    // Look again once every list and delete has come back (the key is busy until then).
    enqueue(state, ctx, ctrl, name)
    return
  }
  if (msg.code === 409) enqueue(state, ctx, ctrl, name)
}
