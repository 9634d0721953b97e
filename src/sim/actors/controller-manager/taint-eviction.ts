/**
 * The taint-eviction controller (pkg/controller/tainteviction/taint_eviction.go, a controller of
 * its own since v1.29; FIDELITY.md §3.3). For a pod on a node with NoExecute taints: a taint the
 * pod does not tolerate deletes it now; tolerated taints delete it after the smallest
 * `tolerationSeconds` of the tolerations used (300 s from DefaultTolerationSeconds); a toleration
 * without seconds keeps it forever. If the taints go first, the deletion is cancelled. Before the
 * DELETE the pod gets the `DisruptionTarget` condition (PodDisruptionConditions, GA in v1.31).
 * It reuses node-controller's credentials ("taint-manager uses existing cluster role from
 * node-controller", kube-controller-manager's controller descriptor).
 */
import type { Ctx } from '../../engine/actor.ts'
import type { WatchEventMessage } from '../../messages.ts'
import { rfc3339 } from '../../k8s/meta.ts'
import type { KObject, Taint } from '../../protocol.ts'
import { apiRequest, type ApiClient } from '../client/api-client.ts'
import { recordEvent } from '../client/events.ts'
import { cacheKey, type Cache } from '../client/informer.ts'

const asUser = 'system:serviceaccount:kube-system:node-controller'
const component = 'taint-eviction-controller'

export interface TaintEvictionState {
  /** Pod key → virtual ms its deletion is due. */
  scheduled: Record<string, number>
}

interface Toleration {
  key?: string
  operator?: string
  value?: string
  effect?: string
  tolerationSeconds?: number
}

interface Shared {
  nodes: Cache
  pods: Cache
  eviction: TaintEvictionState
}

function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false
  if (t.key && t.key !== taint.key) return false
  if (!t.key && t.operator !== 'Exists') return false
  if (t.operator === 'Exists') return true
  return (t.value ?? '') === (taint.value ?? '')
}

function noExecuteTaints(node: KObject | undefined): Taint[] {
  return ((node?.spec as { taints?: Taint[] } | undefined)?.taints ?? []).filter((t) => t.effect === 'NoExecute')
}

/** -1: never evict; otherwise ms after which the pod goes (getMinTolerationTime). */
function evictAfterMs(pod: KObject, taints: Taint[]): number | 'now' {
  const tolerations = ((pod.spec as { tolerations?: Toleration[] }).tolerations ?? []) as Toleration[]
  const used: Toleration[] = []
  for (const taint of taints) {
    const t = tolerations.filter((x) => tolerates(x, taint))
    if (t.length === 0) return 'now'
    used.push(...t)
  }
  const seconds = used.filter((t) => t.tolerationSeconds !== undefined).map((t) => Math.max(0, t.tolerationSeconds!))
  return seconds.length ? Math.min(...seconds) * 1000 : -1
}

function timerName(key: string): string {
  return `taint-evict:${key}`
}

function cancel(s: Shared, client: ApiClient<{ do: 'ignore' }>, ctx: Ctx, key: string, pod: KObject | undefined): void {
  if (!(key in s.eviction.scheduled)) return
  delete s.eviction.scheduled[key]
  ctx.cancelTimer(timerName(key))
  if (pod) recordEvent(client, ctx, { involved: pod, type: 'Normal', reason: 'TaintManagerEviction', message: `Cancelling deletion of Pod ${key}`, component, asUser }, { do: 'ignore' })
}

function evictNow(client: ApiClient<{ do: 'ignore' }>, ctx: Ctx, pod: KObject): void {
  const key = cacheKey(pod)
  const ns = String(pod.metadata.namespace)
  const name = String(pod.metadata.name)
  recordEvent(client, ctx, { involved: pod, type: 'Normal', reason: 'TaintManagerEviction', message: `Marking for deletion Pod ${key}`, component, asUser }, { do: 'ignore' })
  const condition = {
    type: 'DisruptionTarget',
    status: 'True',
    lastProbeTime: null,
    lastTransitionTime: rfc3339(ctx.startTimeMs + ctx.now),
    reason: 'DeletionByTaintManager',
    message: 'Taint manager: deleting due to NoExecute taint',
  }
  apiRequest(client, ctx, 'patch', `/api/v1/namespaces/${ns}/pods/${name}/status`, { do: 'ignore' }, { body: { status: { conditions: [condition] } }, asUser })
  apiRequest(client, ctx, 'delete', `/api/v1/namespaces/${ns}/pods/${name}`, { do: 'ignore' }, { body: { kind: 'DeleteOptions', apiVersion: 'v1' }, asUser })
}

function processPod(s: Shared, client: ApiClient<{ do: 'ignore' }>, ctx: Ctx, pod: KObject): void {
  const key = cacheKey(pod)
  const nodeName = (pod.spec as { nodeName?: string }).nodeName
  if (!nodeName || pod.metadata.deletionTimestamp) {
    if (pod.metadata.deletionTimestamp && key in s.eviction.scheduled) {
      delete s.eviction.scheduled[key]
      ctx.cancelTimer(timerName(key))
    }
    return
  }
  const taints = noExecuteTaints(s.nodes[nodeName])
  if (taints.length === 0) {
    cancel(s, client, ctx, key, pod)
    return
  }
  const after = evictAfterMs(pod, taints)
  if (after === 'now') {
    delete s.eviction.scheduled[key]
    ctx.cancelTimer(timerName(key))
    evictNow(client, ctx, pod)
    return
  }
  if (after < 0) {
    cancel(s, client, ctx, key, pod)
    return
  }
  const due = ctx.now + after
  // An eviction already scheduled earlier stays (processPodOnNode keeps the older CreatedAt).
  if (key in s.eviction.scheduled && s.eviction.scheduled[key]! <= due) return
  s.eviction.scheduled[key] = due
  ctx.setTimer(timerName(key), after, { key })
}

export function onTaintEvictionWatch(s: Shared, client: ApiClient<{ do: 'ignore' }>, msg: WatchEventMessage, ctx: Ctx): void {
  const o = msg.object
  if (o.kind === 'Pod') {
    const key = cacheKey(o)
    if (msg.type === 'DELETED') {
      delete s.eviction.scheduled[key]
      ctx.cancelTimer(timerName(key))
    } else processPod(s, client, ctx, o)
  } else if (o.kind === 'Node' && msg.type !== 'DELETED') {
    const name = String(o.metadata.name)
    // A node without NoExecute taints can only cancel evictions already scheduled: only those pods
    // need a look, not every pod in the cache (a node update is handled by its taints,
    // taint_eviction.go handleNodeUpdate).
    const keys = noExecuteTaints(o).length ? Object.keys(s.pods) : Object.keys(s.eviction.scheduled)
    for (const key of keys.sort()) {
      const pod = s.pods[key]
      if (pod && (pod.spec as { nodeName?: string }).nodeName === name) processPod(s, client, ctx, pod)
    }
  }
}

export function taintEvictionTimer(s: Shared, client: ApiClient<{ do: 'ignore' }>, name: string, data: unknown, ctx: Ctx): boolean {
  if (!name.startsWith('taint-evict:')) return false
  const key = (data as { key: string }).key
  delete s.eviction.scheduled[key]
  const pod = s.pods[key]
  if (pod && !pod.metadata.deletionTimestamp) evictNow(client, ctx, pod)
  return true
}
