/**
 * Deletion with finalizers and propagation policies, as the generic registry store does it
 * (staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go): `Foreground` adds the
 * `foregroundDeletion` finalizer, `Orphan` the `orphan` finalizer, and an object with finalizers
 * only gets a deletionTimestamp; the garbage collector (or the namespace controller) removes the
 * finalizer and the update that leaves none deletes the object. A Namespace is always deleted in
 * two steps: it turns `Terminating` until the namespace controller has emptied it and finalized
 * it (pkg/registry/core/namespace/storage/storage.go).
 */
import { rfc3339 } from '../../k8s/meta.ts'
import type { KObject } from '../../protocol.ts'

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan'

/** DeleteOptions from the body, or the query kubectl also understands. */
export function propagationOf(body: unknown, query: [string, string][] | undefined): PropagationPolicy | undefined {
  const options = (body ?? {}) as { propagationPolicy?: string; orphanDependents?: boolean }
  const fromQuery = query?.find(([k]) => k === 'propagationPolicy')?.[1]
  const policy = options.propagationPolicy ?? fromQuery
  if (policy === 'Background' || policy === 'Foreground' || policy === 'Orphan') return policy
  if (options.orphanDependents === true) return 'Orphan'
  return undefined
}

/** True when DELETE only marks the object (finalizers to run first) instead of removing it. */
export function deletesInTwoSteps(current: KObject, policy: PropagationPolicy | undefined): boolean {
  if (current.kind === 'Pod') return false
  if (current.kind === 'Namespace') return !isFinalizedNamespace(current)
  return (current.metadata.finalizers?.length ?? 0) > 0 || policy === 'Foreground' || policy === 'Orphan'
}

/** The finalizer a propagation policy adds (store.go `deletionFinalizersForGarbageCollection`). */
export function finalizerFor(policy: PropagationPolicy | undefined): string | undefined {
  return policy === 'Foreground' ? 'foregroundDeletion' : policy === 'Orphan' ? 'orphan' : undefined
}

/** Sets deletionTimestamp (once), grace 0, the policy's finalizer, and Terminating for a namespace. */
export function markDeleting(obj: KObject, finalizer: string | undefined, epochMs: number): void {
  if (!obj.metadata.deletionTimestamp) {
    obj.metadata.deletionTimestamp = rfc3339(epochMs)
    obj.metadata.deletionGracePeriodSeconds = 0
  }
  if (finalizer && !(obj.metadata.finalizers ?? []).includes(finalizer)) obj.metadata.finalizers = [...(obj.metadata.finalizers ?? []), finalizer]
  if (obj.kind === 'Namespace') obj.status = { ...((obj.status as object) ?? {}), phase: 'Terminating' }
}

function isFinalizedNamespace(ns: KObject): boolean {
  return !!ns.metadata.deletionTimestamp && (((ns.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).length === 0)
}

/**
 * store.go `ShouldDeleteDuringUpdate`: an update that leaves a deleting object (grace 0) with no
 * finalizers removes it. A namespace also needs its spec.finalizers emptied by `/finalize`.
 */
export function shouldDeleteDuringUpdate(obj: KObject): boolean {
  const m = obj.metadata
  if (!m.deletionTimestamp || m.deletionGracePeriodSeconds !== 0 || (m.finalizers?.length ?? 0) > 0) return false
  if (obj.kind === 'Namespace') return isFinalizedNamespace(obj)
  return true
}
