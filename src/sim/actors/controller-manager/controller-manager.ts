/**
 * kube-controller-manager: one process, many controllers, each a reconcile loop over its informers.
 * This release runs the ServiceAccount controller (a `default` ServiceAccount in every namespace)
 * and the root CA publisher (the `kube-root-ca.crt` ConfigMap every pod's token volume mounts);
 * FIDELITY.md §1.2a. Each controller authenticates as its own ServiceAccount
 * (`--use-service-account-credentials`, as kubeadm sets it).
 */
import type { ActorDef, Ctx } from '../../engine/actor.ts'
import type { KObject } from '../../protocol.ts'
import { apiRequest, newApiClient, takeResponse, type ApiClient } from '../client/api-client.ts'
import { applyWatchEvent, type Cache } from '../client/informer.ts'

export interface ControllerManagerState {
  client: ApiClient<{ do: 'ignore' }>
  namespaces: Cache
  serviceaccounts: Cache
  configmaps: Cache
}

export function newControllerManagerState(apiserver: string): ControllerManagerState {
  return { client: newApiClient(apiserver), namespaces: {}, serviceaccounts: {}, configmaps: {} }
}

/** The cluster CA as the publisher copies it; the certificate body is elided. */
export const rootCaPem = '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIkube-anatomy-ca…\n-----END CERTIFICATE-----\n'

function reconcileNamespace(state: ControllerManagerState, ctx: Ctx, ns: string): void {
  if (state.namespaces[ns]?.metadata.deletionTimestamp) return
  if (!state.serviceaccounts[`${ns}/default`]) {
    apiRequest(state.client, ctx, 'create', `/api/v1/namespaces/${ns}/serviceaccounts`, { do: 'ignore' }, {
      body: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } },
      asUser: 'system:serviceaccount:kube-system:service-account-controller',
    })
  }
  if (!state.configmaps[`${ns}/kube-root-ca.crt`]) {
    apiRequest(state.client, ctx, 'create', `/api/v1/namespaces/${ns}/configmaps`, { do: 'ignore' }, {
      body: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'kube-root-ca.crt', namespace: ns, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } },
        data: { 'ca.crt': rootCaPem },
      },
      asUser: 'system:serviceaccount:kube-system:root-ca-cert-publisher',
    })
  }
}

export const controllerManager: ActorDef<ControllerManagerState> = {
  kind: 'kube-controller-manager',
  receive(state, msg, ctx) {
    if (msg.kind === 'apiserver.response') {
      takeResponse(state.client, msg)
      return
    }
    if (msg.kind !== 'watch.event') return
    const o: KObject = msg.object
    const cache = o.kind === 'Namespace' ? state.namespaces : o.kind === 'ServiceAccount' ? state.serviceaccounts : o.kind === 'ConfigMap' ? state.configmaps : undefined
    if (!cache) return
    applyWatchEvent(cache, msg)
    const ns = o.kind === 'Namespace' ? String(o.metadata.name) : String(o.metadata.namespace)
    if (msg.type !== 'DELETED' || o.kind !== 'Namespace') {
      if (state.namespaces[ns]) reconcileNamespace(state, ctx, ns)
    }
  },
}
