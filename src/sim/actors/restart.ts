/**
 * What a component does when its process starts again after a fault: it has lost everything it
 * held in memory, so each of its informers LISTs what it watches, feeds the items to the
 * component as ADDED (client-go's reflector: list, Replace, then watch), and opens its WATCH
 * again. Every step is a real request, so a restart is visible as a burst of flows.
 *
 * The wrapper sits around any component's `ActorDef`; the component's own code sees only the
 * `restartTimer` (to do its own start-up work, e.g. a kubelet asking its runtime what runs) and the
 * watch events.
 */
import type { ActorDef, Ctx } from '../engine/actor.ts'
import type { ApiRequest, ApiResponse } from '../messages.ts'
import { resources, restPath } from '../k8s/resources.ts'
import type { ActorId, KObject } from '../protocol.ts'

/** The timer the fault code starts on a restarted component; its data is a `RestartData`. */
export const restartTimer = 'process-start'
/** The timer that makes a running component's informers re-list and re-watch (after a partition). */
export const resyncTimer = 'informer-resync'

/**
 * Called on the component (as its timer) once every informer has listed: its caches are synced
 * (cache.WaitForCacheSync), and a controller that syncs on events may now look at all of them.
 */
export const informersSyncedTimer = 'informers-synced'

/** One informer to restore, as the apiserver held its watch before the process died. */
export interface InformerSpec {
  /** etcd prefix of the resource, `/registry/pods`. */
  prefix: string
  namespace?: string
  fieldSelector: string
  labelSelector: string
}

export interface RestartData {
  apiserver: ActorId
  informers: InformerSpec[]
}

/** Kept on the component's own (fresh) state while its informers resync. */
interface Resync {
  apiserver: ActorId
  informers: InformerSpec[]
  /** Each informer's LIST answer, held until every one has come (WaitForCacheSync). */
  lists?: (ListBody | null)[]
}

type ListBody = { items?: KObject[]; metadata?: { resourceVersion?: string } }

const resyncField = 'informerResync'

function resyncOf(state: unknown): Resync | undefined {
  return (state as Record<string, Resync | undefined>)[resyncField]
}

function request(ctx: Ctx, to: ActorId, verb: 'list' | 'watch', reqId: string, inf: InformerSpec, resourceVersion?: string): void {
  const info = resources.find((r) => r.etcdPrefix === inf.prefix)
  if (!info) return
  const query: [string, string][] = []
  if (inf.fieldSelector) query.push(['fieldSelector', encodeURIComponent(inf.fieldSelector)])
  if (inf.labelSelector) query.push(['labelSelector', encodeURIComponent(inf.labelSelector)])
  // A reflector's first LIST asks for at most 500 items; its WATCH resumes at the list's revision.
  if (verb === 'list') query.push(['limit', '500'], ['resourceVersion', '0'])
  else query.push(['allowWatchBookmarks', 'true'], ['resourceVersion', resourceVersion ?? '0'], ['watch', 'true'])
  const msg: ApiRequest = { kind: verb === 'list' ? 'apiserver.list' : 'apiserver.watch', reqId, verb, path: restPath(info, inf.namespace), query }
  ctx.send(to, msg)
}

function onResyncResponse<S>(def: ActorDef<S>, state: S, msg: ApiResponse, ctx: Ctx): void {
  const resync = resyncOf(state)
  const [, tag = ''] = msg.reqId.split('#')
  const i = Number(tag.split(':')[1])
  const inf = resync?.informers[i]
  if (!resync || !inf || !tag.startsWith('relist:') || msg.code !== 200) return
  const lists = (resync.lists ??= resync.informers.map(() => null))
  lists[i] = msg.body as ListBody
  // The component works from its caches only once all of them are filled (cache.WaitForCacheSync):
  // a controller that saw the Services before the EndpointSlices would make a second slice.
  if (lists.some((l) => l === null)) return
  lists.forEach((list, n) => {
    for (const object of list!.items ?? []) def.receive(state, { kind: 'watch.event', watchId: `resync-${n}`, type: 'ADDED', object }, ctx)
  })
  def.timer?.(state, informersSyncedTimer, null, ctx)
  lists.forEach((list, n) => request(ctx, resync.apiserver, 'watch', `${ctx.self}#rewatch:${n}`, resync.informers[n]!, list!.metadata?.resourceVersion))
}

/** The informers a restarted component was given to start (its configuration, as it were). */
export function resyncInformers(state: unknown): InformerSpec[] | undefined {
  return resyncOf(state)?.informers
}

/** An event fed from a relist rather than a watch (before the caches are synced). */
export const isRelistEvent = (watchId: string): boolean => watchId.startsWith('resync-')

/** Wraps a component so that it can be restarted by a fault. */
export function withRestart<S>(def: ActorDef<S>): ActorDef<S> {
  return {
    ...def,
    receive(state, msg, ctx) {
      if (msg.kind === 'apiserver.response' && (msg.reqId.includes('#relist:') || msg.reqId.includes('#rewatch:'))) {
        onResyncResponse(def, state, msg, ctx)
        return
      }
      def.receive(state, msg, ctx)
    },
    timer(state, name, data, ctx) {
      if (name !== resyncTimer) def.timer?.(state, name, data, ctx)
      if (name !== restartTimer && name !== resyncTimer) return
      const d = data as RestartData
      ;(state as Record<string, Resync>)[resyncField] = { apiserver: d.apiserver, informers: d.informers }
      d.informers.forEach((inf, i) => request(ctx, d.apiserver, 'list', `${ctx.self}#relist:${i}`, inf))
    },
  }
}
