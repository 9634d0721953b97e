/**
 * The scheduler's informers (pkg/scheduler/eventhandlers.go): keep the pod, node and owner caches
 * and the scheduler cache current, queue pods that need a node, and turn changes into the
 * cluster events that let parked pods try again.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { WatchEventMessage } from '../../messages.ts'
import type { KObject } from '../../protocol.ts'
import { applyWatchEvent, cacheKey } from '../client/informer.ts'
import { addPod as cachePod, removeNode, removePod as uncachePod, upsertNode } from './node-info.ts'
import { hostPorts, podRequests } from './pod-resources.ts'
import { addPod as queuePod, done, moveOnEvent, type ClusterEvent } from './queue.ts'
import { nodeChangeMayHelp, type NodeChange } from './queueing-hints.ts'
import type { SchedulerState } from './state.ts'
import { armBackoff, kick } from './timers.ts'
import { podPriority } from './types.ts'

export function needsScheduling(pod: KObject): boolean {
  const spec = pod.spec as { nodeName?: string; schedulerName?: string }
  return !spec.nodeName && (spec.schedulerName ?? 'default-scheduler') === 'default-scheduler' && !pod.metadata.deletionTimestamp
}

function nodeOf(pod: KObject): string | undefined {
  return (pod.spec as { nodeName?: string } | undefined)?.nodeName || undefined
}

function nominatedOf(pod: KObject | undefined): string | undefined {
  return (pod?.status as { nominatedNodeName?: string } | undefined)?.nominatedNodeName || undefined
}

export function setNominated(state: SchedulerState, key: string, node: string | undefined): void {
  for (const n in state.nominated) {
    const list = state.nominated[n]!.filter((k) => k !== key)
    if (list.length) state.nominated[n] = list
    else delete state.nominated[n]
  }
  if (node) (state.nominated[node] ??= []).push(key)
}

export function move(state: SchedulerState, ctx: Ctx, event: ClusterEvent, node?: NodeChange): void {
  if (!Object.keys(state.queue.parked).length) {
    state.queue.moveRequestCycle = state.queue.schedulingCycle
    return
  }
  const mayHelp = node
    ? (plugin: string, key: string): boolean => {
        const pod = state.pods[key]
        return pod ? nodeChangeMayHelp(plugin, pod, node) : true
      }
    : undefined
  for (const key of moveOnEvent(state.queue, event, ctx.now, undefined, mayHelp)) armBackoff(state, ctx, key)
  kick(state, ctx)
}

function nodeEvents(old: KObject, now: KObject): ClusterEvent[] {
  const out: ClusterEvent[] = []
  const j = (v: unknown): string => JSON.stringify(v ?? null)
  if (j(old.metadata.labels) !== j(now.metadata.labels)) out.push('NodeLabel')
  const os = old.spec as { taints?: unknown; unschedulable?: unknown } | undefined
  const ns = now.spec as { taints?: unknown; unschedulable?: unknown } | undefined
  if (j(os?.taints) !== j(ns?.taints) || j(os?.unschedulable) !== j(ns?.unschedulable)) out.push('NodeTaint')
  const alloc = (o: KObject): unknown => (o.status as { allocatable?: unknown } | undefined)?.allocatable
  if (j(alloc(old)) !== j(alloc(now))) out.push('NodeAllocatable')
  return out
}

function onNode(state: SchedulerState, msg: WatchEventMessage, ctx: Ctx): void {
  const old = applyWatchEvent(state.nodes, msg)
  if (msg.type === 'DELETED') {
    removeNode(state.cache, String(msg.object.metadata.name))
    return
  }
  upsertNode(state.cache, msg.object)
  // ADDED also for a node seeded at bootstrap or re-listed after a restart: NodeAdd either way.
  const events = msg.type === 'ADDED' || !old ? ['NodeAdd' as const] : nodeEvents(old, msg.object)
  const change: NodeChange = old ? { old, now: msg.object } : { now: msg.object }
  for (const e of events) move(state, ctx, e, change)
}

/**
 * Compared only for a pod that was bound before (a binding's own update needs no look). Keys in
 * order and values, as comparing their JSON texts would, without writing two texts for each of
 * the kubelet's status updates.
 */
function labelsChanged(old: KObject, now: KObject): boolean {
  const a = old.metadata.labels ?? {}
  const b = now.metadata.labels ?? {}
  if (a === b) return false
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.length !== kb.length) return true
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i] || a[ka[i]!] !== b[kb[i]!]) return true
  return false
}

/**
 * The new version counts on its node exactly as the old one did: same node, same requests (one
 * worked-out record: pod-resources.ts keys it on the containers a binding keeps), same labels,
 * no host ports or pod (anti-)affinity. Then taking it off and adding it back (the cache's
 * updatePod) would change nothing but the node's generation, so the informer's update, nearly
 * always an assumed pod's binding coming back, leaves the node as it is.
 */
function countsAlike(state: SchedulerState, key: string, old: KObject, now: KObject): boolean {
  const node = state.cache.podNode[key]
  if (node === undefined || node !== (nodeOf(now) ?? state.assumed[key])) return false
  if (podRequests(old) !== podRequests(now) || old.metadata.labels !== now.metadata.labels) return false
  // PodTopologySpread's carried counts skip terminating pods: a deletion must bump the generation.
  if (!old.metadata.deletionTimestamp !== !now.metadata.deletionTimestamp) return false
  const a = old.spec as { affinity?: unknown } | undefined
  const b = now.spec as { affinity?: unknown } | undefined
  return !a?.affinity && !b?.affinity && !hostPorts(old).length && !hostPorts(now).length
}

function onPod(state: SchedulerState, msg: WatchEventMessage, ctx: Ctx): void {
  const key = cacheKey(msg.object)
  const old = applyWatchEvent(state.pods, msg)
  if (old && (msg.type === 'DELETED' || !countsAlike(state, key, old, msg.object))) uncachePod(state.cache, key, old)
  if (msg.type === 'DELETED') {
    delete state.assumed[key]
    delete state.decisions[key]
    delete state.causes[key]
    setNominated(state, key, undefined)
    done(state.queue, key)
    if (old && nodeOf(old)) move(state, ctx, 'AssignedPodDelete')
    return
  }
  const pod = msg.object
  const bound = nodeOf(pod)
  if (bound) {
    // The informer confirms an assumed pod once it sees it bound.
    delete state.assumed[key]
    // A bound pod is never scheduled again (spec.nodeName cannot be unset): its cause is done
    // with, and every checkpoint copied it (3,000 keys over a 3,000-pod run).
    delete state.causes[key]
    setNominated(state, key, undefined)
    done(state.queue, key)
    cachePod(state.cache, key, pod, bound)
    if (!old || !nodeOf(old)) move(state, ctx, 'AssignedPodAdd')
    else if (labelsChanged(old, pod)) move(state, ctx, 'AssignedPodUpdate')
    return
  }
  const assumedOn = state.assumed[key]
  if (assumedOn) cachePod(state.cache, key, pod, assumedOn)
  setNominated(state, key, nominatedOf(pod))
  if (!needsScheduling(pod)) {
    done(state.queue, key)
    return
  }
  if (!assumedOn && queuePod(state.queue, key, podPriority(pod), ctx.now)) {
    state.causes[key] = ctx.causeId
    kick(state, ctx)
  }
}

/** Services and workload controllers only feed PodTopologySpread's default selector. */
function onOwner(state: SchedulerState, msg: WatchEventMessage): void {
  const byKind: Record<string, keyof SchedulerState['owners']> = {
    Service: 'services',
    ReplicaSet: 'replicasets',
    StatefulSet: 'statefulsets',
    ReplicationController: 'replicationcontrollers',
  }
  const which = byKind[msg.object.kind]
  if (which) applyWatchEvent(state.owners[which], msg)
}

export function onWatch(state: SchedulerState, msg: WatchEventMessage, ctx: Ctx): void {
  if (msg.object.kind === 'Node') onNode(state, msg, ctx)
  else if (msg.object.kind === 'Pod') onPod(state, msg, ctx)
  else onOwner(state, msg)
}
