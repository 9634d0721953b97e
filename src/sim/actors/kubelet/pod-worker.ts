/**
 * A pod's sync, as the kubelet's pod worker runs it (FIDELITY.md §1.1 phase E): first status
 * PATCH (ContainerCreating) and the service-account token for the volume, then RunPodSandbox,
 * then per container ImageStatus → (Pulling → PullImage → Pulled) → CreateContainer → Created →
 * StartContainer → Started. The second PATCH (Running) comes when PLEG sees the containers run.
 * Deletion runs the other way: StopContainer with the grace period, StopPodSandbox, a final
 * status, and a DELETE with grace 0 that removes the object.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { CriReply } from '../../messages.ts'
import type { KObject } from '../../protocol.ts'
import { apiRequest } from '../client/api-client.ts'
import { recordEvent, type EventSpec } from '../client/events.ts'
import { normalizeImage } from '../registry/catalogue.ts'
import { criCall } from './cri.ts'
import { podStatusPatch } from './pod-status.ts'
import type { KubeletState, PodWorker } from './state.ts'

/** kubelet image pull back-off: 10 s doubling to 300 s (`imageBackOffPeriod`, `MaxImageBackOff`). */
function imageBackoffMs(failures: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, failures - 1), 300_000)
}

export function podEvent(state: KubeletState, ctx: Ctx, w: PodWorker, spec: Omit<EventSpec, 'involved' | 'component' | 'host'>): void {
  recordEvent(state.client, ctx, { ...spec, involved: w.pod, component: 'kubelet', host: state.node }, { do: 'ignore' })
}

function fieldPath(w: PodWorker, i: number): string {
  return `spec.containers{${w.containers[i]!.name}}`
}

export function patchStatus(state: KubeletState, ctx: Ctx, w: PodWorker, opts: { causeId?: string | null } = {}): void {
  apiRequest(state.client, ctx, 'patch', `/api/v1/namespaces/${w.namespace}/pods/${w.name}/status`, { do: 'ignore' }, {
    body: podStatusPatch(state, w, ctx),
    ambient: false,
    ...(opts.causeId !== undefined ? { causeId: opts.causeId } : {}),
  })
}

/** HandlePodAdditions: admit the pod and start its worker. */
export function startPod(state: KubeletState, ctx: Ctx, pod: KObject): void {
  const uid = String(pod.metadata.uid)
  const spec = pod.spec as { containers: { name: string; image: string; imagePullPolicy?: string }[]; serviceAccountName?: string }
  const w: PodWorker = {
    uid,
    namespace: String(pod.metadata.namespace),
    name: String(pod.metadata.name),
    pod,
    step: 'volumes',
    startTimeMs: ctx.now,
    containers: spec.containers.map((c) => ({ name: c.name, image: c.image, pullPolicy: c.imagePullPolicy ?? 'IfNotPresent', pullFailures: 0 })),
    current: 0,
    seen: {},
    stopping: 0,
  }
  state.pods[uid] = w
  patchStatus(state, ctx, w)
  // Mounting the projected kube-api-access volume needs a bound token (TokenRequest).
  apiRequest(state.client, ctx, 'create', `/api/v1/namespaces/${w.namespace}/serviceaccounts/${spec.serviceAccountName ?? 'default'}/token`, { do: 'token', uid }, {
    body: {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      spec: { audiences: ['https://kubernetes.default.svc.cluster.local'], expirationSeconds: 3607, boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: w.name, uid } },
    },
  })
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

function nextContainer(state: KubeletState, ctx: Ctx, w: PodWorker): void {
  const c = w.containers[w.current]
  if (!c) {
    w.step = 'started'
    return
  }
  criCall(state, ctx, 'ImageStatus', { image: c.image }, { uid: w.uid, container: w.current })
}

function pull(state: KubeletState, ctx: Ctx, w: PodWorker, i: number): void {
  const c = w.containers[i]!
  podEvent(state, ctx, w, { type: 'Normal', reason: 'Pulling', message: `Pulling image "${c.image}"`, fieldPath: fieldPath(w, i) })
  criCall(state, ctx, 'PullImage', { image: c.image }, { uid: w.uid, container: i })
}

function create(state: KubeletState, ctx: Ctx, w: PodWorker, i: number): void {
  const spec = (w.pod.spec as { containers: { command?: string[]; args?: string[] }[] }).containers[i] ?? {}
  const c = w.containers[i]!
  criCall(state, ctx, 'CreateContainer', {
    podSandboxId: w.sandboxId,
    podUid: w.uid,
    name: c.name,
    image: c.image,
    ...(spec.command ? { command: spec.command } : {}),
    ...(spec.args ? { args: spec.args } : {}),
  }, { uid: w.uid, container: i })
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}s`
}

/** What each CRI reply means for the pod's sync. */
export function onCriReply(state: KubeletState, ctx: Ctx, w: PodWorker, msg: CriReply, i: number | undefined): void {
  const r = msg.result ?? {}
  switch (msg.method) {
    case 'RunPodSandbox':
      w.sandboxId = String(r.podSandboxId)
      w.podIP = String(r.ip)
      w.step = 'containers'
      nextContainer(state, ctx, w)
      return
    case 'ImageStatus': {
      const c = w.containers[i!]!
      if (r.present && c.pullPolicy !== 'Always') {
        podEvent(state, ctx, w, { type: 'Normal', reason: 'Pulled', message: `Container image "${c.image}" already present on machine`, fieldPath: fieldPath(w, i!) })
        create(state, ctx, w, i!)
      } else pull(state, ctx, w, i!)
      return
    }
    case 'PullImage': {
      const c = w.containers[i!]!
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
      w.current++
      nextContainer(state, ctx, w)
      return
    }
    case 'StopContainer':
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
  if (!c || w.step !== 'containers') return
  c.waitingReason = 'ImagePullBackOff'
  c.waitingMessage = `Back-off pulling image "${c.image}"`
  podEvent(state, ctx, w, { type: 'Normal', reason: 'BackOff', message: `Back-off pulling image "${c.image}"`, fieldPath: fieldPath(w, i) })
  patchStatus(state, ctx, w)
  pull(state, ctx, w, i)
}

/** The pod got a deletionTimestamp: stop its containers within the grace period. */
export function terminatePod(state: KubeletState, ctx: Ctx, w: PodWorker, pod: KObject): void {
  if (w.step === 'terminating' || w.step === 'terminated') return
  w.pod = pod
  w.step = 'terminating'
  ctx.cancelTimer(`backoff:${w.uid}`)
  const grace = pod.metadata.deletionGracePeriodSeconds ?? 30
  const running = w.containers.filter((c) => c.id && w.seen[c.name]?.state !== 'CONTAINER_EXITED')
  w.stopping = running.length
  for (const c of running) {
    const i = w.containers.indexOf(c)
    podEvent(state, ctx, w, { type: 'Normal', reason: 'Killing', message: `Stopping container ${c.name}`, fieldPath: fieldPath(w, i) })
    criCall(state, ctx, 'StopContainer', { containerId: c.id, timeout: grace }, { uid: w.uid, container: i })
  }
  if (running.length === 0) {
    if (w.sandboxId) criCall(state, ctx, 'StopPodSandbox', { podSandboxId: w.sandboxId }, { uid: w.uid })
    else {
      w.step = 'terminated'
      finishTermination(state, ctx, w)
    }
  }
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

export function imageKey(image: string): string {
  return normalizeImage(image)
}
