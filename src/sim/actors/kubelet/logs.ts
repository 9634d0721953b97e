/**
 * The kubelet's `/containerLogs/<ns>/<pod>/<container>` endpoint, which kube-apiserver proxies
 * `kubectl logs` to. The kubelet reads the container's CRI log file; here that file's lines are
 * what the process printed (runtime/behaviour.ts: `echo hi` prints hi, nginx its startup lines)
 * between its start and now (or its exit). `previous=true` reads the last terminated run.
 * Errors are the kubelet's own texts (pkg/kubelet/kubelet_pods.go validateContainerLogStatus).
 */
import type { Ctx } from '../../engine/actor.ts'
import type { ApiRequest } from '../../messages.ts'
import { badRequest, type Status } from '../../k8s/status.ts'
import { nginxVersion } from '../registry/catalogue.ts'
import { behaviourOf, linesBetween } from '../runtime/behaviour.ts'
import { behaviourText, specOf } from './pod-worker.ts'
import { startFollow } from './logs-follow.ts'
import { currentRun } from './pod-status.ts'
import type { KubeletState } from './state.ts'

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0')
}

/** nginx's error-log time, `2026/01/01 00:00:05`. */
function nginxTime(d: Date): string {
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
}

/** redis's log time, `01 Jan 2026 00:00:05.123`. */
function redisTime(d: Date): string {
  return `${pad(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`
}

/** busybox `date`, `Thu Jan  1 00:00:05 UTC 2026`. */
function dateOutput(d: Date): string {
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`
}


export function render(text: string, epochMs: number, image: string): string {
  const d = new Date(epochMs)
  return text
    .replace('@nginx-ts', nginxTime(d))
    .replace('@redis-ts', redisTime(d))
    .replace('@version', `nginx/${nginxVersion(image)}`)
    .replace(/^@date$/, dateOutput(d))
}

function answer(ctx: Ctx, msg: ApiRequest, code: number, body: unknown): void {
  ctx.send(ctx.from!, { kind: 'apiserver.response', reqId: msg.reqId, code, body })
}

export function serveLogs(state: KubeletState, msg: ApiRequest, ctx: Ctx): void {
  const [, , ns, podName, container] = msg.path.split('/').filter(Boolean).length === 4 ? ['', ...msg.path.split('/').filter(Boolean)] : ['', '', '', '', '']
  const q = new Map(msg.query ?? [])
  const previous = q.get('previous') === 'true'
  const w = Object.values(state.pods).find((x) => x.namespace === ns && x.name === podName)
  const fail = (status: Status): void => answer(ctx, msg, status.code, status)
  if (!w) return fail({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `pod "${podName}" not found`, reason: 'NotFound', code: 404 })
  const i = w.containers.findIndex((c) => c.name === container)
  const c = w.containers[i]
  if (!c) return fail(badRequest(`container ${container} is not valid for pod ${podName}`))
  const b = behaviourOf(specOf(w, i), undefined, behaviourText(w))
  let startMs: number
  let endMs: number
  if (previous) {
    const t = (c.lastTerminated as { terminated?: { startedAt: string; finishedAt: string } } | undefined)?.terminated
    if (!t) return fail(badRequest(`previous terminated container "${container}" in pod "${podName}" not found`))
    startMs = Date.parse(t.startedAt) - ctx.startTimeMs
    endMs = Date.parse(t.finishedAt) - ctx.startTimeMs
  } else {
    const run = currentRun(w, c)
    if (!run || run.state === 'CONTAINER_CREATED' || run.startedAtMs === undefined) {
      const reason = c.waitingReason ?? (c.phase === 'backoff' ? 'CrashLoopBackOff' : 'ContainerCreating')
      return fail(badRequest(`container "${container}" in pod "${podName}" is waiting to start: ${reason}`))
    }
    startMs = run.startedAtMs
    endMs = run.state === 'CONTAINER_EXITED' ? (run.finishedAtMs ?? ctx.now) : ctx.now
  }
  let lines = linesBetween(b, 0, endMs - startMs + 1).map(([t, text]) => render(text, ctx.startTimeMs + startMs + t, c.image))
  const tail = q.get('tailLines')
  if (tail !== undefined) lines = lines.slice(Math.max(0, lines.length - Number(tail)))
  ctx.stage({ name: 'log file', outcome: 'ok', detail: `/var/log/pods/${ns}_${podName}_${w.uid}/${container}/${c.restartCount - (previous ? 1 : 0)}.log: ${lines.length} line(s)` })
  const text = lines.map((l) => `${l}\n`).join('')
  const run = currentRun(w, c)
  // -f on a running container: the response stays open and the file is followed (logs-follow.ts).
  if (q.get('follow') === 'true' && !previous && run?.state === 'CONTAINER_RUNNING') {
    const streamId = startFollow(state, ctx, { apiserver: ctx.from!, uid: w.uid, container: i, runId: run.id, startMs, sentTo: endMs - startMs + 1 })
    answer(ctx, msg, 200, { kind: 'LogStream', streamId, text })
    return
  }
  answer(ctx, msg, 200, text)
}
