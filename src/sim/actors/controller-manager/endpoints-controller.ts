/**
 * The legacy Endpoints controller (pkg/controller/endpoint): one Endpoints object per Service with a
 * selector, named as the Service, at /registry/services/endpoints/<ns>/<svc>, with Ready pods in
 * `addresses` and the others in `notReadyAddresses`; terminating pods are left out
 * (FIDELITY.md §4.2).
 */
import type { Ctx } from '../../engine/actor.ts'
import { serviceSpec } from '../../k8s/service.ts'
import type { KObject } from '../../protocol.ts'
import { desiredEndpoints } from './endpointslice-controller.ts'
import { write, type ServiceControllersState } from './service-client.ts'

const controller = 'endpoint-controller'

function path(ns: string, name?: string): string {
  return `/api/v1/namespaces/${ns}/endpoints${name ? `/${name}` : ''}`
}

export function desiredSubsets(svc: KObject, pods: KObject[]): unknown[] {
  const { endpoints, ports } = desiredEndpoints(svc, pods)
  const live = endpoints.filter((e) => !e.conditions.terminating || serviceSpec(svc).publishNotReadyAddresses)
  if (live.length === 0) return []
  const address = (e: (typeof live)[number]) => ({ ip: e.addresses[0], ...(e.nodeName ? { nodeName: e.nodeName } : {}), targetRef: e.targetRef })
  const ready = live.filter((e) => e.conditions.ready).map(address)
  const notReady = live.filter((e) => !e.conditions.ready).map(address)
  return [{ ...(ready.length ? { addresses: ready } : {}), ...(notReady.length ? { notReadyAddresses: notReady } : {}), ports }]
}

export function syncEndpoints(state: ServiceControllersState, ctx: Ctx, svcKey: string): void {
  const [ns, name] = svcKey.split('/') as [string, string]
  const svc = state.services[svcKey]
  const current = state.endpoints[svcKey]
  if (!svc) {
    if (current) write(state, ctx, svcKey, 'delete', path(ns, name), controller)
    return
  }
  if (!serviceSpec(svc).selector) return
  const subsets = desiredSubsets(svc, Object.values(state.pods))
  const body: KObject = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      name,
      namespace: ns,
      ...(svc.metadata.labels ? { labels: svc.metadata.labels } : {}),
      ...(current ? { resourceVersion: current.metadata.resourceVersion, uid: current.metadata.uid, creationTimestamp: current.metadata.creationTimestamp } : {}),
    },
    ...(subsets.length ? { subsets } : {}),
  }
  if (!current) write(state, ctx, svcKey, 'create', path(ns), controller, body)
  else if (JSON.stringify(current.subsets ?? []) !== JSON.stringify(subsets)) write(state, ctx, svcKey, 'update', path(ns, name), controller, body)
}
