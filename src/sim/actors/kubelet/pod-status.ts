/**
 * The pod status the kubelet's status manager writes, generated from what the runtime reports
 * (pkg/kubelet/kubelet_pods.go generateAPIPodStatus, pkg/kubelet/status/generate.go;
 * FIDELITY.md §1.3): phase, the five conditions, and one status per container and init container,
 * with restartCount, lastState and the waiting reasons (ContainerCreating, PodInitializing,
 * ErrImagePull, ImagePullBackOff, CrashLoopBackOff).
 */
import { rfc3339 } from '../../k8s/meta.ts'
import { imageIdOf } from '../registry/catalogue.ts'
import type { ContainerWork, KubeletState, PodWorker, RuntimeContainer } from './state.ts'

type Json = Record<string, unknown>

function time(clock: { startTimeMs: number }, ms: number): string {
  return rfc3339(clock.startTimeMs + ms)
}

/** The runtime container that is this work's current run (by id), if PLEG has seen it. */
export function currentRun(w: PodWorker, c: ContainerWork): RuntimeContainer | undefined {
  const seen = w.seen[c.name]
  return seen && (!c.id || seen.id === c.id) ? seen : c.id ? undefined : seen
}

function containerState(w: PodWorker, c: ContainerWork, initsDone: boolean, clock: { startTimeMs: number }): Json {
  if (c.phase === 'backoff' || c.waitingReason) return { waiting: { reason: c.waitingReason ?? 'CrashLoopBackOff', ...(c.waitingMessage ? { message: c.waitingMessage } : {}) } }
  const run = currentRun(w, c) ?? (c.phase === 'starting' ? w.seen[c.name] : undefined)
  if (!run || run.state === 'CONTAINER_CREATED') {
    // App containers wait for the init containers; the first init container is the one creating.
    const reason = !initsDone && (!c.init || c.phase === 'pending') ? 'PodInitializing' : 'ContainerCreating'
    return { waiting: { reason } }
  }
  if (run.state === 'CONTAINER_RUNNING') return { running: { startedAt: time(clock, run.startedAtMs ?? 0) } }
  return {
    terminated: {
      exitCode: run.exitCode ?? 0,
      reason: run.reason ?? 'Completed',
      startedAt: time(clock, run.startedAtMs ?? 0),
      finishedAt: time(clock, run.finishedAtMs ?? 0),
      containerID: `containerd://${run.id}`,
    },
  }
}

function containerStatus(w: PodWorker, c: ContainerWork, initsDone: boolean, clock: { startTimeMs: number }): Json {
  const run = currentRun(w, c)
  const running = run?.state === 'CONTAINER_RUNNING'
  const terminating = w.step === 'terminating' || w.step === 'terminated'
  return {
    name: c.name,
    image: c.image,
    imageID: run ? imageIdOf(c.image) : '',
    ...(run ? { containerID: `containerd://${run.id}` } : {}),
    ready: running && c.ready && !terminating,
    started: running && c.started,
    restartCount: c.restartCount,
    state: containerState(w, c, initsDone, clock),
    lastState: c.lastTerminated ?? {},
  }
}

function podPhase(w: PodWorker): string {
  const inits = w.containers.filter((c) => c.init)
  const apps = w.containers.filter((c) => !c.init)
  const exitCode = (c: ContainerWork): number => currentRun(w, c)?.exitCode ?? 0
  if (inits.some((c) => c.phase === 'done' && exitCode(c) !== 0)) return 'Failed'
  if (!inits.every((c) => c.phase === 'done')) return 'Pending'
  const exited = apps.filter((c) => currentRun(w, c)?.state === 'CONTAINER_EXITED')
  if (apps.every((c) => c.phase === 'done') && exited.length === apps.length) return exited.every((c) => exitCode(c) === 0) ? 'Succeeded' : 'Failed'
  // Running once every app container has been created and one is running or restarting.
  const everStarted = apps.every((c) => c.restartCount > 0 || (currentRun(w, c) && currentRun(w, c)!.state !== 'CONTAINER_CREATED'))
  if (everStarted && w.step !== 'terminated') return 'Running'
  if (w.step === 'terminated' && apps.every((c) => !c.id || currentRun(w, c)?.state === 'CONTAINER_EXITED'))
    return exited.length && exited.every((c) => exitCode(c) === 0) ? 'Succeeded' : exited.length ? 'Failed' : 'Pending'
  return 'Pending'
}

/** The status PATCH body for a pod, as the status manager sends it. */
export function podStatusPatch(state: KubeletState, w: PodWorker, clock: { startTimeMs: number; now: number }): Json {
  const inits = w.containers.filter((c) => c.init)
  const apps = w.containers.filter((c) => !c.init)
  const initsDone = inits.every((c) => c.phase === 'done')
  const terminating = w.step === 'terminating' || w.step === 'terminated'
  const isReady = (c: ContainerWork): boolean => currentRun(w, c)?.state === 'CONTAINER_RUNNING' && c.ready && !terminating
  const ready = apps.every(isReady)
  const unready = apps.filter((c) => !isReady(c)).map((c) => c.name)
  const incomplete = inits.filter((c) => c.phase !== 'done').map((c) => c.name)
  const phase = podPhase(w)
  const now = time(clock, clock.now)
  const condition = (type: string, ok: boolean, reason?: string, message?: string): Json => ({
    type,
    status: ok ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: now,
    ...(reason && !ok ? { reason } : {}),
    ...(message && !ok ? { message } : {}),
  })
  const unreadyMsg = `containers with unready status: [${unready.join(' ')}]`
  const terminal = phase === 'Succeeded' || phase === 'Failed'
  const conditions = [
    condition('PodReadyToStartContainers', Boolean(w.podIP) && !terminal && w.step !== 'terminated'),
    condition('Initialized', initsDone || terminal, 'ContainersNotInitialized', `containers with incomplete status: [${incomplete.join(' ')}]`),
    condition('Ready', ready, terminal ? 'PodCompleted' : 'ContainersNotReady', terminal ? undefined : unreadyMsg),
    condition('ContainersReady', ready, terminal ? 'PodCompleted' : 'ContainersNotReady', terminal ? undefined : unreadyMsg),
    condition('PodScheduled', true),
  ]
  return {
    metadata: { uid: w.uid },
    status: {
      observedGeneration: w.pod.metadata.generation ?? 1,
      phase,
      conditions,
      hostIP: state.hostIP,
      hostIPs: [{ ip: state.hostIP }],
      ...(w.podIP ? { podIP: w.podIP, podIPs: [{ ip: w.podIP }] } : {}),
      startTime: time(clock, w.startTimeMs),
      ...(inits.length ? { initContainerStatuses: inits.map((c) => containerStatus(w, c, initsDone, clock)) } : {}),
      containerStatuses: apps.map((c) => containerStatus(w, c, initsDone, clock)),
    },
  }
}
