/**
 * kube-scheduler: watches pods and nodes; takes each unscheduled pod off the active queue, runs a
 * scheduling cycle (filter, score, select), assumes the pod on the chosen node so the next cycle
 * counts it, and binds it through `pods/binding` (FIDELITY.md §1.1 phase D, §2).
 */
import type { ActorDef, Ctx } from '../../engine/actor.ts'
import type { ApiResponse, WatchEventMessage } from '../../messages.ts'
import { rfc3339 } from '../../k8s/meta.ts'
import type { KObject } from '../../protocol.ts'
import { apiRequest, newApiClient, takeResponse, type ApiClient } from '../client/api-client.ts'
import { recordEvent } from '../client/events.ts'
import { applyWatchEvent, cacheKey, type Cache } from '../client/informer.ts'
import { decide, decisionStages, type Decision } from './decide.ts'
import { nodeInfo } from './node-info.ts'

type Cont = { do: 'bind'; pod: string; node: string } | { do: 'ignore' }

export interface SchedulerState {
  client: ApiClient<Cont>
  nodes: Cache
  pods: Cache
  /** Pods assumed on a node while their binding is in flight. */
  assumed: Record<string, string>
  /** Pod keys waiting for a cycle, in arrival order (all priority 0: PrioritySort keeps FIFO). */
  activeQ: string[]
  /** Failed attempts per pod, for the backoff. */
  attempts: Record<string, number>
  /** Pods that found no node, waiting for a cluster event. */
  unschedulable: string[]
  /** The flow that put each pod in the queue: the cause of its binding. */
  causes: Record<string, string | null>
  /** The last decision per pod, for the inspector. */
  decisions: Record<string, Decision>
}

export function newSchedulerState(apiserver: string): SchedulerState {
  return { client: newApiClient<Cont>(apiserver), nodes: {}, pods: {}, assumed: {}, activeQ: [], attempts: {}, unschedulable: [], causes: {}, decisions: {} }
}

/** A scheduling cycle takes a few ms (FIDELITY.md §6: ≈1–10 ms per pod). */
function cycleDelayMs(ctx: Ctx): number {
  return 2 + Math.floor(ctx.random() * 4)
}

/** podInitialBackoffSeconds 1, podMaxBackoffSeconds 10 (scheduler config v1 defaults). */
function backoffMs(attempts: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempts - 1), 10_000)
}

function needsScheduling(pod: KObject): boolean {
  const spec = pod.spec as { nodeName?: string; schedulerName?: string }
  return !spec.nodeName && (spec.schedulerName ?? 'default-scheduler') === 'default-scheduler' && !pod.metadata.deletionTimestamp
}

function enqueue(state: SchedulerState, ctx: Ctx, key: string): void {
  if (state.activeQ.includes(key) || key in state.assumed) return
  state.activeQ.push(key)
  state.causes[key] = ctx.causeId
  if (!ctx.hasTimer('cycle')) ctx.setTimer('cycle', cycleDelayMs(ctx))
}

/** Node or pod-deletion events may make parked pods schedulable: move them back. */
function requeueUnschedulable(state: SchedulerState, ctx: Ctx): void {
  const parked = state.unschedulable
  state.unschedulable = []
  for (const key of parked) ctx.setTimer(`retry:${key}`, backoffMs(state.attempts[key] ?? 1), key)
}

function onWatch(state: SchedulerState, msg: WatchEventMessage, ctx: Ctx): void {
  if (msg.object.kind === 'Node') {
    applyWatchEvent(state.nodes, msg)
    if (msg.type !== 'DELETED') requeueUnschedulable(state, ctx)
    return
  }
  const key = cacheKey(msg.object)
  const old = applyWatchEvent(state.pods, msg)
  if (msg.type === 'DELETED') {
    delete state.assumed[key]
    state.activeQ = state.activeQ.filter((k) => k !== key)
    state.unschedulable = state.unschedulable.filter((k) => k !== key)
    if ((old?.spec as { nodeName?: string } | undefined)?.nodeName) requeueUnschedulable(state, ctx)
    return
  }
  // The informer confirms an assumed pod once it sees it bound.
  if ((msg.object.spec as { nodeName?: string }).nodeName) delete state.assumed[key]
  else if (needsScheduling(msg.object) && !state.unschedulable.includes(key)) enqueue(state, ctx, key)
}

function podsOn(state: SchedulerState, node: string): KObject[] {
  const out: KObject[] = []
  for (const [key, pod] of Object.entries(state.pods)) {
    const bound = (pod.spec as { nodeName?: string }).nodeName
    if (bound === node || state.assumed[key] === node) out.push(pod)
  }
  return out
}

function scheduleOne(state: SchedulerState, ctx: Ctx): void {
  const key = state.activeQ.shift()
  if (state.activeQ.length) ctx.setTimer('cycle', cycleDelayMs(ctx))
  if (!key) return
  const pod = state.pods[key]
  if (!pod || !needsScheduling(pod)) return
  const names = Object.keys(state.nodes).sort()
  const infos = names.map((n) => nodeInfo(state.nodes[n]!, podsOn(state, n)))
  const d = decide(key, pod, infos, ctx.random)
  state.decisions[key] = d
  const cause = state.causes[key] ?? null
  if (!d.winner) return fail(state, ctx, key, pod, d, cause)
  state.assumed[key] = d.winner
  const ns = pod.metadata.namespace
  const name = String(pod.metadata.name)
  apiRequest(state.client, ctx, 'create', `/api/v1/namespaces/${ns}/pods/${name}/binding`, { do: 'bind', pod: key, node: d.winner }, {
    body: {
      kind: 'Binding',
      apiVersion: 'v1',
      metadata: { name, namespace: ns, uid: pod.metadata.uid },
      target: { kind: 'Node', name: d.winner },
    },
    causeId: cause,
    ambient: false,
    stages: decisionStages(d),
  })
}

/** FailedScheduling: a Warning event and PodScheduled=False on the pod, then wait and retry. */
function fail(state: SchedulerState, ctx: Ctx, key: string, pod: KObject, d: Decision, cause: string | null): void {
  state.attempts[key] = (state.attempts[key] ?? 0) + 1
  state.unschedulable.push(key)
  const opts = { causeId: cause, ambient: false }
  recordEvent(state.client, ctx, { involved: pod, type: 'Warning', reason: 'FailedScheduling', message: d.message!, component: 'default-scheduler', action: 'Scheduling' }, { do: 'ignore' }, opts)
  apiRequest(state.client, ctx, 'patch', `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}/status`, { do: 'ignore' }, {
    body: {
      status: {
        conditions: [
          { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: d.message, lastProbeTime: null, lastTransitionTime: rfc3339(ctx.startTimeMs + ctx.now) },
        ],
      },
    },
    ...opts,
  })
}

function onResponse(state: SchedulerState, msg: ApiResponse, ctx: Ctx): void {
  const cont = takeResponse(state.client, msg)
  if (!cont || cont.do !== 'bind') return
  const pod = state.pods[cont.pod]
  if (msg.code !== 201) {
    // Bind failed: forget the assumed pod and try again after a backoff.
    delete state.assumed[cont.pod]
    state.attempts[cont.pod] = (state.attempts[cont.pod] ?? 0) + 1
    ctx.setTimer(`retry:${cont.pod}`, backoffMs(state.attempts[cont.pod]!), cont.pod)
    return
  }
  delete state.attempts[cont.pod]
  if (!pod) return
  const ns = pod.metadata.namespace
  recordEvent(state.client, ctx, {
    involved: pod,
    type: 'Normal',
    reason: 'Scheduled',
    message: `Successfully assigned ${ns}/${pod.metadata.name} to ${cont.node}`,
    component: 'default-scheduler',
    action: 'Binding',
  }, { do: 'ignore' })
}

export const scheduler: ActorDef<SchedulerState> = {
  kind: 'kube-scheduler',
  receive(state, msg, ctx) {
    if (msg.kind === 'watch.event') onWatch(state, msg, ctx)
    else if (msg.kind === 'apiserver.response') onResponse(state, msg, ctx)
  },
  timer(state, name, data, ctx) {
    if (name === 'cycle') scheduleOne(state, ctx)
    else if (name.startsWith('retry:')) {
      const key = String(data)
      state.unschedulable = state.unschedulable.filter((k) => k !== key)
      const pod = state.pods[key]
      if (pod && needsScheduling(pod)) enqueue(state, ctx, key)
    }
  },
}
