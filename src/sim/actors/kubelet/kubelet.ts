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
import { criCall } from './cri.ts'
import { onCriReply, patchStatus, retryPull, sendFinalDelete, sendFinalStatus, startPod, terminatePod, volumesReady } from './pod-worker.ts'
import type { ApiCont, KubeletState, RuntimeContainer } from './state.ts'

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
  if (obj.kind === 'Node') {
    state.node_ = msg.type === 'DELETED' ? null : obj
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
    if (w && msg.code === 201) volumesReady(state, ctx, w)
  } else if (cont.do === 'final-status') {
    const w = state.pods[cont.uid]
    if (w) sendFinalDelete(state, ctx, w)
  } else if (cont.do === 'lease' && msg.code === 200) state.lease = msg.body as KObject
}

/** PLEG: compare the runtime's containers with what each pod worker saw last. */
function relisted(state: KubeletState, ctx: Ctx, containers: RuntimeContainer[]): void {
  for (const w of Object.values(state.pods)) {
    let cause: string | null | undefined
    for (const c of containers) {
      if (c.podUid !== w.uid) continue
      const before = w.seen[c.name]
      if (!before || before.state !== c.state || before.id !== c.id) cause = c.changedBy
      w.seen[c.name] = c
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
    relisted(state, ctx, ((msg.result?.containers ?? []) as RuntimeContainer[]))
    return
  }
  const w = cont && state.pods[cont.uid]
  if (w) onCriReply(state, ctx, w, msg, cont.container)
}

function renewLease(state: KubeletState, ctx: Ctx): void {
  ctx.setTimer('lease', leaseRenewIntervalMs)
  if (!state.lease) return
  const lease = { ...state.lease, spec: { ...(state.lease.spec as object), renewTime: microTime(ctx.startTimeMs + ctx.now) } }
  apiRequest(state.client, ctx, 'update', `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${state.node}`, { do: 'lease' }, { body: lease, ambient: true })
}

function relist(state: KubeletState, ctx: Ctx): void {
  ctx.setTimer('pleg', plegRelistPeriodMs)
  criCall(state, ctx, 'ListContainers', {}, { uid: '' }, { ambient: true })
}

/** Every 10 s the kubelet computes node status; it PATCHes only when the 5 m report is due. */
function nodeStatus(state: KubeletState, ctx: Ctx): void {
  ctx.setTimer('node-status', nodeStatusUpdateFrequencyMs)
  if (ctx.now - state.lastNodeReportMs < nodeStatusReportFrequencyMs || !state.node_) return
  state.lastNodeReportMs = ctx.now
  const now = rfc3339(ctx.startTimeMs + ctx.now)
  const conditions = ((state.node_.status as { conditions?: Record<string, unknown>[] }).conditions ?? []).map((c) => ({ type: c.type, lastHeartbeatTime: now }))
  apiRequest(state.client, ctx, 'patch', `/api/v1/nodes/${state.node}/status`, { do: 'ignore' }, { body: { status: { conditions } }, ambient: true })
}

export const kubelet: ActorDef<KubeletState> = {
  kind: 'kubelet',
  receive(state, msg, ctx) {
    if (msg.kind === 'watch.event') onWatch(state, msg, ctx)
    else if (msg.kind === 'apiserver.response') onResponse(state, msg, ctx)
    else if (msg.kind === 'cri.reply') onCri(state, msg, ctx)
  },
  timer(state, name, data, ctx) {
    if (name === 'lease') renewLease(state, ctx)
    else if (name === 'pleg') relist(state, ctx)
    else if (name === 'node-status') nodeStatus(state, ctx)
    else if (name.startsWith('backoff:')) {
      const d = data as { uid: string; container: number }
      const w = state.pods[d.uid]
      if (w) retryPull(state, ctx, w, d.container)
    }
  },
}
