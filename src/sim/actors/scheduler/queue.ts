/**
 * The scheduling queue (pkg/scheduler/backend/queue/scheduling_queue.go; FIDELITY.md §2.2):
 * activeQ ordered by PrioritySort (higher spec.priority first, then the earlier timestamp),
 * backoffQ where a pod waits min(1 s · 2^(attempts−1), 10 s) after a failed attempt, and the
 * unschedulable pool, left by a cluster event that may help one of the plugins that rejected
 * the pod (queueing hints), or after 5 minutes at the latest. Plain data; the actor owns timers.
 */

/** podInitialBackoffSeconds 1 (KubeSchedulerConfiguration v1 defaults.go). */
export const podInitialBackoffMs = 1_000
/** podMaxBackoffSeconds 10. */
export const podMaxBackoffMs = 10_000
/** DefaultPodMaxInUnschedulablePodsDuration, 5 minutes. */
export const podMaxInUnschedulablePodsDurationMs = 5 * 60_000

/** A cluster change that may make a parked pod schedulable (framework/events.go, simplified). */
export type ClusterEvent =
  | 'NodeAdd'
  | 'NodeLabel'
  | 'NodeTaint'
  | 'NodeAllocatable'
  | 'AssignedPodAdd'
  | 'AssignedPodUpdate'
  | 'AssignedPodDelete'
  | 'UnschedulableTimeout'

/** Which events each plugin's EventsToRegister / queueing hints say may help. */
const interest: Record<string, ClusterEvent[]> = {
  NodeUnschedulable: ['NodeAdd', 'NodeTaint'],
  NodeName: ['NodeAdd'],
  TaintToleration: ['NodeAdd', 'NodeTaint'],
  NodeAffinity: ['NodeAdd', 'NodeLabel'],
  NodePorts: ['NodeAdd', 'AssignedPodDelete'],
  NodeResourcesFit: ['NodeAdd', 'NodeAllocatable', 'AssignedPodDelete'],
  PodTopologySpread: ['NodeAdd', 'NodeLabel', 'NodeTaint', 'AssignedPodAdd', 'AssignedPodUpdate', 'AssignedPodDelete'],
  InterPodAffinity: ['NodeAdd', 'NodeLabel', 'AssignedPodAdd', 'AssignedPodUpdate', 'AssignedPodDelete'],
}

export interface QueuedPodInfo {
  priority: number
  /** Virtual ms it was added, or last failed: PrioritySort's tie-break and the backoff base. */
  timestamp: number
  attempts: number
  /** Plugins that rejected it last time; empty means any event may help. */
  unschedulablePlugins: string[]
  where: 'active' | 'backoff' | 'unschedulable' | 'in-flight'
}

export interface SchedulingQueue {
  activeQ: string[]
  info: Record<string, QueuedPodInfo>
  schedulingCycle: number
  /** The cycle of the last move request: a pod failing in an older cycle goes to backoff, not the pool. */
  moveRequestCycle: number
  /** Cycle each in-flight pod was popped in. */
  podCycle: Record<string, number>
  /** The unschedulable pool, so an event does not scan every queued pod. */
  parked: Record<string, true>
}

export function newQueue(): SchedulingQueue {
  return { activeQ: [], info: {}, schedulingCycle: 0, moveRequestCycle: -1, podCycle: {}, parked: {} }
}

/** calculateBackoffDuration: 1 s doubled per further attempt, capped at 10 s. */
export function backoffMs(attempts: number): number {
  let d = podInitialBackoffMs
  for (let i = 1; i < attempts; i++) {
    d *= 2
    if (d > podMaxBackoffMs) return podMaxBackoffMs
  }
  return d
}

export function backoffExpiry(q: SchedulingQueue, key: string): number {
  const i = q.info[key]!
  return i.timestamp + backoffMs(i.attempts)
}

/** PrioritySort Less: higher priority, then earlier timestamp. */
function before(a: QueuedPodInfo, b: QueuedPodInfo): boolean {
  return a.priority > b.priority || (a.priority === b.priority && a.timestamp < b.timestamp)
}

function pushActive(q: SchedulingQueue, key: string): void {
  const me = q.info[key]!
  me.where = 'active'
  let lo = 0
  let hi = q.activeQ.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (before(me, q.info[q.activeQ[mid]!]!)) hi = mid
    else lo = mid + 1
  }
  q.activeQ.splice(lo, 0, key)
}

/** A new pending pod. Returns false when it is already queued or being scheduled. */
export function addPod(q: SchedulingQueue, key: string, priority: number, now: number): boolean {
  if (q.info[key]) return false
  q.info[key] = { priority, timestamp: now, attempts: 0, unschedulablePlugins: [], where: 'active' }
  pushActive(q, key)
  return true
}

export function pop(q: SchedulingQueue): string | undefined {
  const key = q.activeQ.shift()
  if (key === undefined) return undefined
  const i = q.info[key]!
  i.attempts++
  i.where = 'in-flight'
  q.schedulingCycle++
  q.podCycle[key] = q.schedulingCycle
  return key
}

/**
 * A failed attempt: into the unschedulable pool, or straight to backoff when a move request came
 * in while it was being scheduled. Returns where it went.
 */
export function addUnschedulable(q: SchedulingQueue, key: string, now: number, plugins: string[], error = false): 'backoff' | 'unschedulable' {
  const i = q.info[key]
  if (!i) return 'backoff'
  i.timestamp = now
  i.unschedulablePlugins = plugins
  const cycle = q.podCycle[key] ?? 0
  delete q.podCycle[key]
  i.where = error || q.moveRequestCycle >= cycle ? 'backoff' : 'unschedulable'
  if (i.where === 'unschedulable') q.parked[key] = true
  return i.where
}

/** The pod finished its cycle with a node: it leaves the queue. */
export function done(q: SchedulingQueue, key: string): void {
  // Only an 'active' pod sits in activeQ: skip the scan for the usual in-flight one.
  const queued = q.info[key]?.where === 'active'
  delete q.info[key]
  delete q.podCycle[key]
  delete q.parked[key]
  if (!queued) return
  const at = q.activeQ.indexOf(key)
  if (at >= 0) q.activeQ.splice(at, 1)
}

/** Backoff over: into activeQ. */
export function backoffCompleted(q: SchedulingQueue, key: string): boolean {
  const i = q.info[key]
  if (!i || i.where !== 'backoff') return false
  pushActive(q, key)
  return true
}

/**
 * MoveAllToActiveOrBackoffQueue: parked pods one of whose rejecting plugins cares about the
 * event leave the pool, to activeQ if their backoff is over, else to backoffQ. Returns the pods
 * that went to backoff (the actor sets their timers).
 */
export function moveOnEvent(
  q: SchedulingQueue,
  event: ClusterEvent,
  now: number,
  only?: (key: string) => boolean,
  /** The rejecting plugin's queueing hint for this event (Queue when absent). */
  mayHelp?: (plugin: string, key: string) => boolean,
): string[] {
  q.moveRequestCycle = q.schedulingCycle
  const toBackoff: string[] = []
  for (const key of Object.keys(q.parked)) {
    const i = q.info[key]!
    if (only && !only(key)) continue
    const cares = event === 'UnschedulableTimeout' || !i.unschedulablePlugins.length || i.unschedulablePlugins.some((p) => interest[p]?.includes(event) && (mayHelp?.(p, key) ?? true))
    if (!cares) continue
    delete q.parked[key]
    if (now < backoffExpiry(q, key)) {
      i.where = 'backoff'
      toBackoff.push(key)
    } else pushActive(q, key)
  }
  return toBackoff
}
