/**
 * GuaranteedUpdate: read the object from the watch cache, change it, and write it back guarded by
 * its mod revision; when etcd says the cache was stale, change the fresh copy and try again
 * (staging/src/k8s.io/apiserver/pkg/storage/etcd3/store.go).
 */
import type { Ctx } from '../../engine/actor.ts'
import { clonePlain, sameJson } from '../../engine/clone.ts'
import { applyJsonPatch } from '../../k8s/json-patch.ts'
import { jsonMergePatch, strategicMerge } from '../../k8s/merge.ts'
import { rfc3339 } from '../../k8s/meta.ts'
import { resourceByName } from '../../k8s/resources.ts'
import { conflict, genericUnprocessable, notFound, type Status } from '../../k8s/status.ts'
import type { KObject } from '../../protocol.ts'
import { markDeleting, shouldDeleteDuringUpdate } from './deletion.ts'
import { checkUpdate } from './kinds-admission.ts'
import { spendDisruption } from './pdb-disrupt.ts'
import { respond, sendTxn } from './respond.ts'
import type { ApiserverState, ChainedUpdate, Mutation, RequestRef } from './state.ts'
import { stageTemplate } from '../../engine/deferred-stage.ts'

type Result = { ok: true; object: KObject } | { ok: false; status: Status }

function setCondition(conditions: Record<string, unknown>[], condition: Record<string, unknown>): Record<string, unknown>[] {
  const rest = conditions.filter((c) => c.type !== condition.type)
  return [...rest, condition]
}

/**
 * Applies a mutation to a copy of the current object. Stored objects are never changed in place
 * (etcd's put already shares all but metadata with the previous revision), so the hot mutations
 * (a binding, a status patch or PUT) copy only the levels they change and share the rest; the
 * others, whose defaulting and validation may write anywhere in the object, get a deep copy.
 */
export function applyMutation(current: KObject, mutation: Mutation, epochMs: number, resource: string, group: string): Result {
  const info = resourceByName(resource, group)!
  const name = String(current.metadata.name)
  switch (mutation.type) {
    case 'bind': {
      const nodeName = (current.spec as { nodeName?: string } | undefined)?.nodeName
      if (nodeName)
        return { ok: false, status: conflict({ ...info, resource: 'pods/binding' }, name, `pod ${name} is already assigned to node "${nodeName}"`) }
      if (current.metadata.deletionTimestamp)
        return { ok: false, status: conflict({ ...info, resource: 'pods/binding' }, name, `pod ${name} is being deleted, cannot be assigned to a host`) }
      const status = (current.status ?? {}) as { conditions?: Record<string, unknown>[] }
      const conditions = setCondition(status.conditions ?? [], {
        type: 'PodScheduled',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: rfc3339(epochMs),
      })
      return { ok: true, object: { ...current, spec: { ...(current.spec as object), nodeName: mutation.node }, status: { ...status, conditions } } }
    }
    case 'merge-patch': {
      if (mutation.subresource === 'status') {
        const patch = (mutation.patch.status ?? {}) as Record<string, unknown>
        const mergeStatus = mutation.json ? jsonMergePatch : strategicMerge
        return { ok: true, object: { ...current, status: mergeStatus((current.status ?? {}) as Record<string, unknown>, patch) } }
      }
      const obj = clonePlain(current)
      const merge = mutation.json ? jsonMergePatch : strategicMerge
      const merged = merge(obj as unknown as Record<string, unknown>, mutation.patch) as unknown as KObject
      // The merge started from the stored metadata, so a key the patch nulled stays gone.
      keepIdentity(merged, obj)
      bumpGeneration(obj, merged)
      return { ok: true, object: merged }
    }
    case 'json-patch': {
      const patched = applyJsonPatch(current, mutation.ops)
      // patch.go: the library's error goes into NewGenericServerResponse, which keeps only the status text.
      if (!patched) return { ok: false, status: genericUnprocessable() }
      // PATCH …/status keeps only the status the operations wrote.
      if (mutation.subresource === 'status') return { ok: true, object: { ...current, status: patched.status } }
      keepIdentity(patched, current)
      bumpGeneration(current, patched)
      return { ok: true, object: patched }
    }
    case 'replace': {
      // PUT …/status changes only status; PUT …/finalize only a namespace's spec.finalizers.
      if (mutation.subresource === 'status' || mutation.subresource === 'finalize') return { ok: true, object: replaceSubresource(current, mutation.object, mutation.subresource) }
      const obj = current
      const next = clonePlain(mutation.object)
      next.metadata = { ...next.metadata, uid: obj.metadata.uid, creationTimestamp: obj.metadata.creationTimestamp }
      bumpGeneration(obj, next)
      return { ok: true, object: next }
    }
    case 'graceful-delete': {
      const obj = clonePlain(current)
      if (!obj.metadata.deletionTimestamp || (obj.metadata.deletionGracePeriodSeconds ?? 0) > mutation.graceSeconds) {
        obj.metadata.deletionTimestamp = rfc3339(epochMs + mutation.graceSeconds * 1000)
        obj.metadata.deletionGracePeriodSeconds = mutation.graceSeconds
      }
      return { ok: true, object: obj }
    }
    case 'mark-deleting': {
      const obj = clonePlain(current)
      markDeleting(obj, mutation.finalizer, epochMs)
      return { ok: true, object: obj }
    }
    case 'spend-disruption':
      return spendDisruption(clonePlain(current), mutation.pod, epochMs)
  }
}

function replaceSubresource(current: KObject, sent: KObject, subresource: string): KObject {
  // deploymentStatusStrategy keeps the sent annotations (the controller writes the revision there).
  if (subresource === 'status' && current.kind === 'Deployment') return { ...current, metadata: { ...current.metadata, annotations: clonePlain(sent.metadata.annotations) }, status: clonePlain(sent.status) }
  if (subresource === 'status') return { ...current, status: clonePlain(sent.status) }
  const finalizers = clonePlain((sent.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [])
  return { ...current, spec: { ...((current.spec as object) ?? {}), finalizers } }
}

/** A patched object keeps its name, namespace and uid whatever the patch did to them. */
function keepIdentity(after: KObject, before: KObject): void {
  after.metadata = { ...(after.metadata ?? {}), name: before.metadata.name, namespace: before.metadata.namespace, uid: before.metadata.uid }
}

function bumpGeneration(before: KObject, after: KObject): void {
  if (before.metadata.generation === undefined) return
  const changed = JSON.stringify(before.spec) !== JSON.stringify(after.spec)
  after.metadata.generation = before.metadata.generation + (changed ? 1 : 0)
}

/** Starts or retries a guarded update of `key` from the apiserver's cache. */
export function guaranteedUpdate(
  state: ApiserverState,
  ctx: Ctx,
  req: RequestRef,
  target: { resource: string; group: string; name: string; key: string },
  mutation: Mutation,
  attempt: number,
  current: KObject | undefined = state.cache[target.key],
  then?: ChainedUpdate,
): void {
  const info = resourceByName(target.resource, target.group)!
  if (!current) {
    ctx.stage({ name: 'storage', outcome: 'failed', detail: `${target.key} is not in the watch cache` })
    const status = notFound(info, target.name)
    respond(ctx, req, status.code, status)
    return
  }
  const result = applyMutation(current, mutation, ctx.startTimeMs + ctx.now, target.resource, target.group)
  const refused = result.ok ? checkUpdate(info, current, result.object, mutation) : null
  if (refused) {
    ctx.stage({ name: 'validation', outcome: 'failed', detail: refused.message ?? '' })
    respond(ctx, req, refused.code, refused)
    return
  }
  if (!result.ok) {
    ctx.stage({ name: 'storage', outcome: 'failed', detail: result.status.message ?? '' })
    respond(ctx, req, result.status.code, result.status)
    return
  }
  // GuaranteedUpdate writes nothing when the new object is the stored one (etcd3 store.go: the
  // encoded bytes are equal): the client gets the object as it is, at the same resourceVersion.
  if (!then && (mutation.type === 'merge-patch' || mutation.type === 'json-patch' || mutation.type === 'replace') && sameJson(result.object, current)) {
    ctx.stage({ name: 'storage', outcome: 'skipped', detail: `${target.key} is unchanged: nothing written to etcd` })
    respond(ctx, req, 200, current)
    return
  }
  const expect = mutation.type === 'replace' && mutation.object.metadata.resourceVersion ? Number(mutation.object.metadata.resourceVersion) : Number(current.metadata.resourceVersion)
  const remove = shouldDeleteDuringUpdate(result.object)
  ctx.stage((remove ? deleteTxn : updateTxn).of(target.key, expect))
  sendTxn(state, ctx, remove ? { key: target.key, op: 'delete', expectModRevision: expect } : { key: target.key, op: 'update', value: result.object, expectModRevision: expect }, {
    op: 'mutate',
    req,
    resource: target.resource,
    group: target.group,
    name: target.name,
    key: target.key,
    mutation,
    attempt,
    ...(then ? { then } : {}),
  })
}

// The transaction GuaranteedUpdate sends (storage/etcd3 store.go), written on read (deferred-stage.ts).
const updateTxn = stageTemplate('storage', 'ok', (key: string, expect: number) => `GuaranteedUpdate ${key}: Txn If(mod_revision == ${expect}) Then Put`)
const deleteTxn = stageTemplate('storage', 'ok', (key: string, expect: number) => `the last finalizer is gone: Txn If(mod_revision(${key}) == ${expect}) Then Delete`)
