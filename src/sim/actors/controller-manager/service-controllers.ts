/**
 * Dispatch for the Service controllers inside kube-controller-manager: a watch event on one of
 * their informers updates the cache and syncs the Services it concerns (a Service change, or a pod
 * whose labels match a Service's selector before or after); a response settles a write.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { Message } from '../../messages.ts'
import type { KObject } from '../../protocol.ts'
import { serviceSpec } from '../../k8s/service.ts'
import { applyWatchEvent, cacheKey } from '../client/informer.ts'
import { syncEndpoints } from './endpoints-controller.ts'
import { syncEndpointSlices } from './endpointslice-controller.ts'
import type { ServiceControllersState, ServiceInformer } from './service-client.ts'
import { matchesSelectorMap } from './service-pods.ts'
import { isRelistEvent } from '../restart.ts'

function sync(state: ServiceControllersState, ctx: Ctx, svcKey: string): void {
  if (state.inflight[svcKey]) {
    state.dirty[svcKey] = true
    return
  }
  syncEndpointSlices(state, ctx, svcKey)
  syncEndpoints(state, ctx, svcKey)
}

/** One write of a Service's sync is done (refused, or seen on the watch). */
function settle(state: ServiceControllersState, ctx: Ctx, svcKey: string): void {
  state.inflight[svcKey] = (state.inflight[svcKey] ?? 1) - 1
  if (state.inflight[svcKey]! > 0) return
  delete state.inflight[svcKey]
  if (state.dirty[svcKey]) {
    delete state.dirty[svcKey]
    sync(state, ctx, svcKey)
  }
}

/** The caches are synced after a restart: every Service is synced once, against all of them. */
export function syncAllServices(state: ServiceControllersState, ctx: Ctx): void {
  for (const key of Object.keys(state.services)) sync(state, ctx, key)
}

/** The informer of each kind these controllers read (the pods one is shared with the others). */
const informerOf: Record<string, ServiceInformer | undefined> = {
  Service: 'services',
  Pod: 'pods',
  EndpointSlice: 'endpointslices',
  Endpoints: 'endpoints',
}

/** Handles the message when it is the Service controllers'; returns false otherwise. */
export function serviceControllersReceive(state: ServiceControllersState, msg: Message, ctx: Ctx): boolean {
  if (msg.kind === 'apiserver.response') {
    const ref = state.pending[msg.reqId]
    if (ref === undefined) return false
    delete state.pending[msg.reqId]
    const [svcKey, informer, verb] = ref.split('|') as [string, string, string]
    const body = msg.body as KObject | undefined
    if (msg.code < 300 && body?.metadata?.name) {
      const name = `${body.metadata.namespace}/${body.metadata.name}`
      const rv = Number(body.metadata.resourceVersion ?? 0)
      const cached = state[informer as 'endpointslices' | 'endpoints'][name]
      const alreadySeen = verb === 'delete' ? !cached : Number(cached?.metadata.resourceVersion ?? -1) >= rv
      if (alreadySeen) settle(state, ctx, svcKey)
      else state.expect[`${informer}/${name}`] = { svc: svcKey, rv, deleted: verb === 'delete' }
    } else settle(state, ctx, svcKey)
    return true
  }
  if (msg.kind !== 'watch.event') return false
  // By kind, not by watch: after a restart the informers are fed by a relist and new watches.
  const informer = informerOf[msg.object.kind]
  if (!informer) return false
  const old = applyWatchEvent(state[informer], msg)
  const o = msg.object
  const seen = state.expect[`${informer}/${cacheKey(o)}`]
  if (seen && (msg.type === 'DELETED' || (!seen.deleted && Number(o.metadata.resourceVersion) >= seen.rv))) {
    delete state.expect[`${informer}/${cacheKey(o)}`]
    settle(state, ctx, seen.svc)
  }
  // A relist's items wait for every cache (syncAll below): a Service seen before its slices would get a second slice.
  if (isRelistEvent(msg.watchId)) return informer !== 'pods'
  if (informer === 'services') sync(state, ctx, cacheKey(o))
  else if (informer === 'pods') {
    const ns = o.metadata.namespace
    for (const [key, svc] of Object.entries(state.services)) {
      if (svc.metadata.namespace !== ns) continue
      const selector = serviceSpec(svc).selector ?? {}
      if (matchesSelectorMap(o, selector) || (old && matchesSelectorMap(old, selector))) sync(state, ctx, key)
    }
    // The pods informer is the whole process's: the workload controllers read the event too.
    return false
  }
  return true
}
