/**
 * Every message one component sends another. The `kind` of a message is the kind of the Flow that
 * carries it (protocol.ts `FlowKind`), and `labelOf` gives the text a learner reads on the token.
 */
import type { ActorId, FlowKind, KObject } from './protocol.ts'

export type Verb = 'get' | 'list' | 'create' | 'update' | 'patch' | 'delete' | 'watch'

/** An HTTP request to kube-apiserver. */
export interface ApiRequest {
  kind: 'apiserver.get' | 'apiserver.list' | 'apiserver.create' | 'apiserver.update' | 'apiserver.patch' | 'apiserver.delete' | 'apiserver.watch'
  reqId: string
  verb: Verb
  /** Path without query: `/api/v1/namespaces/default/pods`. */
  path: string
  /** Query parameters in the order a real client sends them. */
  query?: [string, string][]
  body?: unknown
  /**
   * The credential when one process uses several: kube-controller-manager's controllers each
   * authenticate as their own ServiceAccount (`--use-service-account-credentials`).
   */
  asUser?: string
  /** The client closes this watch after the first event of this type (kubectl delete's wait). */
  closeOn?: 'DELETED'
  /** A PATCH's Content-Type; absent, a strategic merge patch (`application/strategic-merge-patch+json`). */
  contentType?: 'application/merge-patch+json' | 'application/strategic-merge-patch+json' | 'application/json-patch+json'
}

export interface ApiResponse {
  kind: 'apiserver.response'
  reqId: string
  /** HTTP status code: 200, 201, 404, 409, 422, … */
  code: number
  /** The object, the list, or a metav1.Status on failure. */
  body: unknown
  /**
   * HTTP `Warning` headers (`299 - "<text>"`): a deprecated API's notice. client-go's warning
   * handler prints each as `Warning: <text>` on stderr when the response arrives.
   */
  warnings?: string[]
}

export type WatchType = 'ADDED' | 'MODIFIED' | 'DELETED'

/** One event on a client's watch (an informer's stream). */
export interface WatchEventMessage {
  kind: 'watch.event'
  watchId: string
  type: WatchType
  object: KObject
}

/**
 * A client hangs up one of its watches: kubectl interrupted by Ctrl+C, or `rollout status` done.
 * On the wire this is the end of the watch's HTTP/2 stream (RST_STREAM); the apiserver drops the
 * watcher (apiserver pkg/endpoints/handlers/watch.go serveWatch returns when the request's
 * context is done).
 */
export interface WatchClose {
  kind: 'watch.close'
  watchId: string
}

/** One etcd transaction from kube-apiserver's storage layer. */
export interface EtcdTxn {
  kind: 'etcd.txn'
  txnId: string
  key: string
  /**
   * create: `If(create_revision(key) == 0) Then Put`.
   * update: `If(mod_revision(key) == expect) Then Put`.
   * delete: `If(mod_revision(key) == expect) Then Delete`.
   */
  op: 'create' | 'update' | 'delete'
  value?: KObject
  expectModRevision?: number
}

export interface EtcdRange {
  kind: 'etcd.range'
  txnId: string
  key: string
  /** Range over every key under `key` (a list). */
  prefix: boolean
}

export interface EtcdKv {
  key: string
  value: KObject
  createRevision: number
  modRevision: number
  version: number
}

export interface EtcdResponse {
  kind: 'etcd.response'
  txnId: string
  succeeded: boolean
  /** The store's revision after this request. */
  revision: number
  /** Range results, or the current value when a guarded txn failed. */
  kvs: EtcdKv[]
  /** The request failed: etcd's gRPC error text (`etcdserver: request timed out`). */
  error?: string
}

export interface EtcdWatchEvent {
  type: 'PUT' | 'DELETE'
  key: string
  value: KObject | null
  prevValue: KObject | null
  modRevision: number
}

/**
 * etcd's watch stream to kube-apiserver, one message per committed write: the watch cache's stream
 * (no `watchId`), or one client watch the apiserver serves straight from etcd (`watchId`).
 */
export interface EtcdWatchMessage {
  kind: 'etcd.watch'
  events: EtcdWatchEvent[]
  /** The client watch this stream serves; absent for the watch cache's own stream. */
  watchId?: string
}

/**
 * A WatchCreateRequest on etcd's Watch stream: every write under `key/` from now on. kube-apiserver
 * opens one for a client watch of a resource it keeps no watch cache for (events).
 */
export interface EtcdWatchCreate {
  kind: 'etcd.watch-create'
  watchId: string
  key: string
  /**
   * The apiserver's watch cache stream itself (every write but those of uncached resources),
   * opened again on another member after its member stopped, from `startRevision` on.
   */
  cache?: true
  startRevision?: number
}

/** A WatchCancelRequest: the client watch `watchId` served from etcd has ended. */
export interface EtcdWatchCancel {
  kind: 'etcd.watch-cancel'
  watchId: string
}

/**
 * One entry of an etcd member's Raft log: a client's write, or the empty entry a new leader appends
 * to commit what earlier terms left (etcd-io/raft raft.go becomeLeader).
 */
export interface RaftEntry {
  term: number
  index: number
  txn?: EtcdTxn
  /** The member that took the request from its client: it answers once it applies the entry. */
  origin?: { member: ActorId; client: ActorId }
}

/** MsgApp: the leader's entries from `prevIndex + 1`, and how far the log is committed. */
export interface RaftAppend {
  kind: 'raft.append'
  term: number
  prevIndex: number
  prevTerm: number
  entries: RaftEntry[]
  commit: number
}

/** MsgAppResp: the follower holds the log up to `index`, or `reject`s (its last index as hint). */
export interface RaftAppendResponse {
  kind: 'raft.append-response'
  term: number
  index: number
  reject?: true
  /** The `prevIndex` of the MsgApp rejected, so the leader can tell a stale rejection. */
  rejected?: number
}

/** MsgHeartbeat: every heartbeat interval; `ctx` confirms leadership for a linearizable read. */
export interface RaftHeartbeat {
  kind: 'raft.heartbeat'
  term: number
  commit: number
  ctx?: string
}

export interface RaftHeartbeatResponse {
  kind: 'raft.heartbeat-response'
  term: number
  ctx?: string
}

/** MsgPreVote / MsgVote: a campaign for `term` by a member whose log ends at (lastTerm, lastIndex). */
export interface RaftVote {
  kind: 'raft.vote'
  pre: boolean
  term: number
  lastIndex: number
  lastTerm: number
}

export interface RaftVoteResponse {
  kind: 'raft.vote-response'
  pre: boolean
  term: number
  granted: boolean
}

/** MsgProp: a follower forwards a client's write to the leader. */
export interface RaftPropose {
  kind: 'raft.propose'
  term: number
  txn: EtcdTxn
  origin: { member: ActorId; client: ActorId }
}

/** MsgReadIndex: a follower asks the leader how far to apply before serving a linearizable read. */
export interface RaftReadIndex {
  kind: 'raft.read-index'
  term: number
  ctx: string
}

export interface RaftReadIndexResponse {
  kind: 'raft.read-index-response'
  term: number
  ctx: string
  index: number
}

/** MsgSnap: the leader's store, for a follower that needs entries the leader has compacted away. */
export interface RaftSnapshot {
  kind: 'raft.snapshot'
  term: number
  index: number
  indexTerm: number
  revision: number
  kv: Record<string, EtcdKv>
}

export type RaftMessage =
  | RaftAppend
  | RaftAppendResponse
  | RaftHeartbeat
  | RaftHeartbeatResponse
  | RaftVote
  | RaftVoteResponse
  | RaftPropose
  | RaftReadIndex
  | RaftReadIndexResponse
  | RaftSnapshot

export type CriMethod =
  | 'RunPodSandbox'
  | 'StopPodSandbox'
  | 'RemovePodSandbox'
  | 'ImageStatus'
  | 'PullImage'
  | 'CreateContainer'
  | 'StartContainer'
  | 'StopContainer'
  | 'RemoveContainer'
  | 'ListContainers'
  | 'ExecSync'
  /** A streaming exec for `kubectl exec` (the kubelet's /exec endpoint; runtime/exec.ts). */
  | 'Exec'
  /** The kubelet hands the runtime its node's pod CIDR (kubelet updatePodCIDR). */
  | 'UpdateRuntimeConfig'

/** A CRI gRPC call from the kubelet to the container runtime (containerd). */
export interface CriCall {
  kind: 'cri.call'
  callId: string
  method: CriMethod
  args: Record<string, unknown>
}

export interface CriReply {
  kind: 'cri.reply'
  callId: string
  method: CriMethod
  ok: boolean
  result?: Record<string, unknown>
  error?: string
}

/** An OCI distribution request from the container runtime to the image registry. */
export interface RegistryGet {
  kind: 'registry.get'
  reqId: string
  image: string
  what: 'manifest' | 'blobs'
}

export interface RegistryReply {
  kind: 'registry.reply'
  reqId: string
  image: string
  what: 'manifest' | 'blobs'
  code: number
  sizeBytes?: number
  digest?: string
  layers?: number
}

/** A DNS lookup from a client's resolver, carried to a CoreDNS pod through the kube-dns Service. */
export interface DnsQuery {
  kind: 'dns.query'
  queryId: string
  /** The client that asked, for the answer. */
  client: ActorId
  /** Fully qualified after the resolv.conf search list: `web.default.svc.cluster.local`. */
  name: string
  /** `10.96.0.10:53/UDP` before the node's rules; the CoreDNS pod after DNAT. */
  dst: string
  /** Set once the node's rules chose a CoreDNS pod. */
  pod?: string
  podIP?: string
}

export interface DnsAnswer {
  kind: 'dns.answer'
  queryId: string
  name: string
  rcode: 'NOERROR' | 'NXDOMAIN' | 'REFUSED'
  /** A records. */
  ips: string[]
}

/**
 * One request of a traffic source on its way: to a node (whose kube-proxy rules decide), then
 * DNATed to a pod. The kube-proxy actor of each node stands for that node's netfilter.
 */
export interface TrafficRequest {
  kind: 'traffic.request'
  reqId: string
  client: ActorId
  /** What the client connected to: `10.96.12.5:80/TCP`, `nodeport:30080/TCP`. */
  dst: string
  /** The Service port name, `default/web:http`, for the label. */
  service: string
  /** Set once the rules chose an endpoint. */
  pod?: string
  podIP?: string
  podPort?: number
  /** The KUBE-SVC- and KUBE-SEP- chains the packet went through. */
  chains?: string[]
  /** An HTTP request through the ingress controller: its Host header and path. */
  http?: { host: string; path: string }
  /** Set on ingress-nginx's proxied request to a backend pod (not the client's own). */
  upstream?: boolean
  /**
   * A curl or wget that `kubectl exec` started: the pod's own process answers (its node's runtime),
   * with a body. Its Host header, path and User-Agent, and the exec'ing pod's address.
   */
  exec?: { host: string; path: string; clientIP: string; agent: string }
}

export interface TrafficResponse {
  kind: 'traffic.response'
  reqId: string
  /** HTTP status; 0 when the connection was refused (REJECT) or found no rule. */
  code: number
  pod?: string
  node?: string
  reason?: string
  /** `ingress-nginx` when the ingress controller answered (or relayed the pod's answer). */
  via?: string
  /** The body a pod's process sent back to an exec'd curl or wget. */
  body?: string
  /** The port answered, but not in HTTP (redis). */
  notHttp?: boolean
}

/**
 * A TCP reset from a machine that is up but has no process listening on the port (the kernel
 * answers a SYN with RST): the sender's connect fails with "connection refused". The engine sends
 * it on the stopped process's behalf (engine.ts); it names the request that was refused.
 */
export interface NetRefused {
  kind: 'net.refused'
  reqId: string
}

/**
 * More of an open stream the kubelet serves through the apiserver's proxy: a followed container
 * log (`kubectl logs -f`; `end` when the container stopped), or an exec'd process's output, ending
 * with its exit code or the error that kept it from starting.
 */
export interface StreamChunk {
  kind: 'stream.chunk'
  streamId: string
  data: string
  end?: boolean
  /** Exec: the process's stderr, and how it ended. */
  stderr?: string
  exitCode?: number
  error?: string
}

export type Message =
  | ApiRequest
  | ApiResponse
  | WatchEventMessage
  | WatchClose
  | EtcdTxn
  | EtcdRange
  | EtcdResponse
  | EtcdWatchMessage
  | EtcdWatchCreate
  | EtcdWatchCancel
  | RaftMessage
  | CriCall
  | CriReply
  | RegistryGet
  | RegistryReply
  | DnsQuery
  | DnsAnswer
  | TrafficRequest
  | TrafficResponse
  | NetRefused
  | StreamChunk

// Every FlowKind has a message and every message kind is a FlowKind.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never
export const messageKindsMatchFlowKinds: Exact<Message['kind'], FlowKind> = true

const HTTP_REASON: Record<number, string> = {
  101: 'Switching Protocols',
  200: 'OK',
  201: 'Created',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

/**
 * `MODIFIED Pod default/` per event type, kind and namespace, made once: a watch event's label is
 * then that text and the name, one string more per flow rather than four (the text grown a piece at
 * a time, each piece a string of its own, and every flow keeps its label for the whole run).
 */
const watchEventPrefixes = new Map<string, Map<string, Map<string, string>>>()

function watchEventLabel(type: string, o: KObject): string {
  const m = o.metadata
  if (!m.namespace) return `${type} ${objectRef(o)}`
  // Looked up piece by piece: a key written out per event would cost the strings saved.
  let byKind = watchEventPrefixes.get(type)
  if (!byKind) watchEventPrefixes.set(type, (byKind = new Map()))
  let byNamespace = byKind.get(o.kind)
  if (!byNamespace) byKind.set(o.kind, (byNamespace = new Map()))
  let prefix = byNamespace.get(m.namespace)
  if (prefix === undefined) {
    // Bounded: a run of namespaces created and deleted cannot grow it.
    if (byNamespace.size >= 1024) byNamespace.clear()
    byNamespace.set(m.namespace, (prefix = `${type} ${o.kind} ${m.namespace}/`))
  }
  return `${prefix}${m.name ?? ''}`
}

function objectRef(o: KObject): string {
  const m = o.metadata
  return m.namespace ? `${o.kind} ${m.namespace}/${m.name ?? ''}` : `${o.kind} ${m.name ?? ''}`
}

/** True for a client's HTTP request to kube-apiserver (as opposed to its answers). */
export function isApiRequest(msg: Message): msg is ApiRequest {
  return msg.kind.startsWith('apiserver.') && msg.kind !== 'apiserver.response'
}

type LabelTree = Map<string | number | undefined, LabelTree | string>
const dataPlaneLabels: LabelTree = new Map()

/**
 * A data-plane label repeats for every request to the same endpoint: one shared string per
 * endpoint, so a flood of requests does not keep a copy per flow alive (issue 8's traffic bench).
 */
function sharedLabel(a: string | number | undefined, b: string | number | undefined, c: string | number | undefined, make: () => string): string {
  let m = dataPlaneLabels
  for (const k of [a, b]) {
    let next = m.get(k) as LabelTree | undefined
    if (!next) m.set(k, (next = new Map()))
    m = next
  }
  let label = m.get(c) as string | undefined
  if (label === undefined) m.set(c, (label = make()))
  return label
}

/** The text on a token and in the flow list. */
/** `201 Created`, written once per status code: every response flow keeps one for the whole run. */
const responseLabels = new Map<number, string>()

function responseLabel(code: number): string {
  let label = responseLabels.get(code)
  if (label === undefined) responseLabels.set(code, (label = `${code} ${HTTP_REASON[code] ?? ''}`.trim()))
  return label
}

function raftAppendLabel(msg: RaftAppend): string {
  const n = msg.entries.length
  return n ? `MsgApp ${n} entr${n === 1 ? 'y' : 'ies'} from index ${msg.prevIndex + 1}, commit ${msg.commit}` : `MsgApp commit ${msg.commit}`
}

export function labelOf(msg: Message): string {
  if (isApiRequest(msg)) {
    const q = msg.query?.length ? `?${msg.query.map(([k, v]) => `${k}=${v}`).join('&')}` : ''
    return `${METHOD_PREFIX[msg.verb]}${msg.path}${q}`
  }
  switch (msg.kind) {
    case 'apiserver.response':
      return responseLabel(msg.code)
    case 'watch.event':
      return watchEventLabel(msg.type, msg.object)
    case 'watch.close':
      return `close ${msg.watchId}`
    case 'etcd.txn':
      return msg.op === 'delete' ? `Txn DELETE ${msg.key}` : `Txn PUT ${msg.key}`
    case 'etcd.range':
      return msg.prefix ? `Range ${msg.key}/ (prefix)` : `Range ${msg.key}`
    case 'etcd.response':
      if (msg.error !== undefined) return msg.error
      return msg.succeeded ? `OK rev ${msg.revision}` : `FAILED rev ${msg.revision}`
    case 'etcd.watch':
      // One event (nearly always): its type's label prefix is a constant, not a new string each.
      return msg.events.length === 1 ? `${WATCH_PREFIX[msg.events[0]!.type]}${msg.events[0]!.key}` : msg.events.map((e) => `${e.type} ${e.key}`).join(', ')
    case 'etcd.watch-create':
      return msg.cache ? `Watch ${msg.key}/ (prefix) from rev ${msg.startRevision}` : `Watch ${msg.key}/ (prefix)`
    case 'etcd.watch-cancel':
      return `cancel ${msg.watchId}`
    case 'raft.append':
      return raftAppendLabel(msg)
    case 'raft.append-response':
      return msg.reject ? `MsgAppResp reject, last index ${msg.index}` : `MsgAppResp index ${msg.index}`
    case 'raft.heartbeat':
      return `MsgHeartbeat term ${msg.term}${msg.ctx ? ' (read index)' : ''}`
    case 'raft.heartbeat-response':
      return `MsgHeartbeatResp${msg.ctx ? ' (read index)' : ''}`
    case 'raft.vote':
      return `${msg.pre ? 'MsgPreVote' : 'MsgVote'} term ${msg.term}`
    case 'raft.vote-response':
      return `${msg.pre ? 'MsgPreVoteResp' : 'MsgVoteResp'} ${msg.granted ? 'granted' : 'rejected'}`
    case 'raft.propose':
      return `MsgProp ${msg.txn.op === 'delete' ? 'DELETE' : 'PUT'} ${msg.txn.key}`
    case 'raft.read-index':
      return 'MsgReadIndex'
    case 'raft.read-index-response':
      return `MsgReadIndexResp index ${msg.index}`
    case 'raft.snapshot':
      return `MsgSnap index ${msg.index}`
    case 'cri.call':
      return msg.method
    case 'cri.reply':
      return msg.ok ? `${msg.method} OK` : `${msg.method} error`
    case 'registry.get':
      return msg.what === 'manifest' ? `GET ${registryPath(msg.image, 'manifests')}` : `GET ${registryPath(msg.image, 'blobs')}`
    case 'dns.query':
      return msg.pod ? `DNS A? ${msg.name} → ${msg.pod}` : `DNS A? ${msg.name}`
    case 'dns.answer':
      return msg.rcode === 'NOERROR' ? `${msg.name} A ${msg.ips.join(' ')}` : `${msg.rcode} ${msg.name}`
    case 'traffic.request':
      if (msg.http) return ingressRequestLabel(msg)
      return msg.pod
        ? sharedLabel('dnat', msg.pod, `${msg.podIP}:${msg.podPort}`, () => `DNAT → ${msg.podIP}:${msg.podPort} (${msg.pod})`)
        : sharedLabel('syn', msg.service, msg.dst, () => `SYN ${msg.dst.replace(/^nodeport:/, ':')} (${msg.service})`)
    case 'net.refused':
      return 'RST: connection refused'
    case 'stream.chunk': {
      if (msg.error !== undefined) return 'exec failed to start'
      if (msg.exitCode !== undefined) return `exec output, exit ${msg.exitCode}`
      const n = msg.data.split('\n').length - 1
      return `${n} log line${n === 1 ? '' : 's'}${msg.end ? ', end of stream' : ''}`
    }
    case 'traffic.response':
      return msg.code
        ? sharedLabel('http', msg.code, msg.pod, () => `HTTP ${msg.code} from ${msg.pod ?? '?'}`)
        : `connection refused${msg.reason ? ` (${msg.reason})` : ''}`
    case 'registry.reply':
      return msg.code === 200
        ? msg.what === 'manifest'
          ? `200 manifest ${msg.digest?.slice(0, 19) ?? ''}`
          : `200 layers ${formatBytes(msg.sizeBytes ?? 0)}`
        : `${msg.code} ${HTTP_REASON[msg.code] ?? ''}`.trim()
  }
}

/** An ingress request: the client's `GET http://host/path`, nginx's DNATed copy, its proxied request. */
function ingressRequestLabel(msg: TrafficRequest): string {
  const h = msg.http!
  if (msg.upstream) return sharedLabel('proxy', `${h.host}${h.path}`, msg.pod, () => `proxy_pass ${h.path} → ${msg.podIP}:${msg.podPort} (${msg.pod})`)
  if (msg.pod) return sharedLabel('ingress-dnat', `${h.host}${h.path}`, msg.pod, () => `GET ${h.path} Host: ${h.host} → ${msg.pod}`)
  return sharedLabel('get', `${h.host}${h.path}`, msg.dst, () => `GET http://${h.host}${h.path} (${msg.dst.replace(/^nodeport:/, ':')})`)
}

/**
 * The method and its space, one constant each: written `${method} ${path}`, every request's label
 * held a string of its own for `POST ` besides the label itself.
 */
/** An etcd watch event's label prefix, one constant per event type. */
const WATCH_PREFIX = { PUT: 'PUT ', DELETE: 'DELETE ' } as const

const METHOD_PREFIX: Record<Verb, string> = {
  get: 'GET ',
  list: 'GET ',
  watch: 'GET ',
  create: 'POST ',
  update: 'PUT ',
  patch: 'PATCH ',
  delete: 'DELETE ',
}

/** `/v2/library/nginx/manifests/1.27`: the OCI distribution path for a Docker Hub style name. */
export function registryPath(image: string, what: 'manifests' | 'blobs'): string {
  const at = image.lastIndexOf(':')
  const slash = image.lastIndexOf('/')
  const name = at > slash ? image.slice(0, at) : image
  const tag = at > slash ? image.slice(at + 1) : 'latest'
  const repo = name.includes('/') ? name.replace(/^docker\.io\//, '') : `library/${name}`
  return what === 'manifests' ? `/v2/${repo}/manifests/${tag}` : `/v2/${repo}/blobs/…`
}

function formatBytes(n: number): string {
  return n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)} MB` : `${Math.ceil(n / 1000)} kB`
}
