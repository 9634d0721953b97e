/**
 * The made-up cloud seen from outside the engine's actors: a fault deletes a machine's instance,
 * which only the cloud-controller-manager's node lifecycle controller can notice (through the
 * cloud's API, not through Kubernetes).
 */
import type { CloudState } from '../actors/cloud-controller-manager/service-lb.ts'
import { instanceOf } from '../actors/cloud-controller-manager/node-controller.ts'
import type { World } from '../engine/world.ts'

export function instanceGone(world: World, node: string): void {
  const ccm = world.actors['cloud-controller-manager:0']
  const cloud = ccm && !ccm.dormant ? (ccm.state as CloudState).cloudNodes : undefined
  if (cloud) instanceOf(cloud, node).gone = true
}
