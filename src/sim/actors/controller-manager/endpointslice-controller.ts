/**
 * The EndpointSlice controller (pkg/controller/endpointslice, staging/src/k8s.io/endpointslice):
 * for each Service with a selector, slices of at most `--max-endpoints-per-slice` (100) endpoints,
 * one per matching pod that has an IP and is not terminal, with conditions ready / serving /
 * terminating, named `<svc>-<5 random>` (generateName), labelled with the service name and the
 * managed-by label, owned by the Service (FIDELITY.md §4.2).
 */
import type { Ctx } from '../../engine/actor.ts'
import { matchesSelectorMap, podIsReady } from './service-pods.ts'
import { resolveTargetPort, serviceSpec, type ServicePort } from '../../k8s/service.ts'
import type { KObject } from '../../protocol.ts'
import { write, type ServiceControllersState } from './service-client.ts'

/** kube-controller-manager --max-endpoints-per-slice default (pkg/controller/endpointslice/config). */
export const maxEndpointsPerSlice = 100
export const managedBy = 'endpointslice-controller.k8s.io'
const controller = 'endpointslice-controller'

export interface SliceEndpoint {
  addresses: string[]
  conditions: { ready: boolean; serving: boolean; terminating: boolean }
  nodeName?: string
  targetRef: { kind: 'Pod'; name: string; namespace: string; uid: string }
}

/** The endpoints a Service should have, ordered by address. */
export function desiredEndpoints(svc: KObject, pods: KObject[]): { endpoints: SliceEndpoint[]; ports: { name: string; port: number; protocol: string }[] } {
  const spec = serviceSpec(svc)
  const ns = svc.metadata.namespace
  const mine = pods.filter((p) => {
    const phase = (p.status as { phase?: string } | undefined)?.phase
    const ip = (p.status as { podIP?: string } | undefined)?.podIP
    return p.metadata.namespace === ns && ip && phase !== 'Succeeded' && phase !== 'Failed' && matchesSelectorMap(p, spec.selector ?? {})
  })
  const endpoints = mine.map((p) => {
    const ready = podIsReady(p)
    const terminating = Boolean(p.metadata.deletionTimestamp)
    const nodeName = (p.spec as { nodeName?: string }).nodeName
    return {
      addresses: [String((p.status as { podIP: string }).podIP)],
      conditions: { ready: (ready && !terminating) || spec.publishNotReadyAddresses === true, serving: ready, terminating },
      ...(nodeName ? { nodeName } : {}),
      targetRef: { kind: 'Pod' as const, name: String(p.metadata.name), namespace: String(ns), uid: String(p.metadata.uid) },
    }
  })
  endpoints.sort((a, b) => (a.addresses[0]! < b.addresses[0]! ? -1 : a.addresses[0]! > b.addresses[0]! ? 1 : 0))
  const first = mine[0]
  const ports = (spec.ports ?? []).map((p: ServicePort) => ({
    name: p.name ?? '',
    port: first ? resolveTargetPort(p, first) : typeof p.targetPort === 'number' ? p.targetPort : (p.port ?? 0),
    protocol: p.protocol ?? 'TCP',
  }))
  return { endpoints, ports }
}

function slicesOf(state: ServiceControllersState, ns: string, svc: string): KObject[] {
  return Object.values(state.endpointslices)
    .filter((s) => s.metadata.namespace === ns && s.metadata.labels?.['kubernetes.io/service-name'] === svc && s.metadata.labels?.['endpointslice.kubernetes.io/managed-by'] === managedBy)
    .sort((a, b) => (String(a.metadata.name) < String(b.metadata.name) ? -1 : 1))
}

function path(ns: string, name?: string): string {
  return `/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices${name ? `/${name}` : ''}`
}

export function syncEndpointSlices(state: ServiceControllersState, ctx: Ctx, svcKey: string): void {
  const [ns, name] = svcKey.split('/') as [string, string]
  const svc = state.services[svcKey]
  const existing = slicesOf(state, ns, name)
  if (!svc || !serviceSpec(svc).selector) {
    // The garbage collector removes owned slices once the Service is gone; done here directly.
    if (!svc) for (const s of existing) write(state, ctx, svcKey, 'delete', path(ns, String(s.metadata.name)), controller)
    return
  }
  const { endpoints, ports } = desiredEndpoints(svc, Object.values(state.pods))
  const chunks: SliceEndpoint[][] = []
  for (let i = 0; i < endpoints.length; i += maxEndpointsPerSlice) chunks.push(endpoints.slice(i, i + maxEndpointsPerSlice))
  if (chunks.length === 0) chunks.push([])
  chunks.forEach((eps, i) => {
    const current = existing[i]
    const body: KObject = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        ...(current ? { name: current.metadata.name, resourceVersion: current.metadata.resourceVersion, uid: current.metadata.uid, creationTimestamp: current.metadata.creationTimestamp } : { generateName: `${name}-` }),
        namespace: ns,
        labels: { ...(svc.metadata.labels ?? {}), 'endpointslice.kubernetes.io/managed-by': managedBy, 'kubernetes.io/service-name': name },
        ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }],
        generation: current?.metadata.generation ?? 1,
      },
      addressType: 'IPv4',
      endpoints: eps,
      ports,
    }
    if (!current) write(state, ctx, svcKey, 'create', path(ns), controller, body)
    else if (JSON.stringify(current.endpoints ?? []) !== JSON.stringify(eps) || JSON.stringify(current.ports ?? []) !== JSON.stringify(ports))
      write(state, ctx, svcKey, 'update', path(ns, String(current.metadata.name)), controller, body)
  })
  for (const extra of existing.slice(chunks.length)) write(state, ctx, svcKey, 'delete', path(ns, String(extra.metadata.name)), controller)
}
