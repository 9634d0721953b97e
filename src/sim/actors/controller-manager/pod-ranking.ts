/**
 * Which pods a ReplicaSet deletes first when it scales down: controller.ActivePodsWithRanks
 * (pkg/controller/controller_utils.go) with the rank of getPodsRankedByRelatedPodsOnSameNode
 * (pkg/controller/replicaset/replica_set.go) and LogarithmicScaleDown (on since v1.22).
 */
import type { KObject } from '../../protocol.ts'
import { annotations, epochOf, isPodActive, isPodReady, nodeNameOf, podStatus } from './objects.ts'

const phaseOrdinal: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 }

function readyTime(p: KObject): number {
  if (!isPodReady(p)) return 0
  return epochOf(podStatus(p).conditions!.find((c) => c.type === 'Ready' && c.status === 'True')?.lastTransitionTime)
}

function restarts(p: KObject): number {
  return Math.max(0, ...(podStatus(p).containerStatuses ?? []).map((c) => c.restartCount ?? 0))
}

function deletionCost(p: KObject): number {
  return Number(annotations(p)['controller.kubernetes.io/pod-deletion-cost'] ?? 0) || 0
}

/** log2 buckets of age (in ns, as Go's time.Duration) so pods of similar age tie. */
function logRankDiff(t1: number, t2: number, now: number): number {
  const r = (t: number): number => (now - t > 0 ? Math.floor(Math.log2((now - t) * 1e6)) : -1)
  return r(t1) - r(t2)
}

/** afterOrZero plus the logarithmic comparison; undefined when it does not decide. */
function compareTimes(t1: number, t2: number, now: number, uid1: string, uid2: string): boolean | undefined {
  if (t1 === t2) return undefined
  if (!t1 || !t2) return !t1
  const diff = logRankDiff(t1, t2, now)
  if (diff === 0) return uid1 < uid2
  return diff < 0
}

/** True when `a` should be deleted before `b`. */
function less(a: KObject, b: KObject, rankA: number, rankB: number, now: number): boolean {
  const na = nodeNameOf(a)
  const nb = nodeNameOf(b)
  if (na !== nb && (!na || !nb)) return !na
  const pa = phaseOrdinal[podStatus(a).phase ?? ''] ?? 0
  const pb = phaseOrdinal[podStatus(b).phase ?? ''] ?? 0
  if (pa !== pb) return pa < pb
  if (isPodReady(a) !== isPodReady(b)) return !isPodReady(a)
  if (deletionCost(a) !== deletionCost(b)) return deletionCost(a) < deletionCost(b)
  if (rankA !== rankB) return rankA > rankB
  const uidA = String(a.metadata.uid)
  const uidB = String(b.metadata.uid)
  if (isPodReady(a) && isPodReady(b)) {
    const r = compareTimes(readyTime(a), readyTime(b), now, uidA, uidB)
    if (r !== undefined) return r
  }
  if (restarts(a) !== restarts(b)) return restarts(a) > restarts(b)
  const c = compareTimes(epochOf(a.metadata.creationTimestamp), epochOf(b.metadata.creationTimestamp), now, uidA, uidB)
  return c ?? false
}

/** The `count` pods to delete, best candidates first; `related` are all pods of the owner family. */
export function podsToDelete(pods: KObject[], related: KObject[], count: number, nowEpochMs: number): KObject[] {
  if (count >= pods.length) return pods
  const onNode: Record<string, number> = {}
  for (const p of related) if (isPodActive(p)) onNode[nodeNameOf(p)] = (onNode[nodeNameOf(p)] ?? 0) + 1
  const ranked = pods.map((p) => ({ p, rank: onNode[nodeNameOf(p)] ?? 0 }))
  ranked.sort((x, y) => (less(x.p, y.p, x.rank, y.rank, nowEpochMs) ? -1 : less(y.p, x.p, y.rank, x.rank, nowEpochMs) ? 1 : 0))
  return ranked.slice(0, count).map((x) => x.p)
}
