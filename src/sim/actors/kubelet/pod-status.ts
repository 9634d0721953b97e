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

/** imageID by image reference: a pure function of it, asked for on every status write. */
const imageIds = new Map<string, string>()

function imageId(image: string): string {
  let id = imageIds.get(image)
  if (id === undefined) imageIds.set(image, (id = imageIdOf(image)))
  return id
}

function containerStatus(w: PodWorker, c: ContainerWork, initsDone: boolean, clock: { startTimeMs: number }): Json {
  const run = currentRun(w, c)
  const running = run?.state === 'CONTAINER_RUNNING'
  const terminating = w.step === 'terminating' || w.step === 'terminated'
  const status: Json = { name: c.name, image: c.image, imageID: run ? imageId(c.image) : '' }
  if (run) status.containerID = `containerd://${run.id}`
  status.ready = running && c.ready && !terminating
  status.started = running && c.started
  status.restartCount = c.restartCount
  status.state = containerState(w, c, initsDone, clock)
  status.lastState = c.lastTerminated ?? {}
  return status
}

/**
 * A module-level helper, not a local closure: under the tsx/esbuild keepNames transform every named
 * closure costs a defineProperty per call, and the phase is computed on every status write.
 */
function exitCodeOf(w: PodWorker, c: ContainerWork): number {
  return currentRun(w, c)?.exitCode ?? 0
}

function podPhase(w: PodWorker, inits: ContainerWork[], apps: ContainerWork[]): string {
  if (inits.some((c) => c.phase === 'done' && exitCodeOf(w, c) !== 0)) return 'Failed'
  if (!inits.every((c) => c.phase === 'done')) return 'Pending'
  const exited = apps.filter((c) => currentRun(w, c)?.state === 'CONTAINER_EXITED')
  if (apps.every((c) => c.phase === 'done') && exited.length === apps.length) return exited.every((c) => exitCodeOf(w, c) === 0) ? 'Succeeded' : 'Failed'
  // Running once every app container has been created and one is running or restarting.
  const everStarted = apps.every((c) => c.restartCount > 0 || (currentRun(w, c) && currentRun(w, c)!.state !== 'CONTAINER_CREATED'))
  if (everStarted && w.step !== 'terminated') return 'Running'
  if (w.step === 'terminated' && apps.every((c) => !c.id || currentRun(w, c)?.state === 'CONTAINER_EXITED'))
    return exited.length && exited.every((c) => exitCodeOf(w, c) === 0) ? 'Succeeded' : exited.length ? 'Failed' : 'Pending'
  return 'Pending'
}

/** A pod condition as the status manager writes it; reason and message only while it is False. */
function condition(type: string, ok: boolean, now: string, reason?: string, message?: string): Json {
  const c: Json = { type, status: ok ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: now }
  if (reason && !ok) c.reason = reason
  if (message && !ok) c.message = message
  return c
}

/** The status PATCH body for a pod, as the status manager sends it. */
export function podStatusPatch(state: KubeletState, w: PodWorker, clock: { startTimeMs: number; now: number }): Json {
  const inits: ContainerWork[] = []
  const apps: ContainerWork[] = []
  for (const c of w.containers) (c.init ? inits : apps).push(c)
  const initsDone = inits.every((c) => c.phase === 'done')
  const terminating = w.step === 'terminating' || w.step === 'terminated'
  const unready: string[] = []
  for (const c of apps) if (!(currentRun(w, c)?.state === 'CONTAINER_RUNNING' && c.ready && !terminating)) unready.push(c.name)
  const ready = unready.length === 0
  const phase = podPhase(w, inits, apps)
  const now = time(clock, clock.now)
  const terminal = phase === 'Succeeded' || phase === 'Failed'
  // Only a False Ready condition carries the message; an all-ready pod never builds it.
  const unreadyMsg = ready || terminal ? undefined : `containers with unready status: [${unready.join(' ')}]`
  const incompleteMsg = initsDone || terminal ? undefined : `containers with incomplete status: [${inits.filter((c) => c.phase !== 'done').map((c) => c.name).join(' ')}]`
  const conditions = [
    condition('PodReadyToStartContainers', Boolean(w.podIP) && !terminal && w.step !== 'terminated', now),
    condition('Initialized', initsDone || terminal, now, 'ContainersNotInitialized', incompleteMsg),
    condition('Ready', ready, now, terminal ? 'PodCompleted' : 'ContainersNotReady', unreadyMsg),
    condition('ContainersReady', ready, now, terminal ? 'PodCompleted' : 'ContainersNotReady', unreadyMsg),
    condition('PodScheduled', true, now),
  ]
  const status: Json = {
    observedGeneration: w.pod.metadata.generation ?? 1,
    phase,
    conditions,
    hostIP: state.hostIP,
    hostIPs: [{ ip: state.hostIP }],
  }
  if (w.podIP) {
    status.podIP = w.podIP
    status.podIPs = [{ ip: w.podIP }]
  }
  status.startTime = time(clock, w.startTimeMs)
  if (inits.length) status.initContainerStatuses = inits.map((c) => containerStatus(w, c, initsDone, clock))
  status.containerStatuses = apps.map((c) => containerStatus(w, c, initsDone, clock))
  return { metadata: { uid: w.uid }, status }
}
