/**
 * The ServiceAccount controller (a `default` ServiceAccount in every namespace) and the root CA
 * publisher (the `kube-root-ca.crt` ConfigMap every pod's token volume mounts); FIDELITY.md §1.2a.
 * The token controller creates no Secrets since v1.24: pods get bound tokens from TokenRequest.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { ControllerManagerState } from './state.ts'
import { send } from './workqueue.ts'

/** The cluster CA as the publisher copies it; the certificate body is elided. */
export const rootCaPem = '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIkube-anatomy-ca…\n-----END CERTIFICATE-----\n'

export const rootCaDescription =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.'

export function syncServiceAccounts(state: ControllerManagerState, ctx: Ctx, ns: string): void {
  const namespace = state.caches.namespaces![ns]
  if (!namespace || namespace.metadata.deletionTimestamp) return
  if (!state.caches.serviceaccounts![`${ns}/default`]) {
    send(state, ctx, 'serviceaccount-controller', ns, 'create', `/api/v1/namespaces/${ns}/serviceaccounts`, {
      body: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } },
    })
  }
}

export function syncRootCa(state: ControllerManagerState, ctx: Ctx, ns: string): void {
  const namespace = state.caches.namespaces![ns]
  if (!namespace || namespace.metadata.deletionTimestamp) return
  if (!state.caches.configmaps![`${ns}/kube-root-ca.crt`]) {
    send(state, ctx, 'root-ca-certificate-publisher-controller', ns, 'create', `/api/v1/namespaces/${ns}/configmaps`, {
      body: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'kube-root-ca.crt', namespace: ns, annotations: { 'kubernetes.io/description': rootCaDescription } },
        data: { 'ca.crt': rootCaPem },
      },
    })
  }
}
