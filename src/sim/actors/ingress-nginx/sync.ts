/**
 * The controller's sync (internal/ingress/controller/controller.go syncIngress): from the claimed
 * Ingresses, the Services and the EndpointSlices it builds the servers, locations and upstreams
 * nginx serves. Endpoint changes reach nginx without a reload (the Lua balancer's backends), so
 * each sync here is immediate; the table is what the inspector shows.
 */
import type { Ctx } from '../../engine/actor.ts'
import { ipToInt, serviceSpec } from '../../k8s/service.ts'
import type { KObject } from '../../protocol.ts'
import { controllerClass } from '../../cluster/bootstrap-ingress-objects.ts'
import { buildRoutingTable, claimed, type BackendRef } from './routing.ts'
import type { IngressNginxState } from './state.ts'

type Json = Record<string, unknown>

export function isClaimed(state: IngressNginxState, ing: KObject): boolean {
  return claimed([ing], Object.values(state.ingressclasses), controllerClass).length === 1
}

export function syncConfiguration(state: IngressNginxState, ctx: Ctx): void {
  const mine = claimed(Object.values(state.ingresses), Object.values(state.ingressclasses), controllerClass)
  state.claimed = mine.map((i) => `${i.metadata.namespace}/${i.metadata.name}`).sort()
  state.table = buildRoutingTable(mine)
  state.syncs++
  state.lastSyncAt = ctx.now
}

export interface Upstream {
  /** ingress-nginx's upstream name: `<namespace>-<service>-<port>`. */
  name: string
  /** The Service port's name, for the label `ns/svc:port`. */
  portName: string
  endpoints: { ip: string; port: number; pod: string; node?: string }[]
  /** Why there is no endpoint, when there is none. */
  why?: string
}

/** The ready endpoints behind a backend (the Service port, then its EndpointSlices' matching port). */
export function upstreamOf(state: IngressNginxState, b: BackendRef): Upstream {
  const [ns, name] = b.service.split('/') as [string, string]
  const upName = `${ns}-${name}-${b.port}`
  const svc = state.services[b.service]
  if (!svc) return { name: upName, portName: String(b.port), endpoints: [], why: `service ${b.service} not found` }
  const port = (serviceSpec(svc).ports ?? []).find((p) => (typeof b.port === 'number' ? p.port === b.port : p.name === b.port))
  if (!port) return { name: upName, portName: String(b.port), endpoints: [], why: `service ${b.service} has no port ${b.port}` }
  const portName = port.name ?? ''
  const endpoints: Upstream['endpoints'] = []
  for (const slice of Object.values(state.endpointslices)) {
    if (slice.metadata.namespace !== ns || slice.metadata.labels?.['kubernetes.io/service-name'] !== name) continue
    const sp = ((slice.ports ?? []) as Json[]).find((p) => (p.name ?? '') === portName)
    if (!sp) continue
    for (const e of (slice.endpoints ?? []) as Json[]) {
      const cond = (e.conditions ?? {}) as Json
      if (cond.ready === false) continue
      const ref = (e.targetRef ?? {}) as Json
      const addr = ((e.addresses ?? []) as string[])[0]
      if (!addr) continue
      endpoints.push({ ip: addr, port: Number(sp.port), pod: String(ref.name ?? addr), ...(e.nodeName ? { node: String(e.nodeName) } : {}) })
    }
  }
  endpoints.sort((a, b) => ipToInt(a.ip) - ipToInt(b.ip))
  return { name: upName, portName, endpoints, ...(endpoints.length ? {} : { why: `no ready endpoints for ${b.service}:${portName || b.port}` }) }
}
