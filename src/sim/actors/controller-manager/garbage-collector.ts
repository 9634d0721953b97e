/**
 * The garbage collector (pkg/controller/garbagecollector): a graph of owners and dependents from
 * every object's ownerReferences. When an owner is gone, its dependents are deleted (background);
 * an owner deleting in the foreground (`foregroundDeletion` finalizer) first has its dependents
 * deleted in the foreground, and loses the finalizer when no dependent with blockOwnerDeletion is
 * left; an owner deleted with `orphan` has its dependents' ownerReferences removed, then the
 * finalizer.
 */
import type { Ctx } from '../../engine/actor.ts'
import { clonePlain } from '../../engine/clone.ts'
import type { ApiResponse } from '../../messages.ts'
import { resourceByKind, restPath } from '../../k8s/resources.ts'
import type { KObject } from '../../protocol.ts'
import { keyOf, ownerRefs } from './objects.ts'
import type { ControllerManagerState } from './state.ts'
import { enqueue, send } from './workqueue.ts'

const ctrl = 'garbage-collector-controller'

/** Graph keys are `<resource>|<namespace/name>`; queue keys the owner's or dependent's uid. */
function objectOf(state: ControllerManagerState, uid: string): KObject | undefined {
  const node = state.gc.objects[uid]
  return node ? state.caches[node.resource]?.[node.key] : undefined
}

function pathOf(o: KObject, subresource?: string): string {
  return restPath(resourceByKind(o.kind)!, o.metadata.namespace, String(o.metadata.name), subresource)
}

/** Keeps the graph current from an informer event. */
export function observeForGc(state: ControllerManagerState, ctx: Ctx, resource: string, type: string, o: KObject, old: KObject | undefined): void {
  const uid = String(o.metadata.uid)
  const g = state.gc
  for (const r of ownerRefs(old ?? o)) {
    delete g.owners[r.uid]?.[uid]
    // A dependent let go of (orphaned) or changed: its deleting owner may now be done.
    if (objectOf(state, r.uid)?.metadata.deletionTimestamp) enqueue(state, ctx, ctrl, r.uid)
  }
  if (type === 'DELETED') {
    delete g.objects[uid]
    g.gone[uid] = true
    // Its dependents may now be dangling; an owner waiting on it may now be free.
    for (const dep of Object.keys(g.owners[uid] ?? {})) enqueue(state, ctx, ctrl, dep)
    for (const r of ownerRefs(o)) if (g.objects[r.uid]) enqueue(state, ctx, ctrl, r.uid)
    return
  }
  // A uid names one object for good: its graph node is made once, not on every update.
  if (!g.objects[uid]) g.objects[uid] = { resource, key: keyOf(o) }
  for (const r of ownerRefs(o)) {
    ;(g.owners[r.uid] ??= {})[uid] = true
    if (!g.objects[r.uid] || objectOf(state, r.uid)?.metadata.deletionTimestamp) enqueue(state, ctx, ctrl, uid)
  }
  const f = o.metadata.finalizers ?? []
  if (o.metadata.deletionTimestamp && (f.includes('foregroundDeletion') || f.includes('orphan'))) enqueue(state, ctx, ctrl, uid)
  if (o.metadata.deletionTimestamp) for (const r of ownerRefs(o)) if (g.objects[r.uid]) enqueue(state, ctx, ctrl, r.uid)
}

export function syncGc(state: ControllerManagerState, ctx: Ctx, uid: string): void {
  const o = objectOf(state, uid)
  if (!o) return
  const dependents = Object.keys(state.gc.owners[uid] ?? {})
    .map((d) => objectOf(state, d))
    .filter((d): d is KObject => !!d)
  const finalizers = o.metadata.finalizers ?? []
  if (o.metadata.deletionTimestamp && finalizers.includes('orphan')) return orphanDependents(state, ctx, uid, o, dependents)
  if (o.metadata.deletionTimestamp && finalizers.includes('foregroundDeletion')) {
    for (const d of dependents) if (!d.metadata.deletionTimestamp) send(state, ctx, ctrl, uid, 'delete', pathOf(d), { body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Foreground' } })
    const blocking = dependents.filter((d) => ownerRefs(d).some((r) => r.uid === uid && r.blockOwnerDeletion))
    if (blocking.length === 0) removeFinalizer(state, ctx, uid, o, 'foregroundDeletion')
    return
  }
  // attemptToDeleteItem: delete a dependent whose owners are all gone (or all deleting in the foreground).
  const refs = ownerRefs(o)
  if (!refs.length || o.metadata.deletionTimestamp) return
  // An owner the graph has not seen may just not be listed yet (a restarted informer): ask the
  // apiserver before calling it dangling, as isDangling does with a live GET.
  const unknown = refs.filter((r) => !state.gc.objects[r.uid] && !state.gc.gone[r.uid])
  if (unknown.length) {
    for (const r of unknown) {
      const info = resourceByKind(r.kind)
      if (info) send(state, ctx, ctrl, uid, 'get', restPath(info, o.metadata.namespace, r.name), { step: 'owner-check', uid: r.uid })
      else state.gc.gone[r.uid] = true
    }
    return
  }
  const owners = refs.map((r) => objectOf(state, r.uid))
  if (owners.some((w) => w && !(w.metadata.deletionTimestamp && (w.metadata.finalizers ?? []).includes('foregroundDeletion')))) return
  const waiting = owners.some((w) => !!w)
  send(state, ctx, ctrl, uid, 'delete', pathOf(o), { body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: waiting ? 'Foreground' : 'Background' } })
}

function orphanDependents(state: ControllerManagerState, ctx: Ctx, uid: string, o: KObject, dependents: KObject[]): void {
  for (const d of dependents) {
    const copy = clonePlain(d)
    copy.metadata.ownerReferences = ownerRefs(d).filter((r) => r.uid !== uid)
    if (!(copy.metadata.ownerReferences as unknown[]).length) delete copy.metadata.ownerReferences
    send(state, ctx, ctrl, uid, 'update', pathOf(d), { body: copy })
  }
  if (!dependents.length) removeFinalizer(state, ctx, uid, o, 'orphan')
}

function removeFinalizer(state: ControllerManagerState, ctx: Ctx, uid: string, o: KObject, finalizer: string): void {
  const copy = clonePlain(o)
  copy.metadata.finalizers = (o.metadata.finalizers ?? []).filter((f) => f !== finalizer)
  send(state, ctx, ctrl, uid, 'update', pathOf(o), { body: copy })
}

export function gcResponse(state: ControllerManagerState, ctx: Ctx, uid: string, step: string | undefined, ownerUid: string | undefined, msg: ApiResponse): void {
  if (step === 'owner-check' && ownerUid) {
    const found = msg.code === 200 && (msg.body as KObject).metadata?.uid === ownerUid
    if (!found && (msg.code === 404 || msg.code === 200)) {
      state.gc.gone[ownerUid] = true
      enqueue(state, ctx, ctrl, uid)
    }
    return
  }
  if (msg.code === 409) enqueue(state, ctx, ctrl, uid)
}
