/**
 * kube-apiserver's identity Lease (the APIServerIdentity feature, on by default since v1.26):
 * `kube-system/apiserver-<id>`, labelled `apiserver.kubernetes.io/identity: kube-apiserver`, held
 * by `<id>_<uuid>` for 3600 s and renewed every 10 s (pkg/controlplane IdentityLeaseDurationSeconds,
 * IdentityLeaseRenewIntervalPeriod). `kubectl get leases -A` lists it beside the node Leases and the
 * leader-election ones.
 *
 * <id> is the first 16 bytes of sha256(len‖hostname‖len‖"kube-apiserver") in lower-case base32
 * without padding (staging/src/k8s.io/apiserver/pkg/server/config.go); for this model's one host,
 * `control-plane`, it was computed once (no hashing in the engine).
 *
 * The apiserver renews it through its own loopback client; that request to itself is not drawn,
 * only the write it makes to etcd.
 */
import type { Ctx } from '../../engine/actor.ts'
import { microTime, rfc3339 } from '../../k8s/meta.ts'
import type { KObject } from '../../protocol.ts'
import { sendTxn } from './respond.ts'
import type { ApiserverState } from './state.ts'

/** `apiserver-` + base32(sha256(\x00\x0dcontrol-plane\x00\x0ekube-apiserver)[:16]), lower case. */
export const identityLeaseName = 'apiserver-6vzvajxlkf7lcarzgdc4jnyaru'
export const identityLeaseKey = `/registry/leases/kube-system/${identityLeaseName}`
/** IdentityLeaseRenewIntervalPeriod. */
export const identityLeaseRenewMs = 10_000
/** The apiserver's timer that renews it. */
export const identityLeaseTimer = 'identity-lease'

export function identityLeaseObject(holderSuffix: string, epochMs: number, hostname: string): KObject {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: identityLeaseName,
      namespace: 'kube-system',
      creationTimestamp: rfc3339(epochMs),
      labels: { 'apiserver.kubernetes.io/identity': 'kube-apiserver', 'kubernetes.io/hostname': hostname },
    },
    // IdentityLeaseDurationSeconds: a stale one is collected an hour after its last renewal.
    spec: { holderIdentity: `${identityLeaseName}_${holderSuffix}`, leaseDurationSeconds: 3600, renewTime: microTime(epochMs) },
  }
}

/** The lease controller's renewal: the stored Lease with a new renewTime, written if etcd still holds that version. */
export function renewIdentityLease(state: ApiserverState, ctx: Ctx): void {
  ctx.setTimer(identityLeaseTimer, identityLeaseRenewMs)
  const current = state.cache[identityLeaseKey]
  if (!current) return
  const renewed: KObject = { ...current, spec: { ...(current.spec as object), renewTime: microTime(ctx.startTimeMs + ctx.now) } }
  sendTxn(state, ctx, { key: identityLeaseKey, op: 'update', value: renewed, expectModRevision: Number(current.metadata.resourceVersion) }, { op: 'own' })
}
