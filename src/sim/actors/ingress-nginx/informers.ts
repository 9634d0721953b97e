/**
 * The controller's start: when its pod runs, the process's informers LIST ingressclasses,
 * ingresses, services and endpointslices (a reflector's first LIST, `limit=500&resourceVersion=0`)
 * and WATCH from the list's revision; every list and every watch event resyncs nginx's
 * configuration (sync.ts). A new pod (the old one deleted and replaced) starts everything again.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { ApiResponse, WatchEventMessage } from '../../messages.ts'
import { resources, restPath } from '../../k8s/resources.ts'
import type { KObject } from '../../protocol.ts'
import { apiRequest } from '../client/api-client.ts'
import { applyWatchEvent, cacheKey } from '../client/informer.ts'
import { recordIngressEvent } from './events.ts'
import { informers, type Cont, type IngressNginxState, type Informer } from './state.ts'
import { isClaimed, syncConfiguration } from './sync.ts'
import { scheduleStatusSync } from './status.ts'

function info(informer: Informer): (typeof resources)[number] {
  return resources.find((r) => r.resource === informer)!
}

/** The pod informer saw the controller's pod; start the process when it runs. */
export function onOwnPod(state: IngressNginxState, msg: WatchEventMessage, ctx: Ctx): void {
  const pod = msg.object
  const name = String(pod.metadata.name)
  if (msg.type === 'DELETED') {
    if (state.pod?.name === name) state.pod = { ...state.pod, running: false }
    return
  }
  const status = (pod.status ?? {}) as { phase?: string; podIP?: string; containerStatuses?: { state?: { running?: unknown } }[] }
  const running = status.phase === 'Running' && Boolean(status.containerStatuses?.[0]?.state?.running) && !pod.metadata.deletionTimestamp
  const node = (pod.spec as { nodeName?: string } | undefined)?.nodeName
  if (running || state.pod?.name === name || !state.pod?.running)
    state.pod = { name, running, ...(node ? { node } : {}), ...(status.podIP ? { ip: status.podIP } : {}) }
  if (running && state.startedFor !== name) start(state, name, ctx)
}

function start(state: IngressNginxState, pod: string, ctx: Ctx): void {
  for (const watchId of state.watchIds) ctx.send(state.client.apiserver, { kind: 'watch.close', watchId })
  state.startedFor = pod
  state.generation++
  state.listed = []
  state.watchIds = []
  state.ingressclasses = {}
  state.ingresses = {}
  state.services = {}
  state.endpointslices = {}
  state.events = {}
  for (const informer of informers)
    apiRequest(state.client, ctx, 'list', restPath(info(informer)), { do: 'list', informer, generation: state.generation }, { query: [['limit', '500'], ['resourceVersion', '0']] })
}

export function onInformerResponse(state: IngressNginxState, cont: Extract<Cont, { do: 'list' | 'watch' }>, msg: ApiResponse, ctx: Ctx): void {
  if (cont.generation !== state.generation || msg.code !== 200) return
  if (cont.do === 'watch') {
    const watchId = (msg.body as { watchId?: string }).watchId
    if (watchId) state.watchIds.push(watchId)
    return
  }
  const list = msg.body as { items?: KObject[]; metadata?: { resourceVersion?: string } }
  const cache = state[cont.informer]
  for (const o of list.items ?? []) cache[cacheKey(o)] = o
  apiRequest(state.client, ctx, 'watch', restPath(info(cont.informer)), { do: 'watch', informer: cont.informer, generation: state.generation }, {
    query: [['allowWatchBookmarks', 'true'], ['resourceVersion', list.metadata?.resourceVersion ?? '0'], ['watch', 'true']],
  })
  state.listed.push(cont.informer)
  if (state.listed.length < informers.length) return
  // The informers have synced: the store's AddFunc ran for each listed Ingress it claims.
  for (const ing of Object.values(state.ingresses)) if (isClaimed(state, ing)) recordIngressEvent(state, ctx, ing, 'Sync', 'Scheduled for sync')
  syncConfiguration(state, ctx)
  scheduleStatusSync(ctx, 0)
}

export function onInformerEvent(state: IngressNginxState, msg: WatchEventMessage, ctx: Ctx): void {
  const o = msg.object
  const informer: Informer | undefined =
    o.kind === 'Ingress' ? 'ingresses' : o.kind === 'IngressClass' ? 'ingressclasses' : o.kind === 'Service' ? 'services' : o.kind === 'EndpointSlice' ? 'endpointslices' : undefined
  if (!informer || state.listed.length < informers.length) return
  const old = applyWatchEvent(state[informer], msg)
  // store.go's ingress handlers: a claimed Ingress added or changed is "Scheduled for sync".
  if (informer === 'ingresses' && msg.type !== 'DELETED' && isClaimed(state, o) && JSON.stringify(old) !== JSON.stringify(o))
    recordIngressEvent(state, ctx, o, 'Sync', 'Scheduled for sync')
  syncConfiguration(state, ctx)
}
