/**
 * CRI `Exec` (the streaming exec `kubectl exec` reaches through the apiserver and the kubelet):
 * the runtime starts the process in the container's namespaces and streams its output back. Here
 * the process is one of exec-programs.ts's; nslookup, curl and wget go out on the pod's network
 * like any packet of the pod: DNS questions to the cluster DNS address and connections to a
 * Service address both pass through this node's kube-proxy rules (data-plane.ts), and the answer
 * comes back to this runtime, which stands for the process.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { CriCall, DnsAnswer, TrafficResponse } from '../../messages.ts'
import { hopMs } from '../kube-proxy/data-plane.ts'
import { containerId } from '../../k8s/meta.ts'
import { fileExists } from './behaviour.ts'
import { curlOutput, hostsLookup, isIp, lookupNames, nameserverOf, nslookupOutput, wgetOutput, type HttpOutcome, type Output } from './exec-output.ts'
import { serveHttp } from './serve-http.ts'
import { planCommand } from './exec-programs.ts'
import { imageEnv } from './exec-tools.ts'
import { nginxVersion } from '../registry/catalogue.ts'
import type { ExecSession, RuntimeState } from './state.ts'

/**
 * The process environment as containerd builds it (WithDefaultPathEnv, WithEnv(HOSTNAME), then the
 * image's Env and the kubelet's variables, each replacing a name already set in place), and runc's
 * HOME=/root when nothing set it.
 */
function environ(image: string, hostname: string, kubelet: [string, string][]): [string, string][] {
  const vars = new Map<string, string>()
  const [path, ...rest] = imageEnv(image, nginxVersion)
  vars.set(path![0], path![1])
  vars.set('HOSTNAME', hostname)
  for (const [k, v] of [...rest, ...kubelet]) vars.set(k, v)
  if (!vars.has('HOME')) vars.set('HOME', '/root')
  return [...vars]
}

/** Linux gives up a connect() after tcp_syn_retries (6) retransmissions: 1+2+…+64 s. */
export const synTimeoutMs = 127_000

const timerPrefix = 'exec-timeout:'

function sessions(state: RuntimeState): Record<string, ExecSession> {
  return (state.execs ??= {})
}

function reply(ctx: Ctx, kubelet: string, callId: string, out: Output, delayMs = 2): void {
  ctx.setTimer(`reply:${callId}`, delayMs, { kubelet, callId, method: 'Exec', ok: true, result: { ...out } })
}

export function startExec(state: RuntimeState, msg: CriCall, ctx: Ctx): void {
  const kubelet = ctx.from!
  const a = msg.args
  const c = state.containers[String(a.containerId)]
  if (!c || c.state !== 'CONTAINER_RUNNING') {
    ctx.setTimer(`reply:${msg.callId}`, 1, { kubelet, callId: msg.callId, method: 'Exec', ok: false, error: `container ${String(a.containerId)} is not running` })
    return
  }
  const argv = (a.cmd ?? []) as string[]
  // The kubelet's pod files, and the files of the volumes mounted in this container.
  const files = { ...((a.files ?? {}) as Record<string, string>), ...(c.files ?? {}) }
  const since = ctx.now - (c.startedAtMs ?? ctx.now)
  const plan = planCommand(argv, {
    image: c.image,
    hostname: String(a.hostname ?? ''),
    podIP: String(a.podIP ?? ''),
    files,
    fileState: (path) => (c.behaviour.files[path] ? (fileExists(c.behaviour, path, since) ? 'present' : 'absent') : 'unknown'),
    nowMs: ctx.startTimeMs + ctx.now,
    environ: environ(c.image, String(a.hostname ?? ''), c.env ?? []),
  })
  // containerd names an exec process with a random 64-hex id, like a container's.
  const execId = containerId(ctx.random)
  if (plan.kind === 'start-failed') {
    ctx.stage({ name: 'exec', outcome: 'failed', detail: `${argv.join(' ')}: ${plan.error}` })
    ctx.setTimer(`reply:${msg.callId}`, 1, { kubelet, callId: msg.callId, method: 'Exec', ok: false, error: `failed to exec in container: failed to start exec "${execId}": ${plan.error}` })
    return
  }
  if (plan.kind === 'done') {
    ctx.stage({ name: 'exec', outcome: plan.exitCode === 0 ? 'ok' : 'failed', detail: `${argv.join(' ')} in ${c.name} → exit ${plan.exitCode}` })
    reply(ctx, kubelet, msg.callId, plan)
    return
  }
  const resolvConf = files['/etc/resolv.conf'] ?? ''
  // curl and wget read /etc/hosts first (localhost, the pod's own name); nslookup asks DNS only.
  const listed = plan.kind === 'http' && !isIp(plan.host) ? hostsLookup(plan.host, files['/etc/hosts'] ?? '') : undefined
  const target = plan.kind === 'nslookup' ? plan.name : (listed ?? plan.host)
  const s: ExecSession = {
    kubelet,
    callId: msg.callId,
    plan,
    names: isIp(target) ? [] : lookupNames(target, resolvConf),
    asked: 0,
    server: nameserverOf(resolvConf) ?? '',
    podIP: String(a.podIP ?? ''),
    startedAtMs: ctx.now,
  }
  sessions(state)[execId] = s
  ctx.stage({ name: 'exec', outcome: 'ok', detail: `${argv.join(' ')} started in ${c.name}${s.names.length ? `; resolver tries ${s.names.join(', ')}` : ''}` })
  if (isIp(target) && plan.kind === 'http' && (target.startsWith('127.') || target === s.podIP)) return loopback(state, ctx, execId, s, target)
  // -m / -T bound the whole command, its DNS questions included.
  if (plan.kind === 'http' && plan.opts.timeoutMs !== undefined) ctx.setTimer(timerPrefix + execId, plan.opts.timeoutMs, { id: execId })
  if (isIp(target)) connect(state, ctx, execId, s, target)
  else ask(state, ctx, execId, s)
}

/** To itself (127.0.0.1, or its own address): the pod's network namespace answers; nothing leaves it. */
function loopback(state: RuntimeState, ctx: Ctx, id: string, s: ExecSession, ip: string): void {
  if (s.plan.kind !== 'http') return
  const { port, path, host } = s.plan
  const served = serveHttp(state, { podIP: s.podIP, port, path, host: port === 80 ? host : `${host}:${port}`, agent: s.plan.tool === 'curl' ? 'curl/7.88.1' : 'Wget', clientIP: ip, nowMs: ctx.startTimeMs + ctx.now })
  ctx.stage({ name: 'loopback', outcome: served === 'refused' ? 'failed' : 'ok', detail: `${ip}:${port} is this pod's own network namespace: no packet leaves it` })
  const o: HttpOutcome = served === 'refused' ? { kind: 'refused', ip, afterMs: 0 } : served === 'not-http' ? { kind: 'not-http', ip } : { kind: 'answered', code: served.code, body: served.body, ip }
  httpDone(state, ctx, id, s, o)
}

/** The next name of the search list, to the nameserver through this node's rules. */
/** glibc's and musl's resolver defaults (resolv.conf `timeout:5`, `attempts:2`). */
export const dnsTimeoutMs = 5_000
const dnsAttempts = 2
const dnsTimer = 'exec-dns:'

function ask(state: RuntimeState, ctx: Ctx, id: string, s: ExecSession): void {
  s.tries = 0
  send(state, ctx, id, s, s.names[s.asked++]!)
}

function send(state: RuntimeState, ctx: Ctx, id: string, s: ExecSession, name: string): void {
  s.tries = (s.tries ?? 0) + 1
  ctx.send(`kube-proxy:${state.node}`, { kind: 'dns.query', queryId: id, client: ctx.self, name, dst: `${s.server}:53/UDP` }, { durationMs: hopMs })
  ctx.setTimer(dnsTimer + id, dnsTimeoutMs, { id })
}

/** No server answered the lookup: BusyBox nslookup's words, curl's and wget's name failure. */
function unreachable(state: RuntimeState, ctx: Ctx, id: string, s: ExecSession): void {
  if (s.plan.kind === 'http') return httpDone(state, ctx, id, s, { kind: 'no-name' })
  const out = s.plan.old
    ? { stdout: `Server:    ${s.server}\nAddress 1: ${s.server}\n\n`, stderr: `nslookup: can't resolve '${s.plan.name}'\n`, exitCode: 1 }
    : { stdout: ';; connection timed out; no servers could be reached\n\n', stderr: '', exitCode: 1 }
  finish(state, ctx, id, out)
}

function connect(state: RuntimeState, ctx: Ctx, id: string, s: ExecSession, ip: string): void {
  if (s.plan.kind !== 'http') return
  s.ip = ip
  const { host, port, path, opts } = s.plan
  ctx.send(
    `kube-proxy:${state.node}`,
    { kind: 'traffic.request', reqId: id, client: ctx.self, dst: `${ip}:${port}/TCP`, service: `${host}:${port}`, exec: { host: port === 80 ? host : `${host}:${port}`, path, clientIP: s.podIP, agent: s.plan.tool === 'curl' ? 'curl/7.88.1' : 'Wget' } },
    { durationMs: hopMs },
  )
  // -m / -T bound the whole command (its DNS questions too); without one, the kernel's SYN retries do.
  ctx.setTimer(timerPrefix + id, opts.timeoutMs !== undefined ? Math.max(0, s.startedAtMs + opts.timeoutMs - ctx.now) : synTimeoutMs, { id })
}

function finish(state: RuntimeState, ctx: Ctx, id: string, out: Output): void {
  const s = sessions(state)[id]
  if (!s) return
  delete sessions(state)[id]
  ctx.cancelTimer(timerPrefix + id)
  ctx.cancelTimer(dnsTimer + id)
  ctx.stage({ name: 'exec', outcome: out.exitCode === 0 ? 'ok' : 'failed', detail: `the process exits ${out.exitCode}` })
  reply(ctx, s.kubelet, s.callId, out, 1)
}

function httpDone(state: RuntimeState, ctx: Ctx, id: string, s: ExecSession, o: HttpOutcome): void {
  if (s.plan.kind !== 'http') return
  const { tool, host, port, opts } = s.plan
  finish(state, ctx, id, tool === 'curl' ? curlOutput(host, port, opts, o) : wgetOutput(host, port, opts, o))
}

export function onExecDns(state: RuntimeState, msg: DnsAnswer, ctx: Ctx): boolean {
  const s = state.execs?.[msg.queryId]
  if (!s) return false
  const id = msg.queryId
  ctx.cancelTimer(dnsTimer + id)
  // No rule or no CoreDNS endpoint for the nameserver's address: the query is rejected.
  if (msg.rcode === 'REFUSED') {
    unreachable(state, ctx, id, s)
    return true
  }
  if (msg.rcode === 'NOERROR' && msg.ips.length) {
    if (s.plan.kind === 'http') connect(state, ctx, id, s, msg.ips[0]!)
    else finish(state, ctx, id, nslookupOutput({ name: s.plan.name, old: s.plan.old, server: s.server, serverName: 'kube-dns.kube-system.svc.cluster.local', answer: { fqdn: msg.name, ips: msg.ips } }))
    return true
  }
  // NXDOMAIN: the next name of the search list; none left, the lookup failed.
  if (msg.rcode === 'NXDOMAIN' && s.asked < s.names.length) {
    ask(state, ctx, id, s)
    return true
  }
  if (s.plan.kind === 'http') httpDone(state, ctx, id, s, { kind: 'no-name' })
  else finish(state, ctx, id, nslookupOutput({ name: s.plan.name, old: s.plan.old, server: s.server, serverName: 'kube-dns.kube-system.svc.cluster.local' }))
  return true
}

export function onExecHttp(state: RuntimeState, msg: TrafficResponse & { body?: string; notHttp?: boolean }, ctx: Ctx): boolean {
  const s = state.execs?.[msg.reqId]
  if (!s) return false
  const ip = s.ip ?? ''
  const afterMs = Math.max(1, ctx.now - s.startedAtMs)
  if (msg.notHttp) httpDone(state, ctx, msg.reqId, s, { kind: 'not-http', ip })
  else if (!msg.code) httpDone(state, ctx, msg.reqId, s, { kind: 'refused', ip, afterMs })
  else httpDone(state, ctx, msg.reqId, s, { kind: 'answered', code: msg.code, body: msg.body ?? '', ip })
  return true
}

/** The connection's SYNs went unanswered (a dropped packet, an address nothing routes to). */
export function execTimer(state: RuntimeState, name: string, ctx: Ctx): boolean {
  if (name.startsWith(dnsTimer)) {
    // A question went unanswered: ask again, then give up on the lookup.
    const id = name.slice(dnsTimer.length)
    const s = state.execs?.[id]
    if (s && (s.tries ?? 0) < dnsAttempts) send(state, ctx, id, s, s.names[s.asked - 1]!)
    else if (s) unreachable(state, ctx, id, s)
    return true
  }
  if (!name.startsWith(timerPrefix)) return false
  const id = name.slice(timerPrefix.length)
  const s = state.execs?.[id]
  if (s) httpDone(state, ctx, id, s, { kind: 'timeout', ip: s.ip ?? '', afterMs: ctx.now - s.startedAtMs })
  return true
}
