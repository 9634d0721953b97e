/**
 * The node-local score plugins and their normalisation (FIDELITY.md §2.3):
 * tainttoleration/taint_toleration.go, nodeaffinity/node_affinity.go,
 * noderesources/{least_allocated,most_allocated,requested_to_capacity_ratio,balanced_allocation}.go,
 * imagelocality/image_locality.go, helper/normalize_score.go.
 */
import type { Cycle, ScoringStrategy } from './cycle.ts'
import { matchesNodeSelectorTerm } from './labels.ts'
import type { NodeInfo } from './node-info.ts'
import { tolerates } from './taints.ts'

/** MaxNodeScore (framework/interface.go). */
export const maxNodeScore = 100

/**
 * A score column in which every feasible node has the same value, as one frozen array per value
 * and length shared by every cycle that needs it: most cycles score most plugins flat (no node
 * has the pod's images, no node has a PreferNoSchedule taint), and a column per plugin per cycle
 * was most of what a cycle allocated.
 */
const uniformColumns = new Map<number, Map<number, readonly number[]>>()

export function uniformColumn(value: number, length: number): number[] {
  let byLength = uniformColumns.get(value)
  if (!byLength) uniformColumns.set(value, (byLength = new Map()))
  let column = byLength.get(length)
  if (!column) byLength.set(length, (column = Object.freeze(new Array<number>(length).fill(value))))
  return column as number[]
}

/** DefaultNormalizeScore: scale to the maximum; `reverse` turns the best into the worst. */
export function defaultNormalize(scores: number[], reverse: boolean): number[] {
  let max = 0
  // Indexed: a for-of over a frozen array (a shared uniform column) takes V8's generic iterator,
  // an object per element.
  for (let i = 0; i < scores.length; i++) if (scores[i]! > max) max = scores[i]!
  if (max === 0) return reverse ? uniformColumn(maxNodeScore, scores.length) : scores.slice()
  return scores.map((s) => {
    const v = Math.trunc((maxNodeScore * s) / max)
    return reverse ? maxNodeScore - v : v
  })
}

/** Raw: how many PreferNoSchedule taints the pod does not tolerate. Reversed on normalisation. */
export function taintTolerationScore(c: Cycle, n: NodeInfo): number {
  let count = 0
  for (const taint of n.taints) {
    if (taint.effect !== 'PreferNoSchedule') continue
    let tolerated = false
    for (const t of c.softTolerations) if (tolerates(t, taint)) tolerated = true
    if (!tolerated) count++
  }
  return count
}

/** Every node scores 0 when no node has a PreferNoSchedule taint (the cache counts them). */
export function taintTolerationUniform(c: Cycle): number | undefined {
  return c.cache.softTaintedNodes === 0 ? 0 : undefined
}

/** PreScore Skip when the pod has no preferred node affinity. */
export function nodeAffinityPreScore(c: Cycle): boolean {
  return !!c.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length
}

/** Raw: the sum of the weights of the preferred terms the node matches. */
export function nodeAffinityScore(c: Cycle, n: NodeInfo): number {
  let sum = 0
  for (const p of c.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
    if (p.weight !== 0 && matchesNodeSelectorTerm(n.node, p.preference)) sum += p.weight
  }
  return sum
}

/** least_allocated.go: (capacity − requested)·100 / capacity, 0 when over. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0
  return Math.trunc(((capacity - requested) * maxNodeScore) / capacity)
}

/** most_allocated.go: requested·100 / capacity, requested capped at capacity. */
export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0
  return Math.trunc((Math.min(requested, capacity) * maxNodeScore) / capacity)
}

/** helper.BuildBrokenLinearFunction over shape points with scores already ×10 (0..100). */
export function brokenLinear(shape: { utilization: number; score: number }[], p: number): number {
  for (let i = 0; i < shape.length; i++) {
    if (p <= shape[i]!.utilization) {
      if (i === 0) return shape[0]!.score
      const a = shape[i - 1]!
      const b = shape[i]!
      return a.score + Math.trunc(((b.score - a.score) * (p - a.utilization)) / (b.utilization - a.utilization))
    }
  }
  return shape[shape.length - 1]!.score
}

/**
 * NodeResourcesFit score over cpu and memory (weights 1, 1), on non-zero requests: the node's
 * pods plus this one. Resources the node has none of are left out of the mean.
 */
export function resourcesFitScore(c: Cycle, n: NodeInfo, strategy: ScoringStrategy = c.cfg.scoringStrategy): number {
  if (strategy.type === 'LeastAllocated') {
    // The default, without allocating: the mean over the resources the node has.
    const ca = n.allocatable.milliCpu
    const ma = n.allocatable.memory
    if (ca && ma) {
      const cpu = leastRequestedScore(n.nonZeroRequested.milliCpu + c.nonZeroReq.milliCpu, ca)
      const mem = leastRequestedScore(n.nonZeroRequested.memory + c.nonZeroReq.memory, ma)
      return Math.trunc((cpu + mem) / 2)
    }
  }
  const requested = [n.nonZeroRequested.milliCpu + c.nonZeroReq.milliCpu, n.nonZeroRequested.memory + c.nonZeroReq.memory]
  const alloc = [n.allocatable.milliCpu, n.allocatable.memory]
  let score = 0
  let weights = 0
  for (let i = 0; i < 2; i++) {
    if (alloc[i] === 0) continue
    let s: number
    if (strategy.type === 'LeastAllocated') s = leastRequestedScore(requested[i]!, alloc[i]!)
    else if (strategy.type === 'MostAllocated') s = mostRequestedScore(requested[i]!, alloc[i]!)
    else {
      // Shape scores are 0..10 in the API, scaled ×10 (MaxCustomPriorityScore).
      const shape = strategy.shape.map((p) => ({ utilization: p.utilization, score: p.score * 10 }))
      const util = requested[i]! > alloc[i]! ? 100 : Math.trunc((requested[i]! * 100) / alloc[i]!)
      s = brokenLinear(shape, util)
      if (s <= 0) continue
    }
    score += s
    weights++
  }
  if (weights === 0) return 0
  return strategy.type === 'RequestedToCapacityRatio' ? Math.round(score / weights) : Math.trunc(score / weights)
}

/**
 * `resourcesFitScore` over the feasible nodes in one loop: the two per-node scores run on every
 * feasible node of every cycle, and a call per node through the plugin table cost more than the
 * arithmetic. Same values.
 */
export function resourcesFitColumn(c: Cycle, nodes: NodeInfo[]): number[] {
  const out = new Array<number>(nodes.length)
  const strategy = c.cfg.scoringStrategy
  for (let i = 0; i < nodes.length; i++) out[i] = resourcesFitScore(c, nodes[i]!, strategy)
  return out
}

/** `balancedAllocationScore` over the feasible nodes in one loop (see resourcesFitColumn). */
export function balancedAllocationColumn(c: Cycle, nodes: NodeInfo[]): number[] {
  const out = new Array<number>(nodes.length)
  for (let i = 0; i < nodes.length; i++) out[i] = balancedAllocationScore(c, nodes[i]!)
  return out
}

/** PreScore Skip for a pod that requests nothing (balanced_allocation.go, v1.32+). */
export function balancedAllocationPreScore(c: Cycle): boolean {
  return !c.bestEffort
}

/** (1 − std of the cpu and memory fractions)·100, on actual requests. */
export function balancedAllocationScore(c: Cycle, n: NodeInfo): number {
  const ca = n.allocatable.milliCpu
  const ma = n.allocatable.memory
  // With one resource (or none) the standard deviation is 0.
  if (!ca || !ma) return maxNodeScore
  const fc = Math.min((n.requested.milliCpu + c.req.milliCpu) / ca, 1)
  const fm = Math.min((n.requested.memory + c.req.memory) / ma, 1)
  const std = Math.abs((fc - fm) / 2)
  return Math.trunc((1 - std) * maxNodeScore)
}

const mb = 1024 * 1024
/** image_locality.go: minThreshold 23 MiB, maxContainerThreshold 1000 MiB per container. */
export const imageMinThreshold = 23 * mb
export const imageMaxContainerThreshold = 1000 * mb

export { normalizedImageName } from './cycle.ts'

/** Every node scores 0 when no node reports any of the pod's images (the sum is below the threshold). */
export function imageLocalityUniform(c: Cycle): number | undefined {
  for (const name of c.images) if (c.cache.imageNodes[name]) return undefined
  return 0
}

/** Σ size·(nodes having it / all nodes) over the pod's images present, clamped and scaled to 0..100. */
export function imageLocalityScore(c: Cycle, n: NodeInfo): number {
  const images = c.images
  const total = c.allNodes.length
  let sum = 0
  for (const name of images) {
    const size = n.images[name]
    if (size === undefined) continue
    sum += Math.trunc(size * ((c.cache.imageNodes[name] ?? 0) / total))
  }
  const maxThreshold = imageMaxContainerThreshold * images.length
  const clamped = Math.min(Math.max(sum, imageMinThreshold), maxThreshold)
  return Math.trunc((maxNodeScore * (clamped - imageMinThreshold)) / (maxThreshold - imageMinThreshold))
}
