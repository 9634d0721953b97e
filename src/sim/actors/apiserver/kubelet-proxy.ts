/**
 * `GET /api/v1/namespaces/<ns>/pods/<name>/log` and `POST …/exec`: kube-apiserver holds no logs and
 * runs no processes; it proxies the request to the kubelet of the pod's node
 * (`https://<node>:10250/containerLogs/<ns>/<pod>/<c>`, pkg/registry/core/pod/rest/log.go, and
 * `…/exec/<ns>/<pod>/<c>`) and streams the answer back to the client.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { ApiRequest, ApiResponse, StreamChunk, NetRefused } from '../../messages.ts'
import { etcdKey, resourceByName, type ParsedPath } from '../../k8s/resources.ts'
import { badRequest, notFound } from '../../k8s/status.ts'
import { respond } from './respond.ts'
import type { ApiserverState, RequestRef } from './state.ts'

/**
 * How long the proxy's dial to a kubelet waits for an answer to its SYN. kube-apiserver's kubelet
 * transport sets no dialer of its own (pkg/kubelet/client/kubelet_client.go makeTransport), so
 * utilnet.SetOldTransportDefaults (apimachinery pkg/util/net/http.go) gives it Go's
 * http.DefaultTransport dialer: net.Dialer{Timeout: 30 * time.Second}.
 */
export const KUBELET_DIAL_TIMEOUT_MS = 30_000

/** The timer that ends a dial nobody answered (a machine powered off, or cut off by a partition). */
const DIAL_TIMER = 'proxy-dial:'

/** Requests forwarded to kubelets, by their id: the client to answer. Plain data on the state. */
interface Proxied {
  next: number
  reqs: Record<string, RequestRef>
  /** Where each went, `https://10.0.0.13:10250/containerLogs/…`, for a dial error's text. */
  urls?: Record<string, string>
  /** Followed logs still open: the client to pass chunks to, and the kubelet writing them. */
  streams?: Record<string, { req: RequestRef; kubelet: string }>
}

function proxied(state: ApiserverState): Proxied {
  const s = state as ApiserverState & { proxied?: Proxied }
  return (s.proxied ??= { next: 0, reqs: {} })
}

/** The pod a proxied request names, its container and node; answers the client itself when it cannot. */
function target(state: ApiserverState, ctx: Ctx, parsed: ParsedPath, req: RequestRef, wanted: string | undefined): { node: string; container: string } | undefined {
  const pods = resourceByName('pods')!
  const pod = state.cache[etcdKey(pods, parsed.namespace, parsed.name!)]
  if (!pod) {
    respond(ctx, req, 404, notFound(pods, parsed.name!))
    return undefined
  }
  const spec = pod.spec as { nodeName?: string; containers: { name: string }[] }
  const container = wanted ?? (spec.containers.length === 1 ? spec.containers[0]!.name : '')
  if (!container) {
    const names = spec.containers.map((c) => c.name).join(' ')
    respond(ctx, req, 400, badRequest(`a container name must be specified for pod ${parsed.name}, choose one of: [${names}]`))
    return undefined
  }
  const all = [...spec.containers, ...((pod.spec as { initContainers?: { name: string }[] }).initContainers ?? [])]
  if (wanted && !all.some((c) => c.name === wanted)) {
    respond(ctx, req, 400, badRequest(`container ${wanted} is not valid for pod ${parsed.name}`))
    return undefined
  }
  if (!spec.nodeName) {
    respond(ctx, req, 400, badRequest(`pod ${parsed.name} does not have a host assigned`))
    return undefined
  }
  return { node: spec.nodeName, container }
}

/** Sends the request on to the kubelet's :10250, remembering whom to answer. */
function forward(state: ApiserverState, ctx: Ctx, req: RequestRef, node: string, msg: Omit<ApiRequest, 'reqId'>): void {
  const p = proxied(state)
  const id = `${ctx.self}#proxy${++p.next}`
  p.reqs[id] = req
  const nodeObj = state.cache[`/registry/minions/${node}`]
  const ip = ((nodeObj?.status as { addresses?: { type: string; address: string }[] } | undefined)?.addresses ?? []).find((a) => a.type === 'InternalIP')?.address ?? node
  ;(p.urls ??= {})[id] = `${ip}:10250|${msg.path}`
  ctx.stage({ name: 'proxy', outcome: 'ok', detail: `to the kubelet on ${node}:10250` })
  ctx.setTimer(DIAL_TIMER + id, KUBELET_DIAL_TIMEOUT_MS)
  ctx.send(`kubelet:${node}`, { ...msg, reqId: id } as ApiRequest)
}

export function proxyLogs(state: ApiserverState, ctx: Ctx, msg: ApiRequest, parsed: ParsedPath, req: RequestRef): void {
  const q = new Map(msg.query ?? [])
  const t = target(state, ctx, parsed, req, q.get('container'))
  if (!t) return
  const query: [string, string][] = []
  for (const k of ['follow', 'previous', 'tailLines']) if (q.has(k)) query.push([k, q.get(k)!])
  forward(state, ctx, req, t.node, { kind: 'apiserver.get', verb: 'get', path: `/containerLogs/${parsed.namespace}/${parsed.name}/${t.container}`, ...(query.length ? { query } : {}) })
}

/**
 * `POST /api/v1/namespaces/<ns>/pods/<name>/exec?command=…&container=…`: the connect handler
 * (pkg/registry/core/pod/rest/subresources.go ExecREST) proxies the upgraded stream to the kubelet's
 * `/exec/<ns>/<pod>/<container>` with the same query.
 */
export function proxyExec(state: ApiserverState, ctx: Ctx, msg: ApiRequest, parsed: ParsedPath, req: RequestRef): void {
  const q = msg.query ?? []
  const t = target(state, ctx, parsed, req, q.find(([k]) => k === 'container')?.[1])
  if (!t) return
  forward(state, ctx, req, t.node, { kind: 'apiserver.create', verb: 'create', path: `/exec/${parsed.namespace}/${parsed.name}/${t.container}`, query: q })
}

/**
 * The kubelet's machine reset the connection: the proxy's dial fails, and the client gets the
 * Go error as the status message (kubectl prints `Error from server: Get "https://…": dial tcp
 * 10.0.0.13:10250: connect: connection refused`).
 */
export function refusedProxied(state: ApiserverState, msg: NetRefused, ctx: Ctx): void {
  const p = proxied(state)
  const req = p.reqs[msg.reqId]
  if (!req) return
  failProxied(p, msg.reqId, req, 'connect: connection refused', ctx)
}

/**
 * The dial timer fired with the request still open: nothing answered the SYN (the machine is off
 * or partitioned away), so Go's dialer gives up with `i/o timeout` and the client gets it as the
 * status message, as for a refusal. Returns false when the timer is not a proxy's.
 */
export function dialTimedOut(state: ApiserverState, name: string, ctx: Ctx): boolean {
  if (!name.startsWith(DIAL_TIMER)) return false
  const p = proxied(state)
  const id = name.slice(DIAL_TIMER.length)
  const req = p.reqs[id]
  if (req) failProxied(p, id, req, 'i/o timeout', ctx)
  return true
}

/**
 * Answers the client with the dial error (a 500 Status, no reason): the logs proxy's http.Client
 * names the URL it tried; exec's upgrade-aware proxy says `error dialing backend`.
 */
function failProxied(p: Proxied, id: string, req: RequestRef, cause: string, ctx: Ctx): void {
  delete p.reqs[id]
  ctx.cancelTimer(DIAL_TIMER + id)
  const [address = '', path = ''] = (p.urls?.[id] ?? '').split('|')
  if (p.urls) delete p.urls[id]
  const message = path.startsWith('/exec/') ? `error dialing backend: dial tcp ${address}: ${cause}` : `Get "https://${address}${path}": dial tcp ${address}: ${cause}`
  respond(ctx, req, 500, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code: 500 })
}

/** A kubelet answered a proxied request: pass it on. Returns false when it was not one. */
export function relayProxied(state: ApiserverState, msg: ApiResponse, ctx: Ctx): boolean {
  const p = proxied(state)
  const req = p.reqs[msg.reqId]
  if (!req) return false
  delete p.reqs[msg.reqId]
  if (p.urls) delete p.urls[msg.reqId]
  ctx.cancelTimer(DIAL_TIMER + msg.reqId)
  // `logs -f` and exec: the response stays open; later chunks come as stream.chunk (relayStreamChunk).
  const kind = (msg.body as { kind?: string } | null)?.kind
  const stream = kind === 'LogStream' || kind === 'ExecStream' ? (msg.body as { streamId: string }).streamId : undefined
  if (stream) (p.streams ??= {})[stream] = { req, kubelet: ctx.from! }
  respond(ctx, req, msg.code, msg.body)
  return true
}

/** More of a stream from the kubelet: on to the client whose request is still open. */
export function relayStreamChunk(state: ApiserverState, msg: StreamChunk, ctx: Ctx): void {
  const s = proxied(state).streams?.[msg.streamId]
  if (!s) return
  if (msg.end) delete proxied(state).streams![msg.streamId]
  ctx.send(s.req.client, msg)
}

/** The client hung up a stream: the proxy closes its connection to the kubelet too. Returns false for any other id. */
export function closeStream(state: ApiserverState, watchId: string, ctx: Ctx): boolean {
  const streams = proxied(state).streams
  const s = streams?.[watchId]
  if (!s) return false
  delete streams![watchId]
  ctx.stage({ name: 'proxy', outcome: 'ok', detail: `${watchId} closed by its client; the connection to the kubelet closes` })
  ctx.send(s.kubelet, { kind: 'watch.close', watchId })
  return true
}

/**
 * The kubelet's process died: its connections reset, so every stream it served ends, and the
 * client sees the end of its response (a followed log ends; an exec loses its stream).
 */
export function resetStreamsOf(state: ApiserverState, kubelet: string, ctx: Ctx): void {
  const streams = proxied(state).streams ?? {}
  for (const id of Object.keys(streams).sort()) {
    const s = streams[id]!
    if (s.kubelet !== kubelet) continue
    delete streams[id]
    ctx.stage({ name: 'proxy', outcome: 'failed', detail: `${id}: the connection to ${kubelet} was reset; the client's response ends` })
    ctx.send(s.req.client, { kind: 'stream.chunk', streamId: id, data: '', end: true, ...(id.includes('#exec') ? { error: 'error reading from error stream: next reader: EOF' } : {}) })
  }
}
