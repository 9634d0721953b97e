/**
 * Per-owner pod counts kept up to date from the pod informer, so a ReplicaSet of 1,000 pods syncs
 * its status without walking its pods on every event (the counts are exactly what a walk of the
 * cache would give: active = not terminal and not deleting, ready = active with Ready=True).
 */
import type { KObject } from '../../protocol.ts'
import { controllerRef, isPodActive, isPodReady } from './objects.ts'

export interface PodStats {
  active: number
  ready: number
}

function add(stats: Record<string, PodStats>, pod: KObject | undefined, sign: 1 | -1): void {
  const uid = pod && controllerRef(pod)?.uid
  if (!uid || !isPodActive(pod)) return
  const s = (stats[uid] ??= { active: 0, ready: 0 })
  s.active += sign
  if (isPodReady(pod)) s.ready += sign
  if (s.active === 0 && s.ready === 0) delete stats[uid]
}

/** Moves a pod's contribution from its old state to its new one (undefined when deleted). */
export function updatePodStats(stats: Record<string, PodStats>, old: KObject | undefined, next: KObject | undefined): void {
  add(stats, old, -1)
  add(stats, next, 1)
}
