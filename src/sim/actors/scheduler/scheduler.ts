/**
 * kube-scheduler: watches pods, nodes and the owners of pods; takes each pending pod off activeQ,
 * runs a scheduling cycle (filter, score, select), assumes the pod on the chosen node so the next
 * cycle counts it, and binds it through `pods/binding` (FIDELITY.md §1.1 phase D, §2). When no
 * node fits it runs DefaultPreemption, records FailedScheduling, sets PodScheduled=False and
 * parks the pod until a cluster event or its backoff lets it try again.
 */
import type { ActorDef, Ctx } from '../../engine/actor.ts'
import { rfc3339 } from '../../k8s/meta.ts'
import type { ApiResponse } from '../../messages.ts'
import type { KObject } from '../../protocol.ts'
import { apiRequest, takeResponse } from '../client/api-client.ts'
import { recordEvent } from '../client/events.ts'
import type { ElectionConfig } from '../leader-election.ts'
import { newCycle } from './cycle.ts'
import { fitErrorMessage, schedulePod, type Decision } from './decide.ts'
import { lazyDecisionStages } from './decision-view.ts'
import { answerHealthz } from '../healthz.ts'
import { storeDecision } from './decision-store.ts'
import { addPod as cachePod, removePod as uncachePod } from './node-info.ts'
import { preempt } from './preemption.ts'
import { filterPlugins } from './profile.ts'
import { addPod as addToQueue, addUnschedulable, backoffCompleted, done, moveOnEvent, pop } from './queue.ts'
import type { SchedulerState } from './state.ts'
import { armBackoff, armLeftover, cycleDelayMs, kick } from './timers.ts'
import { podPriority } from './types.ts'
import { needsScheduling, onWatch, setNominated } from './watch.ts'

export { newSchedulerState, seedNode, type SchedulerState } from './state.ts'

function podPath(pod: KObject, sub = ''): string {
  return `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}${sub}`
}

/** Pods handed over at bootstrap join the queue as if their ADDED had arrived. */
function drainInbox(state: SchedulerState, ctx: Ctx): void {
  for (const key of state.activeQ) {
    const pod = state.pods[key]
    if (pod && needsScheduling(pod) && addToQueue(state.queue, key, podPriority(pod), ctx.now)) state.causes[key] ??= null
  }
  state.activeQ = []
}

function scheduleOne(state: SchedulerState, ctx: Ctx): void {
  if (state.activeQ.length) drainInbox(state, ctx)
  const key = pop(state.queue)
  if (state.queue.activeQ.length) ctx.setTimer('cycle', cycleDelayMs(ctx))
  if (key === undefined) return
  const pod = state.pods[key]
  if (!pod || !needsScheduling(pod)) {
    done(state.queue, key)
    return
  }
  const c = newCycle(key, pod, state.pods, state.cache, state.owners, state.cfg, state.nominated)
  const nominated = (pod.status as { nominatedNodeName?: string } | undefined)?.nominatedNodeName
  const meta: { atMs: number; attempt: number; startIndex: number; nominated?: string } = {
    atMs: ctx.now,
    attempt: state.queue.info[key]!.attempts,
    startIndex: state.nextStartNodeIndex,
  }
  if (nominated) meta.nominated = nominated
  const { decision: d, nextStartIndex } = schedulePod(c, meta, ctx.random)
  state.nextStartNodeIndex = nextStartIndex
  const cause = state.causes[key] ?? null
  if (!d.winner) {
    fail(state, ctx, key, pod, d, c, cause)
    // Kept once PostFilter has added the preemption outcome and the message.
    state.decisions[key] = storeDecision(d)
    return
  }
  const stored = (state.decisions[key] = storeDecision(d))
  // Assume: the next cycle counts this pod on its node before the binding lands.
  done(state.queue, key)
  state.assumed[key] = d.winner
  cachePod(state.cache, key, pod, d.winner)
  setNominated(state, key, undefined)
  const ns = pod.metadata.namespace
  const name = String(pod.metadata.name)
  apiRequest(state.client, ctx, 'create', podPath(pod, '/binding'), { do: 'bind', pod: key, node: d.winner }, {
    body: {
      kind: 'Binding',
      apiVersion: 'v1',
      metadata: { name, namespace: ns, uid: pod.metadata.uid },
      target: { kind: 'Node', name: d.winner },
    },
    causeId: cause,
    ambient: false,
    stages: lazyDecisionStages(stored),
  })
}

/**
 * No node fits: PostFilter (DefaultPreemption), then the FailedScheduling event and the status
 * PATCH with PodScheduled=False (and nominatedNodeName when preemption found room), then park.
 */
function fail(state: SchedulerState, ctx: Ctx, key: string, pod: KObject, d: Decision, c: ReturnType<typeof newCycle>, cause: string | null): void {
  const opts = { causeId: cause, ambient: false }
  if (d.nodesTotal > 0) {
    const p = preempt(c, d, ctx.random)
    d.preemption = { ...(p.nominatedNode ? { nominatedNode: p.nominatedNode } : {}), victims: p.victims, message: p.message }
    d.message = fitErrorMessage(d, p.message)
    if (p.nominatedNode) {
      preemptVictims(state, ctx, pod, p.nominatedNode, p.victims, opts)
      clearLowerNominations(state, ctx, key, c.priority, p.nominatedNode, opts)
    }
  }
  const message = d.message ?? ''
  const nominated = d.preemption?.nominatedNode
  recordEvent(
    state.client,
    ctx,
    { involved: pod, type: 'Warning', reason: 'FailedScheduling', message, component: 'default-scheduler', action: 'Scheduling' },
    { do: 'ignore' },
    opts,
  )
  const condition = {
    type: 'PodScheduled',
    status: 'False',
    reason: 'Unschedulable',
    message,
    lastProbeTime: null,
    lastTransitionTime: rfc3339(ctx.startTimeMs + ctx.now),
  }
  apiRequest(state.client, ctx, 'patch', podPath(pod, '/status'), { do: 'ignore' }, {
    body: { status: { conditions: [condition], ...(nominated ? { nominatedNodeName: nominated } : {}) } },
    ...opts,
  })
  if (nominated) setNominated(state, key, nominated)
  const plugins = [...new Set(Object.values(d.failed).map((f) => filterPlugins[f.plugin]!.name))]
  const where = addUnschedulable(state.queue, key, ctx.now, plugins)
  if (where === 'backoff') armBackoff(state, ctx, key)
  else armLeftover(ctx, key)
}

/** prepareCandidate: mark each victim DisruptionTarget, delete it, and say why on the victim. */
function preemptVictims(state: SchedulerState, ctx: Ctx, preemptor: KObject, node: string, victims: string[], opts: { causeId: string | null; ambient: boolean }): void {
  const schedulerName = (preemptor.spec as { schedulerName?: string }).schedulerName ?? 'default-scheduler'
  for (const key of victims) {
    const victim = state.pods[key]
    if (!victim) continue
    apiRequest(state.client, ctx, 'patch', podPath(victim, '/status'), { do: 'ignore' }, {
      body: {
        status: {
          conditions: [
            {
              type: 'DisruptionTarget',
              status: 'True',
              reason: 'PreemptionByScheduler',
              message: `${schedulerName}: preempting to accommodate a higher priority pod`,
              lastProbeTime: null,
              lastTransitionTime: rfc3339(ctx.startTimeMs + ctx.now),
            },
          ],
        },
      },
      ...opts,
    })
    apiRequest(state.client, ctx, 'delete', podPath(victim), { do: 'ignore' }, opts)
    recordEvent(
      state.client,
      ctx,
      {
        involved: victim,
        type: 'Normal',
        reason: 'Preempted',
        message: `Preempted by pod ${preemptor.metadata.uid} on node ${node}`,
        component: 'default-scheduler',
        action: 'Preempting',
      },
      { do: 'ignore' },
      opts,
    )
  }
}

/** Lower-priority pods nominated to the node lose that nomination (prepareCandidate). */
function clearLowerNominations(state: SchedulerState, ctx: Ctx, self: string, priority: number, node: string, opts: { causeId: string | null; ambient: boolean }): void {
  for (const key of state.nominated[node] ?? []) {
    const other = state.pods[key]
    if (key === self || !other || podPriority(other) >= priority) continue
    apiRequest(state.client, ctx, 'patch', podPath(other, '/status'), { do: 'ignore' }, { body: { status: { nominatedNodeName: null } }, ...opts })
  }
}

function onResponse(state: SchedulerState, msg: ApiResponse, ctx: Ctx): void {
  const cont = takeResponse(state.client, msg)
  if (!cont || cont.do !== 'bind') return
  const pod = state.pods[cont.pod]
  if (msg.code !== 201) {
    // Bind failed: forget the assumed pod and retry after a backoff.
    if (state.assumed[cont.pod] && pod) uncachePod(state.cache, cont.pod, pod)
    delete state.assumed[cont.pod]
    if (!pod || !needsScheduling(pod)) return
    const attempts = state.decisions[cont.pod]?.attempt ?? 1
    state.queue.info[cont.pod] = { priority: podPriority(pod), timestamp: ctx.now, attempts, unschedulablePlugins: [], where: 'backoff' }
    armBackoff(state, ctx, cont.pod)
    return
  }
  if (!pod) return
  recordEvent(
    state.client,
    ctx,
    {
      involved: pod,
      type: 'Normal',
      reason: 'Scheduled',
      message: `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${cont.node}`,
      component: 'default-scheduler',
      action: 'Binding',
    },
    { do: 'ignore' },
  )
}

/**
 * kube-scheduler's leader election (cmd/kube-scheduler/app): its informers start before it
 * campaigns, its cycles only once it leads, and a SIGTERM releases the Lease (ReleaseOnCancel).
 * Its Events about the Lease come from the first profile's name, `default-scheduler`.
 */
export const schedulerElection: ElectionConfig<SchedulerState> = {
  lease: 'kube-scheduler',
  component: 'default-scheduler',
  releaseOnCancel: true,
  informersFirst: true,
  gated: (timer) => timer === 'cycle',
  onStartedLeading: kick,
}

export const scheduler: ActorDef<SchedulerState> = {
  kind: 'kube-scheduler',
  receive(state, msg, ctx) {
    if (msg.kind === 'watch.event') onWatch(state, msg, ctx)
    else if (msg.kind === 'apiserver.response') onResponse(state, msg, ctx)
    else answerHealthz(msg, ctx)
  },
  timer(state, name, data, ctx) {
    if (name === 'cycle') return scheduleOne(state, ctx)
    const key = String(data)
    if (name.startsWith('backoff:')) {
      if (backoffCompleted(state.queue, key)) kick(state, ctx)
    } else if (name.startsWith('leftover:')) {
      for (const k of moveOnEvent(state.queue, 'UnschedulableTimeout', ctx.now, (k) => k === key)) armBackoff(state, ctx, k)
      kick(state, ctx)
    }
  },
}

