/**
 * A node's netfilter as kube-proxy programmed it: a connection to a Service address walks
 * KUBE-SERVICES → KUBE-SVC- → KUBE-SEP- (each statistic rule rolling on the node's seeded stream),
 * is DNATed to a pod here or on another node, and the pod answers; no usable endpoint means the
 * filter table's REJECT (icmp-port-unreachable: the client sees "connection refused"). DNS queries
 * to the kube-dns address take the same path to a CoreDNS pod (the coredns actor answers them).
 */
import type { Ctx } from '../../engine/actor.ts'
import type { DnsQuery, Message, TrafficRequest } from '../../messages.ts'
import type { Stage } from '../../protocol.ts'
import { corednsId } from '../coredns/coredns.ts'
import { ingressNginxId } from '../ingress-nginx/state.ts'
import type { KubeProxyState } from './kube-proxy.ts'
import { printProbability, route, type RouteResult } from './rules.ts'

/** One hop between hosts of one data-centre network, and a pod's time to serve a small response (ms). */
export const hopMs = 1
export const serveMs = 2

const textCache = new WeakMap<object, Stage[]>()

/** The three stages of a packet taking this endpoint of this route, cached on the endpoint. */
function stageTexts(r: Extract<RouteResult, { ok: true }>): Stage[] {
  const e = r.endpoint
  const cached = textCache.get(e)
  if (cached) return cached
  const n = r.route.endpoints.length
  const rolled = n === 1 ? 'the only endpoint' : e.probability >= 1 ? `rule ${r.tried} of ${n} (the last, no statistic)` : `rule ${r.tried} of ${n} (--probability ${printProbability(e.probability)})`
  const texts: Stage[] = [
    { name: 'KUBE-SERVICES', outcome: 'ok', detail: `matches "${r.route.name}" → ${r.route.chain}` },
    { name: r.route.chain, outcome: 'ok', detail: `${rolled} → ${e.chain}` },
    { name: e.chain, outcome: 'ok', detail: `DNAT --to-destination ${e.ip}:${e.port}${e.pod ? ` (pod ${e.pod} on ${e.nodeName ?? '?'})` : ''}` },
  ]
  textCache.set(e, texts)
  return texts
}

const chainsCache = new WeakMap<object, string[]>()

/** The chains a packet took to this endpoint, one shared array per endpoint of a sync's rules. */
function chainsOf(r: Extract<RouteResult, { ok: true }>): string[] {
  let chains = chainsCache.get(r.endpoint)
  if (!chains) chainsCache.set(r.endpoint, (chains = [r.route.chain, r.endpoint.chain]))
  return chains
}

const servesCache = new WeakMap<object, Stage>()

/** `<pod> (<ip>:<port>) serves the request`, one shared stage per endpoint (keyed by its chains). */
function servesStage(msg: TrafficRequest): Stage {
  const key = msg.chains
  let st = key ? servesCache.get(key) : undefined
  if (!st) {
    st = { name: 'pod', outcome: 'ok', detail: `${msg.pod} (${msg.podIP}:${msg.podPort}) serves the request` }
    if (key) servesCache.set(key, st)
  }
  return st
}

function walk(state: KubeProxyState, ctx: Ctx, dst: string): RouteResult {
  if (!state.rules) return { ok: false, reason: 'no-rule' }
  const r = route(state.rules, dst, ctx.random)
  if (r.ok) {
    // The texts are built once per rules sync (stageTexts), not once per packet.
    const texts = stageTexts(r)
    ctx.stage(texts[0]!)
    ctx.stage(texts[1]!)
    ctx.stage(texts[2]!)
  } else if (r.reason === 'reject') {
    ctx.stage({ name: 'KUBE-SERVICES', outcome: 'failed', detail: `filter: "${r.route.name} has no endpoints" -j REJECT --reject-with icmp-port-unreachable` })
  } else ctx.stage({ name: 'KUBE-SERVICES', outcome: 'failed', detail: `no rule for ${dst}${state.rules ? '' : ' (rules not synced yet)'}` })
  return r
}

/** An endpoint of any Service with this address: a pod the node can route to without DNAT. */
function podAt(state: KubeProxyState, ip: string): { pod?: string; nodeName?: string } | undefined {
  for (const p of state.rules?.ports ?? []) for (const e of p.endpoints) if (e.ip === ip) return e
  return undefined
}

/**
 * A connection from an exec'd curl or wget. To a pod's address it needs no rule: the node routes it
 * to that pod (known here from the endpoints the rules hold). To an address nothing routes, the
 * SYN is lost and the client's connect times out.
 */
function onExecRequest(state: KubeProxyState, msg: TrafficRequest, ctx: Ctx): boolean {
  if (msg.pod) {
    // Delivered to a pod on this node: its own process answers (the node's container runtime stands for it).
    ctx.send(`container-runtime:${state.node}`, msg, { durationMs: hopMs })
    return true
  }
  if (state.rules && state.rules.byDestination[msg.dst] !== undefined) return false
  const [ip = '', portText = ''] = msg.dst.split(/[:/]/)
  const e = podAt(state, ip)
  if (!e) {
    ctx.stage({ name: 'route', outcome: 'failed', detail: `no Service rule and no pod for ${ip}: the SYN is lost` })
    return true
  }
  ctx.stage({ name: 'route', outcome: 'ok', detail: `${ip} is pod ${e.pod ?? '?'} on ${e.nodeName ?? state.node}: routed, no DNAT` })
  ctx.send(`kube-proxy:${e.nodeName ?? state.node}`, { ...msg, pod: e.pod ?? ip, podIP: ip, podPort: Number(portText) }, { durationMs: hopMs })
  return true
}

function onRequest(state: KubeProxyState, msg: TrafficRequest, ctx: Ctx): void {
  if (msg.exec && onExecRequest(state, msg, ctx)) return
  if (msg.pod) {
    state.served[msg.pod] = (state.served[msg.pod] ?? 0) + 1
    ctx.stage(servesStage(msg))
    ctx.send(msg.client, { kind: 'traffic.response', reqId: msg.reqId, code: 200, pod: msg.pod, node: state.node }, { durationMs: serveMs + hopMs })
    return
  }
  const r = walk(state, ctx, msg.dst)
  if (!r.ok) {
    const reason = r.reason === 'reject' ? `REJECT: ${r.route.name} has no endpoints` : 'no rule for this address'
    ctx.send(msg.client, { kind: 'traffic.response', reqId: msg.reqId, code: 0, node: state.node, reason }, { durationMs: hopMs })
    return
  }
  const e = r.endpoint
  if (msg.http && !msg.upstream) {
    // DNATed to the ingress controller's pod: nginx there reads the HTTP request (the actor stands for it).
    ctx.send(ingressNginxId, { ...msg, pod: e.pod ?? e.ip, podIP: e.ip, podPort: e.port, chains: chainsOf(r) }, { durationMs: hopMs })
    return
  }
  const to = `kube-proxy:${e.nodeName ?? state.node}`
  ctx.send(to, { ...msg, pod: e.pod ?? e.ip, podIP: e.ip, podPort: e.port, chains: chainsOf(r) }, { durationMs: hopMs })
}

function onDns(state: KubeProxyState, msg: DnsQuery, ctx: Ctx): void {
  const r = walk(state, ctx, msg.dst)
  if (!r.ok) {
    ctx.send(msg.client, { kind: 'dns.answer', queryId: msg.queryId, name: msg.name, rcode: 'REFUSED', ips: [] }, { durationMs: hopMs })
    return
  }
  // DNATed to a CoreDNS pod (here or on another node): the packet goes to that pod, which answers.
  const e = r.endpoint
  ctx.send(corednsId, { ...msg, dst: `${e.ip}:${e.port}/UDP`, pod: e.pod ?? e.ip, podIP: e.ip }, { durationMs: hopMs })
}

export function dataPlaneReceive(state: KubeProxyState, msg: Message, ctx: Ctx): void {
  if (msg.kind === 'traffic.request') onRequest(state, msg, ctx)
  else if (msg.kind === 'dns.query') onDns(state, msg, ctx)
}
