/**
 * `GET /api/v1/componentstatuses` (`kubectl get cs`): nothing is stored. Each read makes the
 * apiserver probe the components it assumes run beside it (pkg/registry/core/componentstatus):
 * kube-controller-manager and kube-scheduler by `GET https://127.0.0.1:<port>/healthz`, and etcd
 * by reading `/registry/health` through its storage client, all at once, each within 20 s
 * (probeTimeOut). The list holds the answers in the order they came back: the probes run in
 * goroutines that fill one channel, so a real cluster's rows come in varying order too.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { ApiRequest, ApiResponse, EtcdResponse, NetRefused } from '../../messages.ts'
import type { ParsedPath } from '../../k8s/resources.ts'
import { internalFailure, methodNotAllowed } from '../../k8s/status.ts'
import type { KObject } from '../../protocol.ts'
import { respond, sendRange } from './respond.ts'
import type { ApiserverState, RequestRef } from './state.ts'

/** probeTimeOut in componentstatus/validator.go. */
export const COMPONENT_PROBE_TIMEOUT_MS = 20_000

/** What the apiserver probes, in the order its goroutines start (a Go map's order; ours is fixed). */
const SERVERS = [
  // ports.KubeControllerManagerPort and kube-scheduler's DefaultKubeSchedulerPort, both HTTPS.
  { name: 'controller-manager', actor: 'kube-controller-manager:0', port: 10257 },
  { name: 'scheduler', actor: 'kube-scheduler:0', port: 10259 },
  // One per storage backend config (`etcd-<i>`), not per member: the default config is one.
  { name: 'etcd-0', actor: null, port: 0 },
] as const

type ServerName = (typeof SERVERS)[number]['name']

const healthzUrl = (port: number): string => `https://127.0.0.1:${port}/healthz`

/** The HTTP server a probe went to; undefined for etcd's. */
const httpServer = (name: ServerName): { port: number } | undefined => SERVERS.find((s) => s.name === name && s.actor !== null)

/** One read of the component statuses, waiting for its probes. Plain data on the state. */
export interface ComponentCheck {
  req: RequestRef
  /** A GET of one component rather than the list. */
  one: boolean
  /** Probes not answered yet: probe id (an HTTP request id or an etcd txn id) → component. */
  waiting: Record<string, ServerName>
  /** Answers in the order they came. */
  items: KObject[]
}

export interface ComponentChecks {
  next: number
  open: Record<string, ComponentCheck>
}

const DEADLINE_TIMER = 'componentstatus-deadline:'

function checks(state: ApiserverState): ComponentChecks {
  return (state.componentChecks ??= { next: 0, open: {} })
}

/** `kubectl get cs` and `kubectl get cs <name>`; other verbs are not served for this resource. */
export function readComponentStatuses(state: ApiserverState, ctx: Ctx, msg: ApiRequest, parsed: ParsedPath, req: RequestRef): void {
  if (msg.verb !== 'get' && msg.verb !== 'list') {
    const status = methodNotAllowed()
    respond(ctx, req, status.code, status)
    return
  }
  const wanted = SERVERS.filter((s) => parsed.name === undefined || s.name === parsed.name)
  if (wanted.length === 0) {
    // REST.Get's plain fmt error, which the handler answers as a 500 with its text.
    const status = internalFailure(`Component not found: ${parsed.name}`)
    ctx.stage({ name: 'response', outcome: 'failed', detail: status.message ?? '' })
    respond(ctx, req, 500, status)
    return
  }
  const c = checks(state)
  const id = `${++c.next}`
  const check: ComponentCheck = { req, one: parsed.name !== undefined, waiting: {}, items: [] }
  c.open[id] = check
  ctx.stage({
    name: 'probe',
    outcome: 'ok',
    detail: `nothing stored: probing ${wanted.map((s) => (s.actor ? `${s.name} (${healthzUrl(s.port)})` : `${s.name} (a read of /registry/health)`)).join(', ')}, each within ${COMPONENT_PROBE_TIMEOUT_MS / 1000} s`,
  })
  for (const s of wanted) {
    if (s.actor === null) {
      probeEtcd(state, ctx, id, check)
      continue
    }
    const reqId = `${ctx.self}#cs${id}:${s.name}`
    check.waiting[reqId] = s.name
    ctx.send(s.actor, { kind: 'apiserver.get', reqId, verb: 'get', path: healthzUrl(s.port) })
  }
  ctx.setTimer(DEADLINE_TIMER + id, COMPONENT_PROBE_TIMEOUT_MS, id)
}

/** etcd's probe: a linearizable Get of `/registry/health` (etcd3ProberMonitor.Probe). */
function probeEtcd(state: ApiserverState, ctx: Ctx, id: string, check: ComponentCheck): void {
  check.waiting[sendRange(state, ctx, { key: '/registry/health', prefix: false }, { op: 'health', check: id })] = 'etcd-0'
}

function condition(healthy: boolean, message: string, error = ''): Record<string, string> {
  return { type: 'Healthy', status: healthy ? 'True' : 'False', ...(message ? { message } : {}), ...(error ? { error } : {}) }
}

/** A probe's result, as the component's row; the list is answered once the last probe is in. */
function settle(state: ApiserverState, ctx: Ctx, id: string, probe: string, resultFor: (name: ServerName) => Record<string, string>): void {
  const check = checks(state).open[id]
  const name = check?.waiting[probe]
  if (!check || name === undefined) return
  delete check.waiting[probe]
  const result = resultFor(name)
  // An ObjectMeta with only a name: Go writes the zero creationTimestamp as null.
  const metadata = { name, creationTimestamp: null } as unknown as KObject['metadata']
  check.items.push({ apiVersion: 'v1', kind: 'ComponentStatus', metadata, conditions: [result] })
  if (Object.keys(check.waiting).length === 0) finish(state, ctx, id, check)
}

function finish(state: ApiserverState, ctx: Ctx, id: string, check: ComponentCheck): void {
  delete checks(state).open[id]
  ctx.cancelTimer(DEADLINE_TIMER + id)
  const body = check.one ? check.items[0] : { apiVersion: 'v1', kind: 'ComponentStatusList', metadata: {}, items: check.items }
  respond(ctx, check.req, 200, body)
}

/** Which open check an HTTP probe's id belongs to: `kube-apiserver:0#cs3:scheduler` → `3`. */
function checkOf(reqId: string, self: string): string | undefined {
  const prefix = `${self}#cs`
  if (!reqId.startsWith(prefix)) return undefined
  return reqId.slice(prefix.length, reqId.indexOf(':', prefix.length))
}

/** A component's /healthz answered: its body is the MESSAGE (`ok`). False when not a probe's answer. */
export function probeAnswered(state: ApiserverState, msg: ApiResponse, ctx: Ctx): boolean {
  const id = checkOf(msg.reqId, ctx.self)
  if (id === undefined) return false
  const body = typeof msg.body === 'string' ? msg.body : ''
  settle(state, ctx, id, msg.reqId, () => condition(msg.code === 200, body))
  return true
}

/**
 * The component's process is down on this machine: the dial is refused at once. The HTTP prober
 * turns a client error into a failed probe whose text is the MESSAGE (probe/http DoHTTPProbe).
 */
export function probeRefused(state: ApiserverState, msg: NetRefused, ctx: Ctx): boolean {
  const id = checkOf(msg.reqId, ctx.self)
  if (id === undefined) return false
  settle(state, ctx, id, msg.reqId, (server) => {
    const port = httpServer(server)?.port ?? 0
    return condition(false, `Get "${healthzUrl(port)}": dial tcp 127.0.0.1:${port}: connect: connection refused`)
  })
  return true
}

/**
 * etcd answered the health read. An error (no leader: `etcdserver: request timed out`) is
 * gRPC's Unavailable, which clientv3 retries for a read until the probe's context ends.
 */
export function etcdProbeAnswered(state: ApiserverState, id: string, msg: EtcdResponse, ctx: Ctx): void {
  const check = checks(state).open[id]
  if (!check || !(msg.txnId in check.waiting)) return
  if (msg.error === undefined) return settle(state, ctx, id, msg.txnId, () => condition(true, 'ok'))
  ctx.stage({ name: 'probe', outcome: 'failed', detail: `${msg.error}: clientv3 retries the read until the probe's ${COMPONENT_PROBE_TIMEOUT_MS / 1000} s run out` })
  delete check.waiting[msg.txnId]
  probeEtcd(state, ctx, id, check)
}

/** The 20 s are up: every probe still out fails with its client's deadline error. */
export function componentDeadline(state: ApiserverState, name: string, ctx: Ctx): boolean {
  if (!name.startsWith(DEADLINE_TIMER)) return false
  const id = name.slice(DEADLINE_TIMER.length)
  const check = checks(state).open[id]
  if (!check) return true
  for (const probe of Object.keys(check.waiting)) {
    settle(state, ctx, id, probe, (server) => {
      const http = httpServer(server)
      return http
        ? condition(false, `Get "${healthzUrl(http.port)}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`)
        : condition(false, '', 'error getting data from etcd: context deadline exceeded')
    })
  }
  return true
}
