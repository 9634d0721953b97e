/**
 * The container runtime (containerd) behind the kubelet's CRI calls. RunPodSandbox starts the
 * pause container and runs CNI ADD, which gives the pod its IP from the node's pod CIDR; PullImage
 * fetches the manifest and layers from the registry; containers are created, started, stopped
 * (SIGTERM, then SIGKILL after the grace period) and listed for the kubelet's PLEG.
 * Latencies follow FIDELITY.md §6: sandbox + CNI 0.2–1 s, create + start 50–500 ms.
 */
import type { ActorDef, Ctx } from '../../engine/actor.ts'
import { freezeDeep } from '../../engine/clone.ts'
import { registryPath, type CriCall, type CriMethod, type RegistryReply } from '../../messages.ts'
import { containerId } from '../../k8s/meta.ts'
import type { NodeImage } from '../../protocol.ts'
import { digestOf, normalizeImage } from '../registry/catalogue.ts'
import { behaviourOf, execExitCode, oomAfterMs, type Behaviour } from './behaviour.ts'
import { execTimer, onExecDns, onExecHttp, startExec } from './exec.ts'
import { answerHttp } from './serve-http.ts'
import type { Container, RuntimeState } from './state.ts'

export function newRuntimeState(node: string, podNet: string, images: NodeImage[]): RuntimeState {
  const store: RuntimeState['images'] = {}
  // kubeadm pre-pulls the sandbox (pause) image on every node.
  store[normalizeImage('registry.k8s.io/pause:3.10')] = { sizeBytes: 320_368, digest: digestOf('registry.k8s.io/pause:3.10') }
  for (const i of images) for (const n of i.names) store[normalizeImage(n)] = { sizeBytes: i.sizeBytes, digest: digestOf(n) }
  return { node, podNet, nextHost: 2, freeHosts: [], images: store, sandboxes: {}, containers: {}, pulls: {}, nextReq: 0 }
}

export const registryActor = 'image-registry'

/** containerd's registry client gives up on a connection after its dialer's 30 s timeout. */
const registryDialTimeoutMs = 30_000

interface Reply {
  kubelet: string
  callId: string
  method: CriMethod
  ok: boolean
  result?: Record<string, unknown>
  error?: string
}

/** Answers after `delayMs` of work; the timer keeps the call's flow as the cause. */
function replyLater(ctx: Ctx, reply: Reply, delayMs: number): void {
  ctx.setTimer(`reply:${reply.callId}`, delayMs, reply)
}

function between(ctx: Ctx, min: number, max: number): number {
  return min + Math.floor(ctx.random() * (max - min + 1))
}

function allocateIp(state: RuntimeState): string {
  const host = state.freeHosts.shift() ?? state.nextHost++
  return `${state.podNet}${host}`
}

/**
 * What an image's own entrypoint does (no command, args or behaviour annotation) depends on the
 * image alone: worked out once per image and shared, frozen, by its containers (nothing writes a
 * container's behaviour after CreateContainer).
 */
const entrypointBehaviours = new Map<string, Behaviour>()

function containerBehaviour(name: string, image: string, command: string[] | undefined, args: string[] | undefined, annotation: string | undefined): Behaviour {
  if (command || args || annotation) return behaviourOf({ name, image, ...(command ? { command } : {}), ...(args ? { args } : {}) }, undefined, annotation)
  let b = entrypointBehaviours.get(image)
  if (!b) entrypointBehaviours.set(image, (b = freezeDeep(behaviourOf({ name, image }))))
  return b
}

function call(state: RuntimeState, msg: CriCall, ctx: Ctx): void {
  const kubelet = ctx.from!
  const base = { kubelet, callId: msg.callId, method: msg.method }
  const a = msg.args
  switch (msg.method) {
    case 'RunPodSandbox': {
      const id = containerId(ctx.random)
      const ip = allocateIp(state)
      state.sandboxes[id] = { id, podUid: String(a.podUid), name: String(a.name), namespace: String(a.namespace), ip, state: 'SANDBOX_READY' }
      ctx.stage({ name: 'sandbox', outcome: 'ok', detail: `pause container ${id.slice(0, 13)} started; CNI ADD: eth0 ${ip}/24 via ${state.podNet}1` })
      replyLater(ctx, { ...base, ok: true, result: { podSandboxId: id, ip } }, between(ctx, 300, 700))
      return
    }
    case 'ImageStatus': {
      const ref = normalizeImage(String(a.image))
      const image = state.images[ref]
      ctx.stage({ name: 'image', outcome: 'ok', detail: image ? `${ref} is present` : `${ref} is not present` })
      replyLater(ctx, { ...base, ok: true, result: image ? { present: true, sizeBytes: image.sizeBytes, digest: image.digest } : { present: false } }, 1)
      return
    }
    case 'PullImage': {
      const reqId = `${ctx.self}#${++state.nextReq}`
      state.pulls[reqId] = { callId: msg.callId, kubelet, image: String(a.image), startedAtMs: ctx.now }
      ctx.send(registryActor, { kind: 'registry.get', reqId, image: String(a.image), what: 'manifest' })
      ctx.setTimer(`pull-timeout:${reqId}`, registryDialTimeoutMs, { reqId })
      return
    }
    case 'CreateContainer': {
      const id = containerId(ctx.random)
      const image = String(a.image)
      state.containers[id] = {
        id,
        sandboxId: String(a.podSandboxId),
        podUid: String(a.podUid),
        name: String(a.name),
        image,
        imageRef: digestOf(image),
        state: 'CONTAINER_CREATED',
        createdAtMs: ctx.now,
        behaviour: containerBehaviour(String(a.name), image, a.command as string[] | undefined, a.args as string[] | undefined, a.behaviour as string | undefined),
        ...(a.command ? { command: a.command as string[] } : {}),
        ...(a.args ? { args: a.args as string[] } : {}),
        ...(a.env ? { env: a.env as [string, string][] } : {}),
        ...(a.files ? { files: a.files as Record<string, string> } : {}),
        memoryLimit: Number(a.memoryLimit ?? 0),
        changedBy: ctx.causeId,
      }
      replyLater(ctx, { ...base, ok: true, result: { containerId: id } }, between(ctx, 30, 120))
      return
    }
    case 'StartContainer': {
      const c = state.containers[String(a.containerId)]
      if (!c) return replyLater(ctx, { ...base, ok: false, error: 'container not found' }, 1)
      ctx.setTimer(`start:${c.id}`, between(ctx, 40, 150), { ...base, containerId: c.id })
      return
    }
    case 'StopContainer': {
      const c = state.containers[String(a.containerId)]
      if (!c || c.state !== 'CONTAINER_RUNNING') return replyLater(ctx, { ...base, ok: true }, 1)
      const timeoutMs = Number(a.timeout ?? 30) * 1000
      // SIGTERM; a process without a handler for it (a shell, sleep) waits for SIGKILL.
      const killed = c.behaviour.ignoresSigterm
      const after = killed ? timeoutMs : between(ctx, 50, 200)
      ctx.stage({ name: 'signal', outcome: 'ok', detail: killed ? `SIGTERM ignored by PID 1; SIGKILL after ${timeoutMs / 1000}s` : 'SIGTERM; the process exits' })
      ctx.setTimer(`stop:${c.id}`, after, { ...base, containerId: c.id, exitCode: killed ? 137 : 0 })
      return
    }
    case 'StopPodSandbox':
    case 'RemovePodSandbox': {
      const sb = state.sandboxes[String(a.podSandboxId)]
      if (sb && msg.method === 'RemovePodSandbox') {
        delete state.sandboxes[sb.id]
        for (const c of Object.values(state.containers)) if (c.sandboxId === sb.id) delete state.containers[c.id]
        state.freeHosts.push(Number(sb.ip.slice(state.podNet.length)))
      } else if (sb) sb.state = 'SANDBOX_NOTREADY'
      replyLater(ctx, { ...base, ok: true }, between(ctx, 20, 80))
      return
    }
    case 'RemoveContainer':
      delete state.containers[String(a.containerId)]
      replyLater(ctx, { ...base, ok: true }, 5)
      return
    case 'ExecSync': {
      // The command runs inside the container; its answer depends on what the process has done so far.
      const c = state.containers[String(a.containerId)]
      if (!c || c.state !== 'CONTAINER_RUNNING') return replyLater(ctx, { ...base, ok: false, error: 'container is not running' }, 1)
      const cmd = (a.cmd ?? []) as string[]
      const exitCode = execExitCode(c.behaviour, cmd, ctx.now - (c.startedAtMs ?? ctx.now))
      ctx.stage({ name: 'exec', outcome: exitCode === 0 ? 'ok' : 'failed', detail: `${cmd.join(' ')} → exit ${exitCode}` })
      replyLater(ctx, { ...base, ok: true, result: { exitCode } }, 2)
      return
    }
    case 'Exec':
      startExec(state, msg, ctx)
      return
    case 'ListContainers':
      replyLater(ctx, { ...base, ok: true, result: { containers: Object.values(state.containers).map(view) } }, 1)
      return
    case 'UpdateRuntimeConfig': {
      // containerd hands the CIDR to the CNI plugin: sandboxes from now on take addresses in it.
      const cidr = String(a.podCidr ?? '')
      state.podNet = cidr.split('/')[0]!.replace(/\d+$/, '')
      replyLater(ctx, { ...base, ok: true, result: {} }, 1)
      return
    }
  }
}

/** What ListContainers reports about a container. */
function view(c: Container): Record<string, unknown> {
  return { ...c, behaviour: undefined, command: undefined, args: undefined, env: undefined, files: undefined }
}

function onRegistry(state: RuntimeState, msg: RegistryReply, ctx: Ctx): void {
  const pull = state.pulls[msg.reqId]
  if (!pull) return
  ctx.cancelTimer(`pull-timeout:${msg.reqId}`)
  const base = { kubelet: pull.kubelet, callId: pull.callId, method: 'PullImage' as const }
  const ref = normalizeImage(pull.image)
  if (msg.code !== 200) {
    delete state.pulls[msg.reqId]
    const error = `failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`
    replyLater(ctx, { ...base, ok: false, error }, 1)
    return
  }
  if (msg.what === 'manifest') {
    pull.digest = msg.digest
    const local = state.images[ref]
    if (local && local.digest === msg.digest) {
      // Every layer is already in the content store: nothing to download.
      delete state.pulls[msg.reqId]
      ctx.stage({ name: 'unpack', outcome: 'skipped', detail: `${ref}: all layers already present` })
      replyLater(ctx, { ...base, ok: true, result: { imageRef: local.digest, sizeBytes: local.sizeBytes, startedAtMs: pull.startedAtMs } }, 5)
      return
    }
    ctx.send(registryActor, { kind: 'registry.get', reqId: msg.reqId, image: pull.image, what: 'blobs' })
    return
  }
  delete state.pulls[msg.reqId]
  const size = msg.sizeBytes ?? 0
  state.images[ref] = { sizeBytes: size, digest: pull.digest ?? digestOf(pull.image) }
  // Unpacking the layers into the snapshotter takes a moment too.
  const unpackMs = 50 + Math.round(size / 200_000)
  ctx.stage({ name: 'unpack', outcome: 'ok', detail: `${ref}: ${msg.layers ?? 'all'} layers unpacked` })
  replyLater(ctx, { ...base, ok: true, result: { imageRef: pull.digest, sizeBytes: size, startedAtMs: pull.startedAtMs } }, unpackMs)
}

function exited(c: Container, ctx: Ctx, exitCode: number, reason: string): void {
  c.state = 'CONTAINER_EXITED'
  c.finishedAtMs = ctx.now
  c.exitCode = exitCode
  c.reason = reason
  c.changedBy = ctx.causeId
}

export const runtime: ActorDef<RuntimeState> = {
  kind: 'container-runtime',
  receive(state, msg, ctx) {
    if (msg.kind === 'cri.call') call(state, msg, ctx)
    else if (msg.kind === 'registry.reply') onRegistry(state, msg, ctx)
    else if (msg.kind === 'dns.answer') onExecDns(state, msg, ctx)
    else if (msg.kind === 'traffic.response') onExecHttp(state, msg, ctx)
    else if (msg.kind === 'traffic.request') answerHttp(state, msg, ctx)
  },
  timer(state, name, data, ctx) {
    const d = data as Reply & { containerId?: string; exitCode?: number }
    if (execTimer(state, name, ctx)) return
    if (name.startsWith('pull-timeout:')) {
      const reqId = (data as { reqId: string }).reqId
      const pull = state.pulls[reqId]
      if (!pull) return
      delete state.pulls[reqId]
      const ref = normalizeImage(pull.image)
      const host = ref.split('/')[0]
      const error = `failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": failed to do request: Head "https://${host}${registryPath(pull.image, 'manifests')}": dial tcp: i/o timeout`
      ctx.send(pull.kubelet, { kind: 'cri.reply', callId: pull.callId, method: 'PullImage', ok: false, error })
      return
    }
    if (name.startsWith('reply:')) {
      ctx.send(d.kubelet, { kind: 'cri.reply', callId: d.callId, method: d.method, ok: d.ok, ...(d.result ? { result: d.result } : {}), ...(d.error ? { error: d.error } : {}) })
      return
    }
    const c = state.containers[d.containerId ?? '']
    if (name.startsWith('start:')) {
      if (!c) return
      c.state = 'CONTAINER_RUNNING'
      c.startedAtMs = ctx.now
      c.changedBy = ctx.causeId
      if (c.behaviour.exitAfterMs !== undefined) ctx.setTimer(`exit:${c.id}`, c.behaviour.exitAfterMs, { containerId: c.id })
      // The memory cgroup's limit: when use passes it the kernel's OOM killer ends the process.
      const oom = oomAfterMs(c.behaviour, c.memoryLimit ?? 0)
      if (oom !== undefined && (c.behaviour.exitAfterMs === undefined || oom < c.behaviour.exitAfterMs)) ctx.setTimer(`oom:${c.id}`, oom, { containerId: c.id })
      ctx.send(d.kubelet, { kind: 'cri.reply', callId: d.callId, method: 'StartContainer', ok: true })
    } else if (name.startsWith('stop:')) {
      if (c && c.state === 'CONTAINER_RUNNING') exited(c, ctx, d.exitCode ?? 0, d.exitCode === 137 ? 'Error' : 'Completed')
      ctx.cancelTimer(`exit:${d.containerId}`)
      ctx.cancelTimer(`oom:${d.containerId}`)
      ctx.send(d.kubelet, { kind: 'cri.reply', callId: d.callId, method: 'StopContainer', ok: true })
    } else if (name.startsWith('exit:')) {
      ctx.cancelTimer(`oom:${d.containerId}`)
      if (c && c.state === 'CONTAINER_RUNNING') exited(c, ctx, c.behaviour.exitCode, c.behaviour.exitCode === 0 ? 'Completed' : 'Error')
    } else if (name.startsWith('oom:')) {
      ctx.cancelTimer(`exit:${d.containerId}`)
      // SIGKILL from the OOM killer: exit 137, reason OOMKilled (CRI ContainerStatus.reason).
      if (c && c.state === 'CONTAINER_RUNNING') exited(c, ctx, 137, 'OOMKilled')
    }
  },
}
