/**
 * cloud-controller-manager: runs only with a cloud provider (the scenario's `cluster.cloud`), where
 * its service controller provisions LoadBalancers (service-lb.ts) and its node controllers initialize
 * new Nodes and delete those whose instance is gone (node-controller.ts). Without one it is drawn dormant
 * and does nothing, and a LoadBalancer Service's EXTERNAL-IP stays `<pending>`, as in real life.
 */
import type { ActorDef } from '../../engine/actor.ts'
import { takeResponse } from '../client/api-client.ts'
import { monitorNodes, onNode } from './node-controller.ts'
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
    else if (msg.kind === 'watch.event' && msg.object.kind === 'Node' && state.cloudNodes) onNode(state, state.cloudNodes, msg, ctx)
  },
  timer(state, name, data, ctx) {
    if (!running(state)) return
    if (name.startsWith('lb:')) provisioned(state, String(data), ctx)
    else if (name === 'node-monitor' && state.cloudNodes) monitorNodes(state, state.cloudNodes, ctx)
  },
}
