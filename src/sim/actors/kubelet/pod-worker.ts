/**
 * A pod's sync, as the kubelet's pod worker runs it (FIDELITY.md §1.1 phase E): admission, the
 * first status PATCH (ContainerCreating) and the service-account token for the volume, then
 * RunPodSandbox, then each init container in turn (pulled, created, started, run to completion),
 * then each app container: ImageStatus → (Pulling → PullImage → Pulled) → CreateContainer →
 * Created → StartContainer → Started. PLEG tells the worker when a container exits
 * (container-exit.ts decides on restarts). Deletion runs the other way: preStop hooks,
 * StopContainer with what is left of the grace period, StopPodSandbox, a final status, and a
 * DELETE with grace 0 that removes the object.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { CriReply } from '../../messages.ts'
import { byteValue } from '../../k8s/quantity.ts'
import type { KObject } from '../../protocol.ts'
import { apiRequest } from '../client/api-client.ts'
import { recordEvent, type EventSpec } from '../client/events.ts'
import { normalizeImage } from '../registry/catalogue.ts'
import { behaviourAnnotation } from '../runtime/annotation.ts'
import { admit } from './admission.ts'
import { containerEnv, envSources, sourcePath, type ContainerEnvSpec } from './container-env.ts'
import { mountedFiles } from './volumes.ts'
import { criCall } from './cri.ts'
import { podStatusPatch } from './pod-status.ts'
import { onProbeExec, startProbes, stopProbes } from './probes.ts'
import type { ContainerWork, KubeletState, PodWorker, SourceAnswer } from './state.ts'

/** kubelet image pull back-off: 10 s doubling to 300 s (`imageBackOffPeriod`, `MaxImageBackOff`). */
function imageBackoffMs(failures: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, failures - 1), 300_000)
}

export interface ContainerSpec {
  name: string
  image: string
  imagePullPolicy?: string
  command?: string[]
  args?: string[]
  resources?: { limits?: Record<string, string>; requests?: Record<string, string> }
  livenessProbe?: Record<string, unknown>
  readinessProbe?: Record<string, unknown>
  startupProbe?: Record<string, unknown>
  lifecycle?: { preStop?: { exec?: { command: string[] }; sleep?: { seconds: number }; httpGet?: unknown } }
}

interface PodSpecLite {
  containers: ContainerSpec[]
  initContainers?: ContainerSpec[]
  serviceAccountName?: string
  restartPolicy?: string
  terminationGracePeriodSeconds?: number
}

export function podSpec(w: { pod: KObject }): PodSpecLite {
  return w.pod.spec as PodSpecLite
}

/** The spec of the worker's i-th container (init containers come first). */
export function specOf(w: PodWorker, i: number): ContainerSpec {
  const c = w.containers[i]!
  const spec = podSpec(w)
  return (c.init ? spec.initContainers : spec.containers)?.[c.specIndex] ?? { name: c.name, image: c.image }
}

export function behaviourText(w: PodWorker): string | undefined {
  return w.pod.metadata.annotations?.[behaviourAnnotation]
}

export function podEvent(state: KubeletState, ctx: Ctx, w: PodWorker, spec: Omit<EventSpec, 'involved' | 'component' | 'host'>): void {
  recordEvent(state.client, ctx, { ...spec, involved: w.pod, component: 'kubelet', host: state.node }, { do: 'ignore' })
}

export function fieldPath(w: PodWorker, i: number): string {
  const c = w.containers[i]!
  return `${c.init ? 'spec.initContainers' : 'spec.containers'}{${c.name}}`
}

export function patchStatus(state: KubeletState, ctx: Ctx, w: PodWorker, opts: { causeId?: string | null } = {}): void {
  apiRequest(state.client, ctx, 'patch', `/api/v1/namespaces/${w.namespace}/pods/${w.name}/status`, { do: 'ignore' }, {
    body: podStatusPatch(state, w, ctx),
    ambient: false,
    ...(opts.causeId !== undefined ? { causeId: opts.causeId } : {}),
  })
}

function work(c: ContainerSpec, init: boolean, specIndex: number): ContainerWork {
  return {
    name: c.name,
    image: c.image,
    pullPolicy: c.imagePullPolicy ?? 'IfNotPresent',
    init,
    specIndex,
    pullFailures: 0,
    phase: 'pending',
    restartCount: 0,
    probeOk: {},
    probeFail: {},
    ready: false,
    started: false,
  }
}

function newWorker(ctx: Ctx, pod: KObject): PodWorker {
  const spec = pod.spec as PodSpecLite
  return {
    uid: String(pod.metadata.uid),
    namespace: String(pod.metadata.namespace),
    name: String(pod.metadata.name),
    pod,
    step: 'volumes',
    startTimeMs: ctx.now,
    containers: [...(spec.initContainers ?? []).map((c, i) => work(c, true, i)), ...spec.containers.map((c, i) => work(c, false, i))],
    current: 0,
    seen: {},
    stopping: 0,
    restartPolicy: spec.restartPolicy ?? 'Always',
  }
}

/** HandlePodAdditions: admit the pod and start its worker. */
export function startPod(state: KubeletState, ctx: Ctx, pod: KObject): void {
  const w = newWorker(ctx, pod)
  state.pods[w.uid] = w
  if (adopt(state, ctx, w)) return
  const rejection = admit(state, pod)
  if (rejection) {
    // rejectPod (kubelet.go): an event, and the pod Failed with the reason.
    w.step = 'rejected'
    podEvent(state, ctx, w, { type: 'Warning', reason: rejection.reason, message: rejection.message })
    apiRequest(state.client, ctx, 'patch', `/api/v1/namespaces/${w.namespace}/pods/${w.name}/status`, { do: 'ignore' }, {
      body: { metadata: { uid: w.uid }, status: { phase: 'Failed', reason: rejection.reason, message: `Pod was rejected: ${rejection.message}` } },
    })
    return
  }
  patchStatus(state, ctx, w)
  // Mounting the projected kube-api-access volume needs a bound token (TokenRequest).
  apiRequest(state.client, ctx, 'create', `/api/v1/namespaces/${w.namespace}/serviceaccounts/${podSpec(w).serviceAccountName ?? 'default'}/token`, { do: 'token', uid: w.uid }, {
    body: {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      spec: { audiences: ['https://kubernetes.default.svc.cluster.local'], expirationSeconds: 3607, boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: w.name, uid: w.uid } },
    },
  })
}

/**
 * A restarted kubelet finds the pod's containers still running in the runtime: it takes them over
 * instead of starting new ones, and reports status again.
 */
function adopt(state: KubeletState, ctx: Ctx, w: PodWorker): boolean {
  const found = (state.adopt ?? []).filter((c) => c.podUid === w.uid)
  if (found.length === 0) return false
  for (const [i, c] of w.containers.entries()) {
    const latest = found.filter((r) => r.name === c.name).sort((a, b) => (a.startedAtMs ?? 0) - (b.startedAtMs ?? 0)).pop()
    if (!latest) continue
    c.id = latest.id
    c.phase = latest.state === 'CONTAINER_EXITED' ? (c.init ? 'done' : 'running') : 'running'
    c.started = latest.state === 'CONTAINER_RUNNING'
    c.ready = c.started
    w.seen[c.name] = latest
    w.sandboxId = String((latest as unknown as { sandboxId?: string }).sandboxId ?? '')
    if (latest.state === 'CONTAINER_RUNNING') startProbes(state, ctx, w, i)
  }
  w.podIP = (w.pod.status as { podIP?: string } | undefined)?.podIP
  w.current = w.containers.length
  w.step = 'started'
  patchStatus(state, ctx, w)
  return true
}

/** Volumes are mounted: create the sandbox. */
export function volumesReady(state: KubeletState, ctx: Ctx, w: PodWorker): void {
  if (w.step !== 'volumes') return
  w.step = 'sandbox'
  criCall(state, ctx, 'RunPodSandbox', {
    podUid: w.uid,
    name: w.name,
    namespace: w.namespace,
    hostname: w.name,
    logDirectory: `/var/log/pods/${w.namespace}_${w.name}_${w.uid}`,
  }, { uid: w.uid })
}

/** Starts the next container of the startup sequence; init containers wait for the one before. */
export function nextContainer(state: KubeletState, ctx: Ctx, w: PodWorker): void {
  const c = w.containers[w.current]
  if (!c) {
    w.step = 'started'
    return
  }
  c.phase = 'starting'
  criCall(state, ctx, 'ImageStatus', { image: c.image }, { uid: w.uid, container: w.current })
}

/** Runs container i again (a restart): the same pipeline from ImageStatus. */
export function restartContainer(state: KubeletState, ctx: Ctx, w: PodWorker, i: number): void {
  const c = w.containers[i]!
  c.phase = 'starting'
  c.restartCount++
  delete c.waitingReason
  delete c.waitingMessage
  criCall(state, ctx, 'ImageStatus', { image: c.image }, { uid: w.uid, container: i })
}

function pull(state: KubeletState, ctx: Ctx, w: PodWorker, i: number): void {
  const c = w.containers[i]!
  podEvent(state, ctx, w, { type: 'Normal', reason: 'Pulling', message: `Pulling image "${c.image}"`, fieldPath: fieldPath(w, i) })
  criCall(state, ctx, 'PullImage', { image: c.image }, { uid: w.uid, container: i })
}

function create(state: KubeletState, ctx: Ctx, w: PodWorker, i: number): void {
  const spec = specOf(w, i)
  const c = w.containers[i]!
  // The ConfigMaps and Secrets its environment reads, fetched first (container-env.ts).
  const sources = envSources(spec as ContainerEnvSpec)
  if (sources.length && !(w.envFetch?.container === i && w.envFetch.pending === 0)) {
    w.envFetch = { container: i, pending: sources.length, got: {} }
    for (const source of sources) apiRequest(state.client, ctx, 'get', sourcePath(w.namespace, source), { do: 'env-source', uid: w.uid, container: i, source })
    return
  }
  const env = containerEnv({ pod: w.pod, spec: spec as ContainerEnvSpec, sources: w.envFetch?.got ?? {}, services: state.services ?? {}, hostIP: state.hostIP, podIP: w.podIP ?? '' })
  delete w.envFetch
  if ('error' in env) return configError(state, ctx, w, i, env.error)
  delete c.waitingReason
  delete c.waitingMessage
  const memoryLimit = byteValue(spec.resources?.limits?.memory)
  const behaviour = behaviourText(w)
  const files = mountedFiles(spec as { volumeMounts?: { name: string; mountPath: string; subPath?: string }[] }, w.volumeFiles ?? {})
  criCall(state, ctx, 'CreateContainer', {
    podSandboxId: w.sandboxId,
    podUid: w.uid,
    name: c.name,
    image: c.image,
    ...(spec.command ? { command: spec.command } : {}),
    ...(spec.args ? { args: spec.args } : {}),
    ...(env.env.length ? { env: env.env } : {}),
    ...(Object.keys(files).length ? { files } : {}),
    ...(memoryLimit ? { memoryLimit } : {}),
    ...(behaviour ? { behaviour } : {}),
  }, { uid: w.uid, container: i })
}

/** A GET for the container's environment answered (the object, or null for 404); the last one creates it. */
export function envSourceFetched(state: KubeletState, ctx: Ctx, w: PodWorker, i: number, source: string, object: SourceAnswer): void {
  const f = w.envFetch
  if (!f || f.container !== i || w.step === 'terminating' || w.step === 'terminated') return
  f.got[source] = object
  if (--f.pending === 0) create(state, ctx, w, i)
}

/**
 * The environment cannot be built: the container waits with CreateContainerConfigError, the
 * kubelet records `Error: …`, and the pod worker syncs again after its back-off
 * (pkg/kubelet/pod_workers.go backOffPeriod 10 s, jittered by up to half).
 */
function configError(state: KubeletState, ctx: Ctx, w: PodWorker, i: number, error: string): void {
  const c = w.containers[i]!
  c.waitingReason = 'CreateContainerConfigError'
  c.waitingMessage = error
  podEvent(state, ctx, w, { type: 'Warning', reason: 'Failed', message: `Error: ${error}`, fieldPath: fieldPath(w, i) })
  patchStatus(state, ctx, w)
  ctx.setTimer(`configretry:${w.uid}`, 10_000 + Math.floor(ctx.random() * 5_000), { uid: w.uid, container: i })
}

/** The back-off after a config error is over: the same container again, from its image check. */
export function retryConfig(state: KubeletState, ctx: Ctx, w: PodWorker, i: number): void {
  const c = w.containers[i]
  if (!c || w.step === 'terminating' || w.step === 'terminated' || c.waitingReason !== 'CreateContainerConfigError') return
  criCall(state, ctx, 'ImageStatus', { image: c.image }, { uid: w.uid, container: i })
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}s`
}

/** What each CRI reply means for the pod's sync. */
export function onCriReply(state: KubeletState, ctx: Ctx, w: PodWorker, msg: CriReply, cont: { container?: number; probe?: string; preStop?: boolean }): void {
  const r = msg.result ?? {}
  const i = cont.container
  if (w.step === 'terminated' || w.step === 'rejected') return
  switch (msg.method) {
    case 'RunPodSandbox':
      w.sandboxId = String(r.podSandboxId)
      w.podIP = String(r.ip)
      w.step = 'containers'
      nextContainer(state, ctx, w)
      return
    case 'ImageStatus': {
      const c = w.containers[i!]!
      if (w.step === 'terminating') return
      if (r.present && c.pullPolicy !== 'Always') {
        podEvent(state, ctx, w, { type: 'Normal', reason: 'Pulled', message: `Container image "${c.image}" already present on machine`, fieldPath: fieldPath(w, i!) })
        create(state, ctx, w, i!)
      } else pull(state, ctx, w, i!)
      return
    }
    case 'PullImage': {
      const c = w.containers[i!]!
      if (w.step === 'terminating') return
      if (!msg.ok) {
        c.pullFailures++
        c.waitingReason = 'ErrImagePull'
        c.waitingMessage = msg.error ?? ''
        podEvent(state, ctx, w, { type: 'Warning', reason: 'Failed', message: `Failed to pull image "${c.image}": ${msg.error}`, fieldPath: fieldPath(w, i!) })
        podEvent(state, ctx, w, { type: 'Warning', reason: 'Failed', message: 'Error: ErrImagePull', fieldPath: fieldPath(w, i!) })
        patchStatus(state, ctx, w)
        ctx.setTimer(`backoff:${w.uid}`, imageBackoffMs(c.pullFailures), { uid: w.uid, container: i })
        return
      }
      delete c.waitingReason
      delete c.waitingMessage
      const took = seconds(ctx.now - Number(r.startedAtMs ?? ctx.now))
      c.imageRef = String(r.imageRef)
      podEvent(state, ctx, w, {
        type: 'Normal',
        reason: 'Pulled',
        message: `Successfully pulled image "${c.image}" in ${took} (${took} including waiting). Image size: ${r.sizeBytes} bytes.`,
        fieldPath: fieldPath(w, i!),
      })
      create(state, ctx, w, i!)
      return
    }
    case 'CreateContainer': {
      const c = w.containers[i!]!
      c.id = String(r.containerId)
      // v1.34 wording; v1.35 says "Container created" (FIDELITY.md §1.1 E6).
      podEvent(state, ctx, w, { type: 'Normal', reason: 'Created', message: `Created container: ${c.name}`, fieldPath: fieldPath(w, i!) })
      criCall(state, ctx, 'StartContainer', { containerId: c.id }, { uid: w.uid, container: i! })
      return
    }
    case 'StartContainer': {
      const c = w.containers[i!]!
      podEvent(state, ctx, w, { type: 'Normal', reason: 'Started', message: `Started container ${c.name}`, fieldPath: fieldPath(w, i!) })
      c.phase = 'running'
      c.ready = false
      c.started = false
      if (!c.init) startProbes(state, ctx, w, i!)
      // App containers start one after the other; an init container must finish first (PLEG).
      if (!c.init && w.step === 'containers' && i === w.current) {
        w.current++
        nextContainer(state, ctx, w)
      }
      return
    }
    case 'ExecSync':
      if (cont.preStop) preStopDone(state, ctx, w, i!)
      else if (cont.probe) onProbeExec(state, ctx, w, i!, cont.probe as 'liveness' | 'readiness' | 'startup', msg)
      return
    case 'StopContainer':
      if (w.step !== 'terminating') return
      if (--w.stopping <= 0 && w.sandboxId) criCall(state, ctx, 'StopPodSandbox', { podSandboxId: w.sandboxId }, { uid: w.uid })
      return
    case 'StopPodSandbox':
      w.step = 'terminated'
      finishTermination(state, ctx, w)
      return
    default:
      return
  }
}

/** The image pull back-off ran out: show ImagePullBackOff and try again. */
export function retryPull(state: KubeletState, ctx: Ctx, w: PodWorker, i: number): void {
  const c = w.containers[i]
  if (!c || w.step === 'terminating' || w.step === 'terminated') return
  c.waitingReason = 'ImagePullBackOff'
  c.waitingMessage = `Back-off pulling image "${c.image}"`
  podEvent(state, ctx, w, { type: 'Normal', reason: 'BackOff', message: `Back-off pulling image "${c.image}"`, fieldPath: fieldPath(w, i) })
  patchStatus(state, ctx, w)
  pull(state, ctx, w, i)
}

/** Grace left for container i once its preStop hook is done. */
function graceLeft(w: PodWorker): number {
  const grace = w.pod.metadata.deletionGracePeriodSeconds ?? podSpec(w).terminationGracePeriodSeconds ?? 30
  return grace
}

function stopContainer(state: KubeletState, ctx: Ctx, w: PodWorker, i: number, timeoutSeconds: number): void {
  const c = w.containers[i]!
  criCall(state, ctx, 'StopContainer', { containerId: c.id, timeout: Math.max(0, timeoutSeconds) }, { uid: w.uid, container: i })
}

/** The pod got a deletionTimestamp: run preStop hooks, then stop its containers within the grace period. */
export function terminatePod(state: KubeletState, ctx: Ctx, w: PodWorker, pod: KObject): void {
  if (w.step === 'terminating' || w.step === 'terminated') return
  if (w.step === 'rejected') {
    w.step = 'terminated'
    sendFinalDelete(state, ctx, w)
    return
  }
  w.pod = pod
  w.step = 'terminating'
  w.terminatingAtMs = ctx.now
  ctx.cancelTimer(`backoff:${w.uid}`)
  const grace = graceLeft(w)
  const running = w.containers.filter((c) => c.id && c.phase === 'running' && w.seen[c.name]?.state !== 'CONTAINER_EXITED')
  for (const [i, c] of w.containers.entries()) {
    stopProbes(ctx, w, i)
    ctx.cancelTimer(`crash:${w.uid}:${i}`)
    if (c.phase === 'backoff' || c.phase === 'pending') c.phase = 'done'
  }
  w.stopping = running.length
  for (const c of running) {
    const i = w.containers.indexOf(c)
    podEvent(state, ctx, w, { type: 'Normal', reason: 'Killing', message: `Stopping container ${c.name}`, fieldPath: fieldPath(w, i) })
    const hook = specOf(w, i).lifecycle?.preStop
    if (hook?.exec) criCall(state, ctx, 'ExecSync', { containerId: c.id, cmd: hook.exec.command, timeout: grace }, { uid: w.uid, container: i, preStop: true })
    else if (hook?.sleep) ctx.setTimer(`prestop:${w.uid}:${i}`, Math.min(hook.sleep.seconds, grace) * 1000, { uid: w.uid, container: i })
    else stopContainer(state, ctx, w, i, grace)
  }
  if (running.length === 0) {
    if (w.sandboxId) criCall(state, ctx, 'StopPodSandbox', { podSandboxId: w.sandboxId }, { uid: w.uid })
    else {
      w.step = 'terminated'
      finishTermination(state, ctx, w)
    }
  }
}

/** The preStop hook returned: SIGTERM with what is left of the grace period. */
export function preStopDone(state: KubeletState, ctx: Ctx, w: PodWorker, i: number): void {
  if (w.step !== 'terminating') return
  const spent = Math.floor((ctx.now - (w.terminatingAtMs ?? ctx.now)) / 1000)
  stopContainer(state, ctx, w, i, graceLeft(w) - spent)
}

/** Report the final status, then ask the apiserver to remove the pod (grace 0). */
function finishTermination(state: KubeletState, ctx: Ctx, w: PodWorker): void {
  // The runtime's last word on the containers arrives with the next relist; ask for it now.
  criCall(state, ctx, 'ListContainers', {}, { uid: w.uid })
}

/** The final status of a terminated pod; its DELETE follows when the apiserver has it. */
export function sendFinalStatus(state: KubeletState, ctx: Ctx, w: PodWorker): void {
  apiRequest(state.client, ctx, 'patch', `/api/v1/namespaces/${w.namespace}/pods/${w.name}/status`, { do: 'final-status', uid: w.uid }, {
    body: podStatusPatch(state, w, ctx),
    ambient: false,
  })
}

/** All containers are gone: remove the pod object for good (grace 0, guarded by its uid). */
export function sendFinalDelete(state: KubeletState, ctx: Ctx, w: PodWorker): void {
  apiRequest(state.client, ctx, 'delete', `/api/v1/namespaces/${w.namespace}/pods/${w.name}`, { do: 'ignore' }, {
    body: { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0, preconditions: { uid: w.uid } },
    ambient: false,
  })
}

/**
 * A restarted kubelet meets a pod already marked for deletion whose containers died with the
 * node: nothing is left to stop, so it reports the final status and removes the object.
 */
export function finishOrphan(state: KubeletState, ctx: Ctx, pod: KObject): void {
  const w = newWorker(ctx, pod)
  w.step = 'terminated'
  w.stopping = -1
  state.pods[w.uid] = w
  sendFinalStatus(state, ctx, w)
}

export function imageKey(image: string): string {
  return normalizeImage(image)
}
