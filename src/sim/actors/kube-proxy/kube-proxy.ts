/**
 * kube-proxy on one node. It will watch Services and EndpointSlices and program iptables; until
 * Services are simulated it has nothing to program, and it sends nothing.
 */
import type { ActorDef } from '../../engine/actor.ts'

export interface KubeProxyState {
  node: string
}

export const kubeProxy: ActorDef<KubeProxyState> = {
  kind: 'kube-proxy',
  receive() {},
}
