/**
 * The kubelet's prober (pkg/kubelet/prober; FIDELITY.md §1.4). Each probe of a running container
 * runs every periodSeconds after initialDelaySeconds; its result flips after successThreshold /
 * failureThreshold consecutive results. A startupProbe holds back liveness and readiness until it
 * succeeds. Failed readiness makes the container not ready; failed liveness or startup kills it
 * ("Container x failed liveness probe, will be restarted") and restartPolicy takes over.
 *
 * How a probe is answered: `exec` runs its command in the container over CRI ExecSync (a visible
 * flow; `cat /tmp/healthy` succeeds while the container's script keeps that file); `httpGet`,
 * `tcpSocket` and `grpc` go from the kubelet to the pod's IP, which the simulation does not draw:
 * a running server answers 200 / accepts / SERVING unless the behaviour annotation says otherwise.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { CriReply } from '../../messages.ts'
import { annotatedProbe, behaviourOf } from '../runtime/behaviour.ts'
import { criCall } from './cri.ts'
import { behaviourText, fieldPath, patchStatus, podEvent, specOf } from './pod-worker.ts'
import type { KubeletState, PodWorker, ProbeKind } from './state.ts'

interface Probe {
  exec?: { command: string[] }
  httpGet?: { path?: string; port?: number | string; scheme?: string }
  tcpSocket?: { port?: number | string }
  grpc?: { port?: number; service?: string }
  initialDelaySeconds?: number
  periodSeconds?: number
  timeoutSeconds?: number
  successThreshold?: number
  failureThreshold?: number
}

const kinds: ProbeKind[] = ['startup', 'liveness', 'readiness']
const title: Record<ProbeKind, string> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' }

/** The API defaults (pkg/apis/core/v1/defaults.go): period 10 s, timeout 1 s, thresholds 1 and 3. */
function defaults(p: Probe): Required<Pick<Probe, 'initialDelaySeconds' | 'periodSeconds' | 'timeoutSeconds' | 'successThreshold' | 'failureThreshold'>> {
  return {
    initialDelaySeconds: p.initialDelaySeconds ?? 0,
    periodSeconds: p.periodSeconds ?? 10,
    timeoutSeconds: p.timeoutSeconds ?? 1,
    successThreshold: p.successThreshold ?? 1,
    failureThreshold: p.failureThreshold ?? 3,
  }
}

function probeOf(w: PodWorker, i: number, kind: ProbeKind): Probe | undefined {
  return specOf(w, i)[`${kind}Probe`] as Probe | undefined
}

function timerName(w: PodWorker, i: number, kind: ProbeKind): string {
  return `probe:${w.uid}:${i}:${kind}`
}

/** The container started: its probes begin; without probes it is started and ready at once. */
export function startProbes(state: KubeletState, ctx: Ctx, w: PodWorker, i: number): void {
  const c = w.containers[i]!
  c.probeOk = {}
  c.probeFail = {}
  // The container's spec is read once (no local closure: tsx's keepNames names each one per call).
  const spec = specOf(w, i)
  c.started = spec.startupProbe === undefined
  c.ready = c.started && spec.readinessProbe === undefined
  for (const kind of kinds) {
    const p = spec[`${kind}Probe`] as Probe | undefined
    if (p) ctx.setTimer(timerName(w, i, kind), defaults(p).initialDelaySeconds * 1000, { uid: w.uid, container: i, kind })
  }
  void state
}

export function stopProbes(ctx: Ctx, w: PodWorker, i: number): void {
  for (const kind of kinds) ctx.cancelTimer(timerName(w, i, kind))
}

/** A probe's period came round: run it (exec over CRI, the rest answered by the app's behaviour). */
export function runProbe(state: KubeletState, ctx: Ctx, w: PodWorker, i: number, kind: ProbeKind): void {
  const c = w.containers[i]
  const p = probeOf(w, i, kind)
  if (!c || !p || c.phase !== 'running' || w.step === 'terminating' || w.step === 'terminated') return
  const d = defaults(p)
  ctx.setTimer(timerName(w, i, kind), d.periodSeconds * 1000, { uid: w.uid, container: i, kind })
  // Liveness and readiness wait for the startup probe to succeed.
  if (kind !== 'startup' && !c.started) return
  if (kind === 'startup' && c.started) return
  if (p.exec) {
    criCall(state, ctx, 'ExecSync', { containerId: c.id, cmd: p.exec.command, timeout: d.timeoutSeconds }, { uid: w.uid, container: i, probe: kind })
    return
  }
  const since = ctx.now - (w.seen[c.name]?.startedAtMs ?? ctx.now)
  const answer = annotatedProbe(behaviourOf(specOf(w, i), undefined, behaviourText(w)), kind, since)
  const ok = answer ?? true
  result(state, ctx, w, i, kind, ok, ok ? '' : failureText(p, w))
}

function failureText(p: Probe, w: PodWorker): string {
  if (p.httpGet) return 'HTTP probe failed with statuscode: 500'
  if (p.tcpSocket) return `dial tcp ${w.podIP ?? ''}:${p.tcpSocket.port ?? ''}: connect: connection refused`
  if (p.grpc) return 'service unhealthy (responded with "NOT_SERVING")'
  return ''
}

/** The exec probe's ExecSync answered. */
export function onProbeExec(state: KubeletState, ctx: Ctx, w: PodWorker, i: number, kind: ProbeKind, msg: CriReply): void {
  const p = probeOf(w, i, kind)
  if (!p) return
  const code = Number(msg.result?.exitCode ?? 1)
  const cmd = p.exec?.command ?? []
  const file = cmd[0] === 'cat' ? cmd[1] : undefined
  const output = code === 0 ? '' : file ? `cat: can't open '${file}': No such file or directory` : `command ${JSON.stringify(cmd.join(' '))} exited with ${code}`
  result(state, ctx, w, i, kind, msg.ok && code === 0, output)
}

function result(state: KubeletState, ctx: Ctx, w: PodWorker, i: number, kind: ProbeKind, ok: boolean, output: string): void {
  const c = w.containers[i]!
  const p = probeOf(w, i, kind)!
  const d = defaults(p)
  if (c.phase !== 'running') return
  if (ok) {
    c.probeOk[kind] = (c.probeOk[kind] ?? 0) + 1
    c.probeFail[kind] = 0
    if ((c.probeOk[kind] ?? 0) < d.successThreshold) return
    if (kind === 'startup' && !c.started) {
      c.started = true
      c.ready = !probeOf(w, i, 'readiness')
      patchStatus(state, ctx, w)
    } else if (kind === 'readiness' && !c.ready) {
      c.ready = true
      patchStatus(state, ctx, w)
    }
    return
  }
  c.probeFail[kind] = (c.probeFail[kind] ?? 0) + 1
  c.probeOk[kind] = 0
  podEvent(state, ctx, w, { type: 'Warning', reason: 'Unhealthy', message: `${title[kind]} probe failed: ${output}`, fieldPath: fieldPath(w, i) })
  if ((c.probeFail[kind] ?? 0) < d.failureThreshold) return
  if (kind === 'readiness') {
    if (c.ready) {
      c.ready = false
      patchStatus(state, ctx, w)
    }
    c.probeFail[kind] = 0
    return
  }
  // Liveness or startup: kill the container; PLEG sees it exit and restartPolicy decides.
  c.probeFail[kind] = 0
  stopProbes(ctx, w, i)
  podEvent(state, ctx, w, { type: 'Normal', reason: 'Killing', message: `Container ${c.name} failed ${kind} probe, will be restarted`, fieldPath: fieldPath(w, i) })
  const grace = w.pod.spec && (w.pod.spec as { terminationGracePeriodSeconds?: number }).terminationGracePeriodSeconds
  criCall(state, ctx, 'StopContainer', { containerId: c.id, timeout: grace ?? 30 }, { uid: w.uid, container: i })
}
