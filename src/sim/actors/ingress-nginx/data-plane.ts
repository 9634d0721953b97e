/**
 * nginx answering a request that kube-proxy's rules DNATed to the controller pod: it picks the
 * server by the Host header and the location by the path (routing.ts), then proxies to one of the
 * upstream's endpoints directly, pod IP and port from the EndpointSlices (no Service hop, as
 * ingress-nginx's Lua balancer does), round robin. The pod answers nginx, and nginx answers the
 * client. No matching server or location: the controller's default backend, `404 Not Found`. A
 * backend Service without ready endpoints (or missing): `503 Service Temporarily Unavailable`.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { TrafficRequest, TrafficResponse } from '../../messages.ts'
import { hopMs } from '../kube-proxy/data-plane.ts'
import { routeRequest } from './routing.ts'
import type { IngressNginxState } from './state.ts'
import { upstreamOf } from './sync.ts'

function answer(state: IngressNginxState, ctx: Ctx, msg: TrafficRequest, code: number): void {
  state.codes[code] = (state.codes[code] ?? 0) + 1
  const pod = state.pod?.name ?? msg.pod
  ctx.send(msg.client, { kind: 'traffic.response', reqId: msg.reqId, code, ...(pod ? { pod } : {}), ...(state.pod?.node ? { node: state.pod.node } : {}), via: 'ingress-nginx' }, { durationMs: hopMs })
}

export function onIngressRequest(state: IngressNginxState, msg: TrafficRequest, ctx: Ctx): void {
  const http = msg.http
  if (!http) return
  state.requests++
  const r = routeRequest(state.table, http.host, http.path)
  if (r.kind === 'default') {
    ctx.stage({ name: 'nginx', outcome: 'failed', detail: `Host ${http.host} ${http.path}: no Ingress rule matches (server ${r.server}) → default backend: 404 Not Found` })
    return answer(state, ctx, msg, 404)
  }
  const up = upstreamOf(state, r.backend)
  ctx.stage({ name: 'server', outcome: 'ok', detail: `Host ${http.host} → server ${r.server}, location ${r.location} of Ingress ${r.ingress} → upstream ${up.name}` })
  if (!up.endpoints.length) {
    ctx.stage({ name: 'upstream', outcome: 'failed', detail: `${up.why ?? 'no endpoints'}: 503 Service Temporarily Unavailable` })
    return answer(state, ctx, msg, 503)
  }
  const i = (state.rr[up.name] ?? 0) % up.endpoints.length
  state.rr[up.name] = i + 1
  const e = up.endpoints[i]!
  ctx.stage({ name: 'balancer', outcome: 'ok', detail: `round_robin: endpoint ${i + 1} of ${up.endpoints.length}, ${e.ip}:${e.port} (pod ${e.pod})` })
  const reqId = `${ctx.self}#up${++state.nextUpstream}`
  state.pending[reqId] = { client: msg.client, reqId: msg.reqId }
  const [ns, svc] = r.backend.service.split('/') as [string, string]
  const upstream: TrafficRequest = {
    kind: 'traffic.request',
    reqId,
    client: ctx.self,
    dst: `${e.ip}:${e.port}/TCP`,
    service: `${ns}/${svc}:${up.portName}`,
    pod: e.pod,
    podIP: e.ip,
    podPort: e.port,
    http,
    upstream: true,
  }
  // The pod's node delivers it (the kube-proxy actor stands for that node's network stack).
  ctx.send(`kube-proxy:${e.node ?? state.pod?.node ?? ''}`, upstream, { durationMs: hopMs })
}

/** The upstream pod answered nginx: nginx answers the client. */
export function onUpstreamResponse(state: IngressNginxState, msg: TrafficResponse, ctx: Ctx): void {
  const p = state.pending[msg.reqId]
  if (!p) return
  delete state.pending[msg.reqId]
  // A refused upstream connection is nginx's 502 Bad Gateway.
  const code = msg.code || 502
  state.codes[code] = (state.codes[code] ?? 0) + 1
  ctx.send(p.client, { kind: 'traffic.response', reqId: p.reqId, code, ...(msg.pod ? { pod: msg.pod } : {}), ...(msg.node ? { node: msg.node } : {}), via: 'ingress-nginx' }, { durationMs: hopMs })
}
