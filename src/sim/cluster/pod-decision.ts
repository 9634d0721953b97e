/** Reads kube-scheduler's last decision for a pod out of the world, for the inspector (read-only). */
import { podDecisionView } from '../actors/scheduler/decision-view.ts'
import type { SchedulerState } from '../actors/scheduler/state.ts'
import type { World } from '../engine/world.ts'
import type { PodDecisionView } from '../protocol.ts'

/** `key` is the pod's etcd key (`/registry/pods/default/nginx`) or `namespace/name`. */
export function podDecision(world: World, key: string): PodDecisionView | null {
  const podKey = key.startsWith('/registry/pods/') ? key.slice('/registry/pods/'.length) : key
  const scheduler = Object.values(world.actors).find((a) => a.kind === 'kube-scheduler')
  if (!scheduler) return null
  return podDecisionView(scheduler.state as SchedulerState, podKey)
}
