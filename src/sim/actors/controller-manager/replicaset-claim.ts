/**
 * The ReplicaSet (and ReplicationController) controller's ClaimPods, as the controller-ref manager
 * does it (pkg/controller/controller_ref_manager.go PodControllerRefManager): an orphan pod in the
 * namespace whose labels match the selector is adopted — a strategic-merge PATCH that adds the
 * controller ownerReference — and a pod it controls whose labels no longer match is released — a
 * PATCH that deletes that ownerReference (`$patch: delete`). Both carry the pod's uid as a
 * precondition. A terminating pod is neither adopted nor released, and a terminating owner adopts
 * nothing: before its first adoption the controller re-reads the owner with an uncached GET
 * (replica_set.go canAdoptFunc, RecheckDeletionTimestamp) and adopts only if it is the same object
 * and not being deleted. Until the informer shows the change, the sync neither creates nor deletes
 * pods (as expectations make it wait for its own creates and deletes).
 *
 * Which syncs claim (the real controller claims on every sync; walking every pod of the namespace
 * each time would cost a 1,000-pod ReplicaSet dearly, so only where it can find something): an
 * owner's first sync, every owner that selects a new orphan (replica_set.go addPod/updatePod
 * "it's an orphan"), and the owner of a pod whose labels changed.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { ApiResponse } from '../../messages.ts'
import { resourceByKind, restPath } from '../../k8s/resources.ts'
import type { KObject } from '../../protocol.ts'
import { controllerRef, newControllerRef } from './objects.ts'
import type { ReplicaKind } from './replicaset.ts'
import type { ControllerManagerState } from './state.ts'
import { enqueue, send } from './workqueue.ts'

import type { ClaimState } from './state.ts'

function claimsOf(state: ControllerManagerState): Record<string, ClaimState> {
  return (state.claims ??= {})
}

function sameLabels(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const x = a ?? {}
  const y = b ?? {}
  const keys = Object.keys(x)
  return keys.length === Object.keys(y).length && keys.every((k) => x[k] === y[k])
}

/** Marks `ctrl/key` to claim on its next sync and queues it. */
function due(kind: ReplicaKind, state: ControllerManagerState, ctx: Ctx, key: string): void {
  ;(claimsOf(state)[`${kind.ctrl}/${key}`] ??= { pending: {} }).due = true
  enqueue(state, ctx, kind.ctrl, key)
}

/**
 * A pod event seen by the claim logic: an orphan queues every owner of this kind that selects it;
 * a controlled pod whose labels changed queues its owner; an adoption or release is observed.
 */
export function observeForClaims(
  kind: ReplicaKind,
  selects: (owner: KObject, labels: Record<string, string> | undefined) => boolean,
  state: ControllerManagerState,
  ctx: Ctx,
  type: string,
  pod: KObject,
  old: KObject | undefined,
): void {
  const uid = String(pod.metadata.uid)
  const ref = controllerRef(pod)
  const oldRef = old && controllerRef(old)
  // The informer now shows a claim this controller made: it counts through the pod index again.
  for (const r of [ref, oldRef]) {
    if (r?.kind !== kind.kind) continue
    const claim = state.claims?.[`${kind.ctrl}/${pod.metadata.namespace}/${r.name}`]
    if (claim && uid in claim.pending) {
      const settled = (claim.pending[uid] === 1 && ref?.uid === r.uid) || (claim.pending[uid] === -1 && ref?.uid !== r.uid)
      if (settled || type === 'DELETED') delete claim.pending[uid]
    }
  }
  if (type === 'DELETED' || pod.metadata.deletionTimestamp) return
  const labels = pod.metadata.labels as Record<string, string> | undefined
  const relabelled = type === 'MODIFIED' && !sameLabels(labels, old?.metadata.labels as Record<string, string> | undefined)
  if (!ref) {
    if (type === 'MODIFIED' && !relabelled && !oldRef) return
    for (const owner of Object.values(state.caches[kind.resource] ?? {})) {
      if (owner.metadata.namespace === pod.metadata.namespace && selects(owner, labels)) due(kind, state, ctx, `${owner.metadata.namespace}/${owner.metadata.name}`)
    }
  } else if (ref.kind === kind.kind && relabelled) due(kind, state, ctx, `${pod.metadata.namespace}/${ref.name}`)
}

/** True while adoptions or releases of this owner are on their way to the informer. */
export function claimsInFlight(kind: ReplicaKind, state: ControllerManagerState, key: string): boolean {
  const claim = state.claims?.[`${kind.ctrl}/${key}`]
  return !!claim && Object.keys(claim.pending).length > 0
}

/**
 * ClaimPods for one sync when a claim is due: sends the adopt and release PATCHes. The sync then
 * waits (claimsInFlight) until the informer shows them before it creates or deletes pods.
 */
export function claimPods(
  kind: ReplicaKind,
  selects: (owner: KObject, labels: Record<string, string> | undefined) => boolean,
  owned: () => KObject[],
  state: ControllerManagerState,
  ctx: Ctx,
  key: string,
  owner: KObject,
): void {
  // An owner's first sync claims too: orphans may have been waiting for it (a ReplicaSet created
  // after its pods, or again after `delete --cascade=orphan`).
  const claim = (claimsOf(state)[`${kind.ctrl}/${key}`] ??= { due: true, pending: {} })
  if (!claim.due) return
  delete claim.due
  const ns = String(owner.metadata.namespace)
  const ownerUid = String(owner.metadata.uid)
  const podInfo = resourceByKind('Pod')!
  for (const pod of owned()) {
    if (pod.metadata.deletionTimestamp || selects(owner, pod.metadata.labels as Record<string, string> | undefined)) continue
    const uid = String(pod.metadata.uid)
    // controller_ref_manager.go ReleasePod: delete our reference, the pod's uid as precondition.
    const body = { metadata: { ownerReferences: [{ $patch: 'delete', uid: ownerUid }], uid } }
    send(state, ctx, kind.ctrl, key, 'patch', restPath(podInfo, ns, String(pod.metadata.name)), { body, step: 'release', name: uid })
    claim.pending[uid] = -1
  }
  if (owner.metadata.deletionTimestamp) return // canAdopt: a terminating owner adopts nothing
  const adopt: { name: string; uid: string }[] = []
  for (const pod of Object.values(state.caches.pods ?? {})) {
    if (pod.metadata.namespace !== ns || pod.metadata.deletionTimestamp || controllerRef(pod)) continue
    if (!selects(owner, pod.metadata.labels as Record<string, string> | undefined)) continue
    const uid = String(pod.metadata.uid)
    if (uid in claim.pending) continue
    adopt.push({ name: String(pod.metadata.name), uid })
    claim.pending[uid] = 1
  }
  if (!adopt.length) return
  claim.adopt = adopt.sort((a, b) => a.name.localeCompare(b.name))
  // The uncached read of the owner that every adoption waits for.
  send(state, ctx, kind.ctrl, key, 'get', restPath(resourceByKind(kind.kind)!, ns, String(owner.metadata.name)), { step: 'adopt-check' })
}

/** The owner as the apiserver has it: adopt the waiting orphans if it is still the same, live object. */
function adoptChecked(kind: ReplicaKind, state: ControllerManagerState, ctx: Ctx, key: string, claim: ClaimState, fresh: KObject | undefined, owner: KObject | undefined): void {
  const adopt = claim.adopt ?? []
  delete claim.adopt
  const ok = !!fresh && !!owner && fresh.metadata.uid === owner.metadata.uid && !fresh.metadata.deletionTimestamp
  if (!ok) {
    for (const p of adopt) delete claim.pending[p.uid]
    if (owner) enqueue(state, ctx, kind.ctrl, key)
    return
  }
  const podInfo = resourceByKind('Pod')!
  const ns = String(owner.metadata.namespace)
  for (const p of adopt) {
    // controller_ref_manager.go AdoptPod: add our controller reference (blockOwnerDeletion too).
    const body = { metadata: { ownerReferences: [newControllerRef(owner)], uid: p.uid } }
    send(state, ctx, kind.ctrl, key, 'patch', restPath(podInfo, ns, p.name), { body, step: 'adopt', name: p.uid })
  }
}

/**
 * The answer to the owner's re-read, or to an adopt or release PATCH: a refusal (the pod changed
 * or went) frees the claim.
 */
export function claimResponse(kind: ReplicaKind, state: ControllerManagerState, ctx: Ctx, key: string, step: string, uid: string, msg: ApiResponse, owner: KObject | undefined): void {
  const claim = state.claims?.[`${kind.ctrl}/${key}`]
  if (!claim) return
  if (step === 'adopt-check') return adoptChecked(kind, state, ctx, key, claim, msg.code === 200 ? (msg.body as KObject) : undefined, owner)
  if (msg.code < 300) return
  delete claim.pending[uid]
  // The pod is gone or no longer fits: look again from the informer's view.
  if (owner) enqueue(state, ctx, kind.ctrl, key)
}
