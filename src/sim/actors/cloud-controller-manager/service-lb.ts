/**
 * The cloud-controller-manager's service controller (staging/src/k8s.io/cloud-provider/controllers/
 * service): for each Service of type LoadBalancer it asks the cloud for a load balancer
 * (EnsuringLoadBalancer), and once the cloud has one, writes its address into
 * `status.loadBalancer.ingress` (EnsuredLoadBalancer). Addresses come from 203.0.113.0/24, the
 * documentation range, as a made-up cloud would hand them out.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { ApiRequest, WatchEventMessage } from '../../messages.ts'
import { serviceSpec } from '../../k8s/service.ts'
import type { ActorId, KObject } from '../../protocol.ts'
import { applyWatchEvent, cacheKey, type Cache } from '../client/informer.ts'
import { recordEvent } from '../client/events.ts'
import { newApiClient, type ApiClient } from '../client/api-client.ts'
import type { CloudNodes } from './node-controller.ts'

/** How long the simulated cloud takes to provision a load balancer (real ones: tens of seconds). */
export const provisionMs = 5_000

export interface CloudState {
  services: Cache
  client: ApiClient<{ do: 'ignore' }>
  /** Service key → the address its load balancer got. */
  balancers: Record<string, string>
  nextAddress: number
  /** The node controllers' informer and the cloud's instances (node-controller.ts). */
  cloudNodes?: CloudNodes
}

export function newCloudState(apiserver: ActorId): CloudState {
  return { services: {}, client: newApiClient(apiserver), balancers: {}, nextAddress: 10 }
}

function wantsBalancer(svc: KObject): boolean {
  return serviceSpec(svc).type === 'LoadBalancer'
}

function hasIngress(svc: KObject): boolean {
  return Boolean((svc.status as { loadBalancer?: { ingress?: unknown[] } } | undefined)?.loadBalancer?.ingress?.length)
}

export function onService(state: CloudState, msg: WatchEventMessage, ctx: Ctx): void {
  applyWatchEvent(state.services, msg)
  const svc = msg.object
  const key = cacheKey(svc)
  if (msg.type === 'DELETED' || !wantsBalancer(svc)) {
    delete state.balancers[key]
    return
  }
  if (hasIngress(svc) || key in state.balancers || ctx.hasTimer(`lb:${key}`)) return
  recordEvent(state.client, ctx, { involved: svc, type: 'Normal', reason: 'EnsuringLoadBalancer', message: 'Ensuring load balancer', component: 'service-controller' }, { do: 'ignore' })
  ctx.setTimer(`lb:${key}`, provisionMs, key)
}

export function provisioned(state: CloudState, key: string, ctx: Ctx): void {
  const svc = state.services[key]
  if (!svc || !wantsBalancer(svc)) return
  const ip = `203.0.113.${state.nextAddress++}`
  state.balancers[key] = ip
  const reqId = `${ctx.self}#${++state.client.nextReq}`
  state.client.pending[reqId] = { do: 'ignore' }
  const msg: ApiRequest = {
    kind: 'apiserver.patch',
    reqId,
    verb: 'patch',
    path: `/api/v1/namespaces/${svc.metadata.namespace}/services/${svc.metadata.name}/status`,
    body: { status: { loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } } },
    asUser: 'system:serviceaccount:kube-system:service-controller',
  }
  ctx.send(state.client.apiserver, msg, { via: 'service-controller' })
  recordEvent(state.client, ctx, { involved: svc, type: 'Normal', reason: 'EnsuredLoadBalancer', message: 'Ensured load balancer', component: 'service-controller' }, { do: 'ignore' })
}
