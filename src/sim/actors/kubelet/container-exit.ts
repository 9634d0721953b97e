/**
 * What the kubelet does when PLEG sees a container exit (pkg/kubelet/kuberuntime
 * kuberuntime_manager.go computePodActions and doBackOff; FIDELITY.md §1.4): an init container
 * that exited 0 lets the next one start; otherwise restartPolicy decides. A restart waits out the
 * crash-loop back-off: the first restart is immediate, then 10 s, 20 s, 40 s … capped at 300 s
 * (`containerBackOffPeriod`, `MaxContainerBackOff`), reset when the container had run for 10 min
 * (the back-off entry expires). While it waits the container shows `CrashLoopBackOff`.
 */
import type { Ctx } from '../../engine/actor.ts'
import { rfc3339 } from '../../k8s/meta.ts'
import { fieldPath, nextContainer, patchStatus, podEvent, restartContainer } from './pod-worker.ts'
import { stopProbes } from './probes.ts'
import type { KubeletState, PodWorker, RuntimeContainer } from './state.ts'

/** containerBackOffPeriod (kubelet.go). */
export const initialCrashBackoffMs = 10_000
/** MaxContainerBackOff (kubelet.go). */
export const maxCrashBackoffMs = 300_000
/** A container that ran this long has its back-off forgotten (2 × MaxContainerBackOff). */
export const backoffResetMs = 600_000

export function terminatedState(c: RuntimeContainer, startTimeMs: number): Record<string, unknown> {
  return {
    terminated: {
      exitCode: c.exitCode ?? 0,
      reason: c.reason ?? 'Completed',
      startedAt: rfc3339(startTimeMs + (c.startedAtMs ?? 0)),
      finishedAt: rfc3339(startTimeMs + (c.finishedAtMs ?? 0)),
      containerID: `containerd://${c.id}`,
    },
  }
}

/** Go's time.Duration String() for whole seconds: 10s, 1m20s, 5m0s (the back-off message uses it). */
export function goDuration(ms: number): string {
  const total = Math.round(ms / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  if (h) return `${h}h${m}m${s}s`
  if (m) return `${m}m${s}s`
  return `${s}s`
}

function shouldRestart(policy: string, exitCode: number): boolean {
  return policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0)
}

/** Container i exited (runtime container `rc`): restart it, move on, or leave it done. */
export function onContainerExit(state: KubeletState, ctx: Ctx, w: PodWorker, i: number, rc: RuntimeContainer): void {
  const c = w.containers[i]!
  stopProbes(ctx, w, i)
  c.ready = false
  c.started = false
  const code = rc.exitCode ?? 0
  if (c.init && code === 0) {
    c.phase = 'done'
    if (w.step === 'containers' && w.current === i) {
      w.current++
      nextContainer(state, ctx, w)
    }
    return
  }
  // Init containers restart on failure unless the pod never restarts (OnFailure semantics).
  const restart = c.init ? w.restartPolicy !== 'Never' : shouldRestart(w.restartPolicy, code)
  if (!restart) {
    c.phase = 'done'
    return
  }
  const ran = (rc.finishedAtMs ?? ctx.now) - (rc.startedAtMs ?? ctx.now)
  if (ran >= backoffResetMs) delete c.backoffMs
  c.lastTerminated = terminatedState(rc, ctx.startTimeMs)
  if (c.backoffMs === undefined) {
    // Not in back-off: restart now, and the next failure waits 10 s (backOff.Next).
    c.backoffMs = initialCrashBackoffMs
    restartContainer(state, ctx, w, i)
    return
  }
  c.phase = 'backoff'
  c.waitingReason = 'CrashLoopBackOff'
  c.waitingMessage = `back-off ${goDuration(c.backoffMs)} restarting failed container=${c.name} pod=${w.name}_${w.namespace}(${w.uid})`
  podEvent(state, ctx, w, { type: 'Warning', reason: 'BackOff', message: `Back-off restarting failed container ${c.name} in pod ${w.name}_${w.namespace}(${w.uid})`, fieldPath: fieldPath(w, i) })
  ctx.setTimer(`crash:${w.uid}:${i}`, c.backoffMs, { uid: w.uid, container: i })
}

/** The back-off ran out: start the container again; the next wait doubles. */
export function crashBackoffDone(state: KubeletState, ctx: Ctx, w: PodWorker, i: number): void {
  const c = w.containers[i]
  if (!c || c.phase !== 'backoff' || w.step === 'terminating' || w.step === 'terminated') return
  c.backoffMs = Math.min((c.backoffMs ?? initialCrashBackoffMs) * 2, maxCrashBackoffMs)
  restartContainer(state, ctx, w, i)
  patchStatus(state, ctx, w)
}
