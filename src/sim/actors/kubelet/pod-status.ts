/**
 * The pod status the kubelet's status manager writes, generated from what the runtime reports
 * (pkg/kubelet/kubelet_pods.go generateAPIPodStatus, pkg/kubelet/status/generate.go;
 * FIDELITY.md §1.3): phase, the five conditions, and one status per container.
 */
import { rfc3339 } from '../../k8s/meta.ts'
import { imageIdOf } from '../registry/catalogue.ts'
import type { KubeletState, PodWorker, RuntimeContainer } from './state.ts'

type Json = Record<string, unknown>

function time(state: { startTimeMs: number }, ms: number): string {
  return rfc3339(state.startTimeMs + ms)
}

function containerState(c: RuntimeContainer | undefined, w: PodWorker, name: string, clock: { startTimeMs: number }): Json {
  if (!c || c.state === 'CONTAINER_CREATED') {
    const work = w.containers.find((x) => x.name === name)
    const reason = work?.waitingReason ?? (w.step === 'containers' && c ? 'ContainerCreating' : 'ContainerCreating')
    return { waiting: { reason, ...(work?.waitingMessage ? { message: work.waitingMessage } : {}) } }
  }
  if (c.state === 'CONTAINER_RUNNING') return { running: { startedAt: time(clock, c.startedAtMs ?? 0) } }
  return {
    terminated: {
      exitCode: c.exitCode ?? 0,
      reason: c.reason ?? 'Completed',
      startedAt: time(clock, c.startedAtMs ?? 0),
      finishedAt: time(clock, c.finishedAtMs ?? 0),
      containerID: `containerd://${c.id}`,
    },
  }
}

/** The status PATCH body for a pod, as the status manager sends it. */
export function podStatusPatch(state: KubeletState, w: PodWorker, clock: { startTimeMs: number; now: number }): Json {
  const names = w.containers.map((c) => c.name)
  const seen = names.map((n) => w.seen[n])
  const running = seen.filter((c) => c?.state === 'CONTAINER_RUNNING').length
  const exited = seen.filter((c) => c?.state === 'CONTAINER_EXITED')
  const allExited = exited.length === names.length
  const ready = running === names.length && w.step !== 'terminating'
  const unready = names.filter((_, i) => seen[i]?.state !== 'CONTAINER_RUNNING' || w.step === 'terminating')
  let phase = 'Pending'
  if (allExited) phase = exited.every((c) => c!.exitCode === 0) ? 'Succeeded' : 'Failed'
  else if (running > 0 && seen.every((c) => c !== undefined)) phase = 'Running'
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
    condition('PodReadyToStartContainers', Boolean(w.podIP) && !terminal),
    condition('Initialized', true),
    condition('Ready', ready, terminal ? 'PodCompleted' : 'ContainersNotReady', terminal ? undefined : unreadyMsg),
    condition('ContainersReady', ready, terminal ? 'PodCompleted' : 'ContainersNotReady', terminal ? undefined : unreadyMsg),
    condition('PodScheduled', true),
  ]
  const containerStatuses = w.containers.map((work) => {
    const c = w.seen[work.name]
    const isRunning = c?.state === 'CONTAINER_RUNNING'
    return {
      name: work.name,
      image: work.image,
      imageID: c ? imageIdOf(work.image) : '',
      ...(c ? { containerID: `containerd://${c.id}` } : {}),
      ready: isRunning && w.step !== 'terminating',
      started: isRunning,
      restartCount: 0,
      state: containerState(c, w, work.name, clock),
      lastState: {},
    }
  })
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
      containerStatuses,
    },
  }
}
