/**
 * The ingress-nginx controller (kubernetes/ingress-nginx, controller v1.14.4): one actor standing for
 * the process in the `ingress-nginx-controller` pod (the pod itself is drawn on its node). Its
 * control half watches Ingresses, IngressClasses, Services and EndpointSlices through the apiserver
 * (informers.ts), keeps nginx's routing table (sync.ts, routing.ts), writes the Ingresses' status
 * (status.ts) and records their Events (events.ts); its data half answers the requests kube-proxy
 * DNATs to the pod (data-plane.ts).
 */
import type { ActorDef } from '../../engine/actor.ts'
import { takeResponse } from '../client/api-client.ts'
import { onIngressRequest, onUpstreamResponse } from './data-plane.ts'
import { onInformerEvent, onInformerResponse, onOwnPod } from './informers.ts'
import type { IngressNginxState } from './state.ts'
import { onStatusResponse, statusSync } from './status.ts'

export const ingressNginx: ActorDef<IngressNginxState> = {
  kind: 'ingress-nginx',
  receive(state, msg, ctx) {
    switch (msg.kind) {
      case 'watch.event':
        if (msg.object.kind === 'Pod') onOwnPod(state, msg, ctx)
        else onInformerEvent(state, msg, ctx)
        return
      case 'apiserver.response': {
        const cont = takeResponse(state.client, msg)
        if (!cont) return
        if (cont.do === 'list' || cont.do === 'watch') onInformerResponse(state, cont, msg, ctx)
        else if (cont.do.startsWith('status-')) onStatusResponse(state, cont as never, msg, ctx)
        return
      }
      case 'traffic.request':
        onIngressRequest(state, msg, ctx)
        return
      case 'traffic.response':
        onUpstreamResponse(state, msg, ctx)
        return
    }
  },
  timer(state, name, _data, ctx) {
    if (name === 'status-sync' && state.pod?.running) statusSync(state, ctx)
  },
}
