/**
 * A traffic source: a client pod on a node (it resolves the Service by DNS when the cluster has
 * CoreDNS, else from the `<SVC>_SERVICE_HOST` variables the kubelet injects, and connects to the
 * ClusterIP through its own node's rules), or a client outside the cluster connecting to a
 * NodePort on each node in turn. It sends requests at a chosen rate and counts the answers per pod.
 * Started and stopped by a scenario's `traffic:` step or the page (`start web --rate 20 --from
 * node-1`, `start web --from outside`, `stop`).
 */
import type { ActorDef, Ctx, UserInput } from '../../engine/actor.ts'
import { serviceSpec } from '../../k8s/service.ts'
import type { KObject } from '../../protocol.ts'
import { applyWatchEvent, type Cache } from '../client/informer.ts'
import { qualify } from '../coredns/records.ts'
import { hopMs } from '../kube-proxy/data-plane.ts'

/** CoreDNS `ttl 30` in the kubeadm Corefile: the resolver keeps an answer this long. */
export const dnsTtlMs = 30_000
/** A client outside the cluster is a few ms away from the nodes. */
export const externalHopMs = 5

export interface TrafficTarget {
  service: string
  namespace: string
  /** Service port; the first when not given. */
  port?: number
  /** Requests per second. */
  rate: number
  /** A node's name for a client pod there, or `outside`. */
  from: string
  /** Ingress mode (`--ingress host/path`): HTTP requests to the ingress-nginx controller's Service. */
  http?: { host: string; path: string }
}

export interface TrafficClientState {
  /** Every node, for an outside client's round robin over NodePorts. */
  nodes: string[]
  /** kube-dns's ClusterIP when the cluster runs CoreDNS. */
  dnsServer?: string
  services: Cache
  target: TrafficTarget | null
  /** The answer of the last lookup and when it expires. */
  resolved?: { name: string; ip: string; expiresAt: number }
  dnsPending: boolean
  /** Fractional requests carried between ticks. */
  carry: number
  nextReq: number
  nextNode: number
  sent: number
  ok: number
  refused: number
  /** Answers per pod name. */
  counts: Record<string, number>
  /** The node each answering pod runs on. */
  podNodes: Record<string, string>
  /** Answers per HTTP status, `refused` for a refused connection. */
  codes: Record<string, number>
  /** Why the last start or request could not go, for the page. */
  note?: string
}

export function newTrafficClientState(nodes: string[], dnsServer?: string): TrafficClientState {
  return { nodes, ...(dnsServer ? { dnsServer } : {}), services: {}, target: null, dnsPending: false, carry: 0, nextReq: 0, nextNode: 0, sent: 0, ok: 0, refused: 0, counts: {}, podNodes: {}, codes: {} }
}

/** The ingress-nginx add-on's controller Service, which `--ingress` requests go to (port 80, http). */
export const ingressControllerService = { namespace: 'ingress-nginx', service: 'ingress-nginx-controller', port: 80 }

/** `example.com/testpath` → Host `example.com`, path `/testpath`. */
export function parseIngressTarget(v: string): { host: string; path: string } | undefined {
  const slash = v.indexOf('/')
  const host = (slash < 0 ? v : v.slice(0, slash)).toLowerCase()
  if (!host) return undefined
  return { host, path: slash < 0 ? '/' : v.slice(slash) }
}

/**
 * `start web --rate 20 --namespace default --port 80 --from node-1`, `stop`, or in ingress mode
 * `start --ingress example.com/testpath [--rate N] [--from NODE|outside]` (HTTP with that Host
 * header and path, to the ingress-nginx controller's Service).
 */
export function parseTrafficLine(line: string): TrafficTarget | 'stop' | string {
  const words = line.trim().split(/\s+/)
  if (words[0] === 'stop') return 'stop'
  const usage = 'usage: start <service> [--rate N] [--namespace NS] [--port P] [--from NODE|outside] | start --ingress HOST[/PATH] [--rate N] [--from NODE|outside] | stop'
  if (words[0] !== 'start' || !words[1]) return usage
  const ingressMode = words[1] === '--ingress'
  const t: TrafficTarget = ingressMode ? { ...ingressControllerService, rate: 10, from: 'outside' } : { service: words[1], namespace: 'default', rate: 10, from: 'outside' }
  for (let i = ingressMode ? 1 : 2; i < words.length; i += 2) {
    const v = words[i + 1] ?? ''
    if (words[i] === '--ingress') {
      const http = parseIngressTarget(v)
      if (!http) return `--ingress needs HOST[/PATH], e.g. --ingress example.com/testpath`
      t.http = http
    } else if (words[i] === '--rate') t.rate = Number(v)
    else if (words[i] === '--namespace' || words[i] === '-n') t.namespace = v
    else if (words[i] === '--port') t.port = Number(v)
    else if (words[i] === '--from') t.from = v
    else return `unknown flag ${words[i]}`
  }
  if (!(t.rate > 0)) return `--rate must be a positive number`
  return t
}

/** Tick length: one request per tick up to 1000/s, several per 1 ms tick beyond. */
function tickMs(rate: number): number {
  return Math.max(1, Math.round(1000 / rate))
}

function portOf(svc: KObject, want?: number): { port: number; protocol: string; nodePort?: number } | undefined {
  const ports = serviceSpec(svc).ports ?? []
  const p = want ? ports.find((x) => x.port === want) : ports[0]
  return p ? { port: p.port ?? 0, protocol: p.protocol ?? 'TCP', ...(p.nodePort ? { nodePort: p.nodePort } : {}) } : undefined
}

/** What every request of one tick aims at: looked up once per tick, not once per request. */
interface Aim {
  service: string
  svc: KObject | undefined
  port: ReturnType<typeof portOf>
}

function aimOf(state: TrafficClientState, t: TrafficTarget): Aim {
  const service = `${t.namespace}/${t.service}`
  const svc = state.services[service]
  return { service, svc, port: svc ? portOf(svc, t.port) : undefined }
}

function sendOne(state: TrafficClientState, ctx: Ctx, t: TrafficTarget, aim: Aim): void {
  const { svc, port: p, service } = aim
  const reqId = `${ctx.self}#${++state.nextReq}`
  if (t.from === 'outside') {
    if (!p?.nodePort) {
      state.note = svc ? `service ${service} has no nodePort: an outside client cannot reach it` : `service ${service} not found`
      return
    }
    const node = state.nodes[state.nextNode++ % state.nodes.length]!
    state.sent++
    // In ingress mode with a cloud, the client connects to the load balancer's address; the
    // balancer hands the packet to a node, whose rules match that address (KUBE-SERVICES "loadbalancer IP").
    const lb = t.http && svc ? (svc.status as { loadBalancer?: { ingress?: { ip?: string }[] } } | undefined)?.loadBalancer?.ingress?.[0]?.ip : undefined
    const dst = lb ? `${lb}:${p.port}/${p.protocol}` : `nodeport:${p.nodePort}/${p.protocol}`
    ctx.send(`kube-proxy:${node}`, { kind: 'traffic.request', reqId, client: ctx.self, dst, service, ...(t.http ? { http: t.http } : {}) }, { durationMs: externalHopMs, causeId: null })
    return
  }
  let ip: string | undefined
  if (state.dnsServer) {
    const name = qualify(t.service, t.namespace === 'default' ? 'default' : t.namespace)
    const fresh = state.resolved && state.resolved.name === name && state.resolved.expiresAt > ctx.now
    if (!fresh) {
      if (!state.dnsPending) {
        state.dnsPending = true
        ctx.send(`kube-proxy:${t.from}`, { kind: 'dns.query', queryId: reqId, client: ctx.self, name, dst: `${state.dnsServer}:53/UDP` }, { durationMs: hopMs, causeId: null })
      }
      return
    }
    ip = state.resolved!.ip
  } else ip = svc ? serviceSpec(svc).clusterIP : undefined
  if (!ip || !p) {
    state.note = `service ${service} not found`
    return
  }
  state.sent++
  ctx.send(`kube-proxy:${t.from}`, { kind: 'traffic.request', reqId, client: ctx.self, dst: `${ip}:${p.port}/${p.protocol}`, service, ...(t.http ? { http: t.http } : {}) }, { durationMs: hopMs, causeId: null })
}

function start(state: TrafficClientState, ctx: Ctx, input: UserInput): void {
  const parsed = parseTrafficLine(input.line)
  if (parsed === 'stop') {
    state.target = null
    ctx.cancelTimer('tick')
    return
  }
  if (typeof parsed === 'string') {
    state.note = parsed
    return
  }
  if (parsed.from !== 'outside' && !state.nodes.includes(parsed.from)) {
    state.note = `no node "${parsed.from}"`
    return
  }
  delete state.note
  state.target = parsed
  state.carry = 0
  ctx.setTimer('tick', 0)
}

export const trafficClient: ActorDef<TrafficClientState> = {
  kind: 'traffic-client',
  input: (state, input, ctx) => start(state, ctx, input),
  receive(state, msg, ctx) {
    switch (msg.kind) {
      case 'watch.event':
        if (msg.object.kind === 'Service') applyWatchEvent(state.services, msg)
        return
      case 'dns.answer':
        state.dnsPending = false
        if (msg.rcode === 'NOERROR' && msg.ips[0]) state.resolved = { name: msg.name, ip: msg.ips[0], expiresAt: ctx.now + dnsTtlMs }
        else state.note = `${msg.name}: ${msg.rcode}`
        return
      case 'traffic.response': {
        const code = msg.code ? String(msg.code) : 'refused'
        state.codes[code] = (state.codes[code] ?? 0) + 1
        // The ingress controller's own answers (404, 503, 502) reached no pod of the Service.
        if (msg.code >= 400) return
        if (msg.code) {
          state.ok++
          if (msg.pod) {
            state.counts[msg.pod] = (state.counts[msg.pod] ?? 0) + 1
            if (msg.node) state.podNodes[msg.pod] = msg.node
          }
        } else state.refused++
        return
      }
    }
  },
  timer(state, name, _data, ctx) {
    if (name !== 'tick' || !state.target) return
    const t = state.target
    const period = tickMs(t.rate)
    state.carry += (t.rate * period) / 1000
    const aim = state.carry >= 1 ? aimOf(state, t) : undefined
    while (aim && state.carry >= 1) {
      state.carry -= 1
      sendOne(state, ctx, t, aim)
    }
    ctx.setTimer('tick', period)
  },
}
