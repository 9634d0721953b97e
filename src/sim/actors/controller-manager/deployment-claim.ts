/**
 * The Deployment controller's ClaimReplicaSets (deployment_controller.go getReplicaSetsForDeployment,
 * controller_ref_manager.go ReplicaSetControllerRefManager): an orphan ReplicaSet in the namespace
 * whose labels match the Deployment's selector — one left by `kubectl delete deploy --cascade=orphan`
 * — is adopted instead of a new one being created under the same name. As for pods, the
 * Deployment is first re-read with an uncached GET (RecheckDeletionTimestamp), then each
 * ReplicaSet gets a PATCH adding the controller ownerReference; the sync waits for the informer to
 * show them.
 */
import type { Ctx } from '../../engine/actor.ts'
import { resourceByKind, restPath } from '../../k8s/resources.ts'
import type { ApiResponse } from '../../messages.ts'
import type { KObject } from '../../protocol.ts'
import { controllerRef, newControllerRef, selectorMatches, type LabelSelector } from './objects.ts'
import type { ClaimState, ControllerManagerState } from './state.ts'
import { enqueue, send } from './workqueue.ts'

const ctrl = 'deployment-controller'

function claimOf(state: ControllerManagerState, key: string): ClaimState {
  return ((state.claims ??= {})[`${ctrl}/${key}`] ??= { pending: {} })
}

function selectorOf(d: KObject): LabelSelector | undefined {
  return (d.spec as { selector?: LabelSelector } | undefined)?.selector
}

/**
 * Looks for orphan ReplicaSets to adopt; returns true while adoptions are on their way (the sync
 * then waits, as it would not know its ReplicaSets yet).
 */
export function claimReplicaSets(state: ControllerManagerState, ctx: Ctx, key: string, d: KObject): boolean {
  const claim = state.claims?.[`${ctrl}/${key}`]
  if (claim && Object.keys(claim.pending).length) return true
  if (d.metadata.deletionTimestamp) return false
  const ns = d.metadata.namespace
  const orphans = Object.values(state.caches.replicasets ?? {})
    .filter((rs) => rs.metadata.namespace === ns && !rs.metadata.deletionTimestamp && !controllerRef(rs))
    .filter((rs) => selectorMatches(selectorOf(d), rs.metadata.labels as Record<string, string> | undefined))
    .sort((a, b) => String(a.metadata.name).localeCompare(String(b.metadata.name)))
  if (!orphans.length) return false
  const c = claimOf(state, key)
  c.adopt = orphans.map((rs) => ({ name: String(rs.metadata.name), uid: String(rs.metadata.uid) }))
  for (const rs of orphans) c.pending[String(rs.metadata.uid)] = 1
  send(state, ctx, ctrl, key, 'get', restPath(resourceByKind('Deployment')!, String(ns), String(d.metadata.name)), { step: 'adopt-check' })
  return true
}

/** The Deployment's re-read or an adoption PATCH answered. */
export function deploymentClaimResponse(state: ControllerManagerState, ctx: Ctx, key: string, step: string | undefined, uid: string | undefined, msg: ApiResponse): void {
  const claim = state.claims?.[`${ctrl}/${key}`]
  if (!claim) return
  const d = state.caches.deployments?.[key]
  if (step === 'adopt-check') {
    const adopt = claim.adopt ?? []
    delete claim.adopt
    const fresh = msg.code === 200 ? (msg.body as KObject) : undefined
    if (!d || !fresh || fresh.metadata.uid !== d.metadata.uid || fresh.metadata.deletionTimestamp) {
      for (const a of adopt) delete claim.pending[a.uid]
      if (d) enqueue(state, ctx, ctrl, key)
      return
    }
    for (const a of adopt) {
      const body = { metadata: { ownerReferences: [newControllerRef(d)], uid: a.uid } }
      send(state, ctx, ctrl, key, 'patch', restPath(resourceByKind('ReplicaSet')!, String(d.metadata.namespace), a.name), { body, step: 'adopt', uid: a.uid })
    }
    return
  }
  if (step === 'adopt' && msg.code >= 300 && uid) {
    delete claim.pending[uid]
    enqueue(state, ctx, ctrl, key)
  }
}

/** A ReplicaSet event: an adoption shows up, or an orphan appears that Deployments may adopt. */
export function observeReplicaSetForClaims(state: ControllerManagerState, ctx: Ctx, rs: KObject): void {
  const ref = controllerRef(rs)
  if (ref?.kind === 'Deployment') {
    const claim = state.claims?.[`${ctrl}/${rs.metadata.namespace}/${ref.name}`]
    if (claim) delete claim.pending[String(rs.metadata.uid)]
    return
  }
  if (ref || rs.metadata.deletionTimestamp) return
  for (const d of Object.values(state.caches.deployments ?? {})) {
    if (d.metadata.namespace === rs.metadata.namespace && selectorMatches(selectorOf(d), rs.metadata.labels as Record<string, string> | undefined)) {
      enqueue(state, ctx, ctrl, `${d.metadata.namespace}/${d.metadata.name}`)
    }
  }
}
