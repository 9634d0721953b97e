/**
 * The Service-side controllers' own informers and API client inside kube-controller-manager: the
 * EndpointSlice controller and the Endpoints controller share caches of Services, Pods,
 * EndpointSlices and Endpoints, fed by the process's watches of those kinds (the pods one is the
 * one every controller of the process reads).
 */
import type { Ctx } from '../../engine/actor.ts'
import type { ApiRequest, Verb } from '../../messages.ts'
import type { ActorId, KObject } from '../../protocol.ts'
import type { Cache } from '../client/informer.ts'

export type ServiceInformer = 'services' | 'pods' | 'endpointslices' | 'endpoints'

export interface ServiceControllersState {
  apiserver: ActorId
  nextReq: number
  /** Request id → `<svc ns/name>|<informer>|<verb>` of the sync that sent it. */
  pending: Record<string, string>
  services: Cache
  pods: Cache
  endpointslices: Cache
  endpoints: Cache
  /** Writes still unanswered per Service; a sync waits for them rather than writing twice. */
  inflight: Record<string, number>
  /** Services to sync again once their writes are answered and seen. */
  dirty: Record<string, true>
  /**
   * Writes answered but not yet seen on the watch: `<informer>/<ns>/<name>` → the Service and the
   * resourceVersion written (the endpointslice tracker's expectations), so no sync works from a
   * cache that misses its own last write.
   */
  expect: Record<string, { svc: string; rv: number; deleted: boolean }>
}

export function newServiceControllersState(apiserver: ActorId): ServiceControllersState {
  return { apiserver, nextReq: 0, pending: {}, services: {}, pods: {}, endpointslices: {}, endpoints: {}, inflight: {}, dirty: {}, expect: {} }
}

const KIND: Record<'create' | 'update' | 'delete', ApiRequest['kind']> = {
  create: 'apiserver.create',
  update: 'apiserver.update',
  delete: 'apiserver.delete',
}

/** One write on behalf of a Service's sync, authenticated as the controller's ServiceAccount. */
export function write(
  state: ServiceControllersState,
  ctx: Ctx,
  svcKey: string,
  verb: Extract<Verb, 'create' | 'update' | 'delete'>,
  path: string,
  controller: string,
  body?: KObject,
): void {
  const reqId = `${ctx.self}#svc-${++state.nextReq}`
  state.pending[reqId] = `${svcKey}|${path.includes('/endpointslices') ? 'endpointslices' : 'endpoints'}|${verb}`
  state.inflight[svcKey] = (state.inflight[svcKey] ?? 0) + 1
  const msg: ApiRequest = {
    kind: KIND[verb],
    reqId,
    verb,
    path,
    ...(body ? { body } : {}),
    asUser: `system:serviceaccount:kube-system:${controller}`,
  }
  ctx.send(state.apiserver, msg, { via: controller })
}
