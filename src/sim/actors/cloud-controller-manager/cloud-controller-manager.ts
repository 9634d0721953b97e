/**
 * cloud-controller-manager: runs only with a cloud provider (the scenario's `cluster.cloud`), where
 * its service controller provisions LoadBalancers (service-lb.ts). Without one it is drawn dormant
 * and does nothing, and a LoadBalancer Service's EXTERNAL-IP stays `<pending>`, as in real life.
 */
import type { ActorDef } from '../../engine/actor.ts'
import { takeResponse } from '../client/api-client.ts'
import { onService, provisioned, type CloudState } from './service-lb.ts'

function running(state: CloudState | Record<string, never>): state is CloudState {
  return 'services' in state
}

export const cloudControllerManager: ActorDef<CloudState | Record<string, never>> = {
  kind: 'cloud-controller-manager',
  receive(state, msg, ctx) {
    if (!running(state)) return
    if (msg.kind === 'apiserver.response') takeResponse(state.client, msg)
    else if (msg.kind === 'watch.event' && msg.object.kind === 'Service') onService(state, msg, ctx)
  },
  timer(state, name, data, ctx) {
    if (running(state) && name.startsWith('lb:')) provisioned(state, String(data), ctx)
  },
}
