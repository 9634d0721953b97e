/**
 * cloud-controller-manager: runs only with a cloud provider (the scenario's `cluster.cloud`), where
 * it initialises nodes and provisions LoadBalancers. Without one it is drawn dormant and does nothing.
 */
import type { ActorDef } from '../../engine/actor.ts'

export const cloudControllerManager: ActorDef<Record<string, never>> = {
  kind: 'cloud-controller-manager',
  receive() {},
}
