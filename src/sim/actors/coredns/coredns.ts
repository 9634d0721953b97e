/**
 * CoreDNS, the cluster's DNS add-on: one actor standing for the pods of the `coredns` Deployment
 * (the pods themselves are drawn on their nodes; a query names the pod the node's rules DNATed it
 * to). Like the `kubernetes` plugin it lists and watches Services, EndpointSlices and Namespaces
 * through the apiserver (plugin/kubernetes/controller.go) and answers A queries from that cache:
 * a ClusterIP Service's address, one record per ready endpoint of a headless Service, NXDOMAIN
 * for anything else in cluster.local (records.ts; FIDELITY.md §4.4).
 */
import type { ActorDef, Ctx } from '../../engine/actor.ts'
import type { DnsQuery } from '../../messages.ts'
import type { KObject } from '../../protocol.ts'
import { applyWatchEvent, type Cache } from '../client/informer.ts'
import { hopMs, serveMs } from '../kube-proxy/data-plane.ts'
import { answerA } from './records.ts'

export const corednsId = 'coredns'

export interface CorednsState {
  services: Cache
  endpointslices: Cache
  namespaces: Cache
  /** Queries answered, per coredns pod. */
  answered: Record<string, number>
  nxdomain: number
}

export function newCorednsState(): CorednsState {
  return { services: {}, endpointslices: {}, namespaces: {}, answered: {}, nxdomain: 0 }
}

function answer(state: CorednsState, msg: DnsQuery, ctx: Ctx): void {
  const pod = msg.pod ?? msg.podIP ?? 'coredns'
  const a = answerA(msg.name, Object.values(state.services), Object.values(state.endpointslices))
  state.answered[pod] = (state.answered[pod] ?? 0) + 1
  if (a.rcode !== 'NOERROR') state.nxdomain++
  const records = a.ips.map((ip) => `${msg.name}. 30 IN A ${ip}`).join('; ')
  ctx.stage({
    name: 'kubernetes plugin',
    outcome: a.rcode === 'NOERROR' ? 'ok' : 'failed',
    detail: `${pod} (${msg.podIP ?? '?'}:53) answers ${a.rcode}${records ? `: ${records}` : ''}`,
  })
  // Back to the client pod; the node's conntrack undoes the DNAT on the way (source 10.96.0.10).
  ctx.send(msg.client, { kind: 'dns.answer', queryId: msg.queryId, name: msg.name, rcode: a.rcode, ips: a.ips }, { durationMs: serveMs + hopMs })
}

export const coredns: ActorDef<CorednsState> = {
  kind: 'coredns',
  receive(state, msg, ctx) {
    if (msg.kind === 'watch.event') {
      const o: KObject = msg.object
      if (o.kind === 'Service') applyWatchEvent(state.services, msg)
      else if (o.kind === 'EndpointSlice') applyWatchEvent(state.endpointslices, msg)
      else if (o.kind === 'Namespace') applyWatchEvent(state.namespaces, msg)
      return
    }
    if (msg.kind === 'dns.query') answer(state, msg, ctx)
  },
}
