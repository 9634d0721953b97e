/**
 * The controller's Events, as client-go's recorder sends them for `nginx-ingress-controller`
 * (EventSource{Component: "nginx-ingress-controller"}): the first one is a POST, the same event
 * again is a PATCH of count and lastTimestamp (tools/record EventCorrelator), which is why
 * `kubectl describe ingress` shows `Sync  … (x2 over 60s)  nginx-ingress-controller  Scheduled for sync`.
 */
import type { Ctx } from '../../engine/actor.ts'
import { eventName, rfc3339 } from '../../k8s/meta.ts'
import type { KObject } from '../../protocol.ts'
import { apiRequest } from '../client/api-client.ts'
import type { IngressNginxState } from './state.ts'

export const eventComponent = 'nginx-ingress-controller'

export function recordIngressEvent(state: IngressNginxState, ctx: Ctx, o: KObject, reason: string, message: string): void {
  const epochMs = ctx.startTimeMs + ctx.now
  const namespace = o.metadata.namespace ?? 'default'
  const key = `${o.metadata.uid}/${reason}/${message}`
  const seen = state.events[key]
  if (seen) {
    seen.count++
    apiRequest(state.client, ctx, 'patch', `/api/v1/namespaces/${seen.namespace}/events/${seen.name}`, { do: 'ignore' }, {
      body: { count: seen.count, lastTimestamp: rfc3339(epochMs), message },
    })
    return
  }
  const name = eventName(String(o.metadata.name), epochMs, ctx.random)
  state.events[key] = { name, namespace, count: 1 }
  const body: KObject = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace },
    involvedObject: { kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name, uid: o.metadata.uid, apiVersion: o.apiVersion, resourceVersion: o.metadata.resourceVersion },
    reason,
    message,
    source: { component: eventComponent },
    firstTimestamp: rfc3339(epochMs),
    lastTimestamp: rfc3339(epochMs),
    count: 1,
    type: 'Normal',
    eventTime: null,
    reportingComponent: eventComponent,
    reportingInstance: '',
  }
  apiRequest(state.client, ctx, 'create', `/api/v1/namespaces/${namespace}/events`, { do: 'ignore' }, { body })
}
