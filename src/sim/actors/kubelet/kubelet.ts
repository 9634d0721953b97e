/**
 * The kubelet of one node. It renews its node Lease every 10 s, reports node status, watches the
 * pods bound to its node (`fieldSelector=spec.nodeName=<node>`), runs each pod through the container
 * runtime over CRI, and learns what the runtime did through PLEG relists every second
 * (FIDELITY.md §1.1 phase E, §3.1).
 */
import type { ActorDef, Ctx } from '../../engine/actor.ts'
import type { ApiResponse, CriReply, WatchEventMessage } from '../../messages.ts'
import { microTime, rfc3339 } from '../../k8s/meta.ts'
import type { KObject } from '../../protocol.ts'
import { apiRequest, newApiClient, takeResponse } from '../client/api-client.ts'
import { applyWatchEvent } from '../client/informer.ts'
import { criCall } from './cri.ts'
import { crashBackoffDone, onContainerExit } from './container-exit.ts'
import { envSourceFetched, finishOrphan, onCriReply, patchStatus, preStopDone, retryConfig, retryPull, sendFinalDelete, sendFinalStatus, startPod, terminatePod } from './pod-worker.ts'
import { execReplied, serveExec } from './exec.ts'
import { serveLogs } from './logs.ts'
import { closeFollow, followTimer } from './logs-follow.ts'
import { mountVolumes, retryMount, volumeSourceFetched } from './volume-mount.ts'
import { runProbe } from './probes.ts'
import { createLease, nodeEvent, onOwnNode, onRegistered, registerNode } from './register.ts'
import type { ApiCont, ContainerWork, KubeletState, RuntimeContainer, SourceAnswer } from './state.ts'

/** nodeLeaseDurationSeconds 40 × nodeLeaseRenewIntervalFraction 0.25 (pkg/kubelet/kubelet.go). */
export const leaseRenewIntervalMs = 10_000
/** genericPlegRelistPeriod (pkg/kubelet/kubelet.go). */
export const plegRelistPeriodMs = 1_000
/** nodeStatusUpdateFrequency 10 s; a PATCH only on change or after nodeStatusReportFrequency 5 m. */
export const nodeStatusUpdateFrequencyMs = 10_000
export const nodeStatusReportFrequencyMs = 300_000

export function newKubeletState(node: string, hostIP: string, apiserver: string, runtime: string): KubeletState {
  return { node, hostIP, client: newApiClient<ApiCont>(apiserver), runtime, nextCall: 0, calls: {}, pods: {}, lease: null, node_: null, lastNodeReportMs: 0 }
}

function onWatch(state: KubeletState, msg: WatchEventMessage, ctx: Ctx): void {
  const obj = msg.object
  if (obj.kind === 'Service') {
    applyWatchEvent((state.services ??= {}), msg)
    return
  }
  if (obj.kind === 'Node') {
    state.node_ = msg.type === 'DELETED' ? null : obj
    if (state.node_) onOwnNode(state, ctx, state.node_)
    return
  }
  const uid = String(obj.metadata.uid)
  const w = state.pods[uid]
  if (msg.type === 'DELETED') {
    if (w?.sandboxId) criCall(state, ctx, 'RemovePodSandbox', { podSandboxId: w.sandboxId }, { uid })
    delete state.pods[uid]
    ctx.cancelTimer(`backoff:${uid}`)
    return
  }
  if (!w) {
    if (!obj.metadata.deletionTimestamp) startPod(state, ctx, obj)
    else if ((obj.spec as { nodeName?: string }).nodeName === state.node) finishOrphan(state, ctx, obj)
    return
  }
  w.pod = obj
  if (obj.metadata.deletionTimestamp) terminatePod(state, ctx, w, obj)
}

function onResponse(state: KubeletState, msg: ApiResponse, ctx: Ctx): void {
  const cont = takeResponse(state.client, msg)
  if (!cont) return
  if (cont.do === 'token') {
    const w = state.pods[cont.uid]
    if (w && msg.code === 201) mountVolumes(state, ctx, w)
  } else if (cont.do === 'final-status') {
    const w = state.pods[cont.uid]
    if (w) sendFinalDelete(state, ctx, w)
  } else if (cont.do === 'lease' && (msg.code === 200 || msg.code === 201)) state.lease = msg.body as KObject
  else if (cont.do === 'lease' && msg.code === 404) createLease(state, ctx)
  else if (cont.do === 'register' || cont.do === 'registered') onRegistered(state, msg, ctx)
  else if (cont.do === 'volume-source') {
    const w = state.pods[cont.uid]
    if (w) volumeSourceFetched(state, ctx, w, cont.source, sourceAnswer(msg))
  } else if (cont.do === 'env-source') {
    const w = state.pods[cont.uid]
    if (w) envSourceFetched(state, ctx, w, cont.container, cont.source, sourceAnswer(msg))
  }
}

/** A GET of a ConfigMap or Secret: the object, null when it does not exist, or the error otherwise. */
function sourceAnswer(msg: ApiResponse): SourceAnswer {
  if (msg.code === 200) return msg.body as KObject
  if (msg.code === 404) return null
  return { error: String((msg.body as { message?: string } | null)?.message ?? `status ${msg.code}`) }
}

const noContainers: RuntimeContainer[] = []

/**
 * The relist's containers grouped by pod uid once, as the real PLEG keeps its podRecords by pod
 * (pkg/kubelet/pleg/generic.go), instead of every pod worker scanning the whole list.
 */
function byPod(containers: RuntimeContainer[]): Map<string, RuntimeContainer[]> {
  const groups = new Map<string, RuntimeContainer[]>()
  for (const c of containers) {
    const group = groups.get(c.podUid)
    if (group) group.push(c)
    else groups.set(c.podUid, [c])
  }
  return groups
}

/**
 * The run the worker tracks (by id); without an id, the latest started run of that name (the
 * last one listed among equals). Older runs of the same container are history.
 */
function trackedRun(mine: RuntimeContainer[], work: ContainerWork): RuntimeContainer | undefined {
  let run: RuntimeContainer | undefined
  let latest = -Infinity
  for (const c of mine) {
    if (c.name !== work.name) continue
    if (work.id) {
      if (c.id === work.id) return c
    } else if ((c.startedAtMs ?? 0) >= latest) {
      latest = c.startedAtMs ?? 0
      run = c
    }
  }
  return run
}

/** PLEG: compare the runtime's containers with what each pod worker saw last. */
function relisted(state: KubeletState, ctx: Ctx, containers: RuntimeContainer[]): void {
  const groups = byPod(containers)
  for (const w of Object.values(state.pods)) {
    let cause: string | null | undefined
    const mine = groups.get(w.uid) ?? noContainers
    for (let i = 0; i < w.containers.length; i++) {
      const work = w.containers[i]!
      const run = trackedRun(mine, work)
      if (!run) continue
      const before = w.seen[work.name]
      if (before && before.state === run.state && before.id === run.id) continue
      cause = run.changedBy
      w.seen[work.name] = run
      const live = w.step !== 'terminating' && w.step !== 'terminated'
      if (live && run.state === 'CONTAINER_EXITED' && work.phase === 'running' && run.id === work.id) onContainerExit(state, ctx, w, i, run)
    }
    if (w.step === 'terminated') {
      // stopping = -1 marks the final status and DELETE as sent.
      if (w.stopping !== -1) {
        w.stopping = -1
        sendFinalStatus(state, ctx, w)
      }
      continue
    }
    if (cause !== undefined && w.step !== 'terminating') patchStatus(state, ctx, w, { causeId: cause })
  }
}

function onCri(state: KubeletState, msg: CriReply, ctx: Ctx): void {
  const cont = state.calls[msg.callId]
  delete state.calls[msg.callId]
  if (msg.method === 'ListContainers') {
    if (state.adopting) {
      state.adopting = false
      state.adopt = (msg.result?.containers ?? []) as RuntimeContainer[]
      return
    }
    relisted(state, ctx, ((msg.result?.containers ?? []) as RuntimeContainer[]))
    return
  }
  if (cont?.exec) return execReplied(state, ctx, msg, cont.exec)
  const w = cont && state.pods[cont.uid]
  if (w) onCriReply(state, ctx, w, msg, cont)
}

function renewLease(state: KubeletState, ctx: Ctx): void {
  ctx.setTimer('lease', leaseRenewIntervalMs)
  if (!state.lease) {
    // A fresh process knows no resourceVersion: read the Lease first, renew on the next tick.
    apiRequest(state.client, ctx, 'get', `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${state.node}`, { do: 'lease' })
    return
  }
  const lease = { ...state.lease, spec: { ...(state.lease.spec as object), renewTime: microTime(ctx.startTimeMs + ctx.now) } }
  apiRequest(state.client, ctx, 'update', `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${state.node}`, { do: 'lease' }, { body: lease, ambient: true })
}

function relist(state: KubeletState, ctx: Ctx): void {
  ctx.setTimer('pleg', plegRelistPeriodMs)
  criCall(state, ctx, 'ListContainers', {}, { uid: '' }, { ambient: true })
}

/** The conditions a healthy kubelet reports (pkg/kubelet/nodestatus/setters.go). */
const healthy: Record<string, [status: string, reason: string, message: string]> = {
  MemoryPressure: ['False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  DiskPressure: ['False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  PIDPressure: ['False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
  Ready: ['True', 'KubeletReady', 'kubelet is posting ready status'],
}

/**
 * Every 10 s the kubelet computes node status; it PATCHes when a condition differs from what the
 * API holds (the node controller set it Unknown while the kubelet was away) or when the 5 m
 * report is due (tryUpdateNodeStatus).
 */
function nodeStatus(state: KubeletState, ctx: Ctx): void {
  ctx.setTimer('node-status', nodeStatusUpdateFrequencyMs)
  if (!state.node_) return
  const current = ((state.node_.status as { conditions?: Record<string, unknown>[] }).conditions ?? [])
  const changed = current.filter((c) => healthy[String(c.type)] && c.status !== healthy[String(c.type)]![0])
  if (changed.length === 0 && ctx.now - state.lastNodeReportMs < nodeStatusReportFrequencyMs) return
  state.lastNodeReportMs = ctx.now
  const now = rfc3339(ctx.startTimeMs + ctx.now)
  const conditions = current.map((c) => {
    const h = healthy[String(c.type)]
    if (!h || c.status === h[0]) return { type: c.type, lastHeartbeatTime: now }
    return { type: c.type, status: h[0], reason: h[1], message: h[2], lastHeartbeatTime: now, lastTransitionTime: now }
  })
  apiRequest(state.client, ctx, 'patch', `/api/v1/nodes/${state.node}/status`, { do: 'ignore' }, { body: { status: { conditions } }, ambient: changed.length === 0 })
  // recordNodeStatusEvent: a Ready condition that turns True is announced.
  if (changed.some((c) => c.type === 'Ready')) nodeEvent(state, ctx, 'NodeReady', `Node ${state.node} status is now: NodeReady`)
}

/**
 * The kubelet process starts (after a fault): its loops begin, it reads its Lease back, and it asks
 * the runtime what is still running so that its pod workers adopt those containers.
 */
function processStart(state: KubeletState, ctx: Ctx): void {
  ctx.setTimer('pleg', plegRelistPeriodMs)
  ctx.setTimer('node-status', 200)
  state.adopting = true
  criCall(state, ctx, 'ListContainers', {}, { uid: '' })
  // A new machine has no Node yet: register it; its Lease comes once the Node exists.
  if (state.register) registerNode(state, ctx)
  else renewLease(state, ctx)
}

export const kubelet: ActorDef<KubeletState> = {
  kind: 'kubelet',
  receive(state, msg, ctx) {
    if (msg.kind === 'watch.event') onWatch(state, msg, ctx)
    else if (msg.kind === 'apiserver.response') onResponse(state, msg, ctx)
    else if (msg.kind === 'cri.reply') onCri(state, msg, ctx)
    // kube-apiserver proxying `kubectl logs` to this kubelet's :10250.
    else if (msg.kind === 'apiserver.get' && msg.path.startsWith('/containerLogs/')) serveLogs(state, msg, ctx)
    // …and `kubectl exec`.
    else if (msg.kind === 'apiserver.create' && msg.path.startsWith('/exec/')) serveExec(state, msg, ctx)
    // The apiserver closed a followed log's connection.
    else if (msg.kind === 'watch.close') closeFollow(state, msg.watchId, ctx)
  },
  timer(state, name, data, ctx) {
    if (followTimer(state, name, ctx)) return
    if (name === 'lease') renewLease(state, ctx)
    else if (name === 'pleg') relist(state, ctx)
    else if (name === 'node-status') nodeStatus(state, ctx)
    else if (name === 'process-start') processStart(state, ctx)
    else if (name.startsWith('crash:') || name.startsWith('probe:') || name.startsWith('prestop:')) {
      const d = data as { uid: string; container: number; kind?: 'liveness' | 'readiness' | 'startup' }
      const w = state.pods[d.uid]
      if (!w) return
      if (name.startsWith('crash:')) crashBackoffDone(state, ctx, w, d.container)
      else if (name.startsWith('probe:')) runProbe(state, ctx, w, d.container, d.kind!)
      else preStopDone(state, ctx, w, d.container)
    } else if (name.startsWith('mountretry:')) {
      const w = state.pods[(data as { uid: string }).uid]
      if (w) retryMount(state, ctx, w)
    } else if (name.startsWith('configretry:')) {
      const d = data as { uid: string; container: number }
      const w = state.pods[d.uid]
      if (w) retryConfig(state, ctx, w, d.container)
    } else if (name.startsWith('backoff:')) {
      const d = data as { uid: string; container: number }
      const w = state.pods[d.uid]
      if (w) retryPull(state, ctx, w, d.container)
    }
  },
}
