/**
 * Score plugins of the default profile with their weights and normalisation
 * (FIDELITY.md §2.1, §2.3). A plugin that has nothing to say about a pod skips (PreScore Skip),
 * as NodeAffinity does without preferred terms and BalancedAllocation does for BestEffort pods.
 */
import type { KObject, Taint } from '../../protocol.ts'
import type { NodeInfo } from './node-info.ts'
import { podImages, podRequests, requestsNothing } from './pod-resources.ts'
import { tolerates, type Toleration } from './taints.ts'

export interface PluginScores {
  plugin: string
  weight: number
  skipped: boolean
  raw: number[]
  normalized: number[]
}

/** DefaultNormalizeScore (pkg/scheduler/framework/plugins/helper/normalize_score.go). */
export function defaultNormalize(scores: number[], reverse: boolean): number[] {
  const max = Math.max(0, ...scores)
  if (max === 0) return scores.map(() => (reverse ? 100 : 0))
  return scores.map((s) => {
    const v = Math.floor((100 * s) / max)
    return reverse ? 100 - v : v
  })
}

function taintToleration(pod: KObject, nodes: NodeInfo[]): PluginScores {
  const tolerations = (((pod.spec ?? {}) as { tolerations?: Toleration[] }).tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule')
  const raw = nodes.map((n) => {
    const taints = ((n.node.spec as { taints?: Taint[] } | undefined)?.taints ?? []).filter((t) => t.effect === 'PreferNoSchedule')
    return taints.filter((t) => !tolerations.some((tol) => tolerates(tol, t))).length
  })
  return { plugin: 'TaintToleration', weight: 3, skipped: false, raw, normalized: defaultNormalize(raw, true) }
}

function nodeAffinity(pod: KObject, nodes: NodeInfo[]): PluginScores {
  const preferred = ((pod.spec ?? {}) as { affinity?: { nodeAffinity?: { preferredDuringSchedulingIgnoredDuringExecution?: unknown[] } } }).affinity
    ?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution
  const raw = nodes.map(() => 0)
  return { plugin: 'NodeAffinity', weight: 2, skipped: !preferred?.length, raw, normalized: raw }
}

/** LeastAllocated: Σ over cpu and memory of (alloc − requested)·100/alloc, averaged (weights 1, 1). */
function nodeResourcesFit(pod: KObject, nodes: NodeInfo[]): PluginScores {
  const req = podRequests(pod, true)
  const least = (requested: number, alloc: number): number => (alloc === 0 || requested > alloc ? 0 : Math.floor(((alloc - requested) * 100) / alloc))
  const raw = nodes.map((n) => {
    const cpu = least(n.nonZeroRequested.milliCpu + req.milliCpu, n.allocatable.milliCpu)
    const mem = least(n.nonZeroRequested.memory + req.memory, n.allocatable.memory)
    return Math.floor((cpu + mem) / 2)
  })
  return { plugin: 'NodeResourcesFit', weight: 1, skipped: false, raw, normalized: raw }
}

/** BalancedAllocation: (1 − |f_cpu − f_mem|/2)·100 on actual requests; BestEffort pods skip. */
function balancedAllocation(pod: KObject, nodes: NodeInfo[]): PluginScores {
  const skipped = requestsNothing(pod)
  const req = podRequests(pod)
  const raw = nodes.map((n) => {
    if (skipped) return 0
    const fc = n.allocatable.milliCpu ? Math.min((n.requested.milliCpu + req.milliCpu) / n.allocatable.milliCpu, 1) : 0
    const fm = n.allocatable.memory ? Math.min((n.requested.memory + req.memory) / n.allocatable.memory, 1) : 0
    return Math.floor((1 - Math.abs(fc - fm) / 2) * 100)
  })
  return { plugin: 'NodeResourcesBalancedAllocation', weight: 1, skipped, raw, normalized: raw }
}

/** ImageLocality: image bytes already on a node, scaled by how many nodes have them (image_locality.go). */
function imageLocality(pod: KObject, nodes: NodeInfo[], allNodes: NodeInfo[]): PluginScores {
  const mb = 1024 * 1024
  const minThreshold = 23 * mb
  const images = podImages(pod)
  const maxThreshold = 1000 * mb * Math.max(1, images.length)
  const onNode = (n: NodeInfo, image: string): number => {
    const list = ((n.node.status as { images?: { names?: string[]; sizeBytes?: number }[] } | undefined)?.images ?? [])
    const hit = list.find((i) => (i.names ?? []).some((name) => name === image || name.endsWith(`/${image}`) || name.endsWith(`/library/${image}`)))
    return hit?.sizeBytes ?? 0
  }
  const raw = nodes.map((n) => {
    let sum = 0
    for (const image of images) {
      const size = onNode(n, image)
      if (!size) continue
      const spread = allNodes.filter((m) => onNode(m, image) > 0).length / allNodes.length
      sum += Math.floor(size * spread)
    }
    const clamped = Math.min(Math.max(sum, minThreshold), maxThreshold)
    return Math.floor((100 * (clamped - minThreshold)) / (maxThreshold - minThreshold))
  })
  return { plugin: 'ImageLocality', weight: 1, skipped: false, raw, normalized: raw }
}

/**
 * PodTopologySpread and InterPodAffinity need owner selectors or affinity terms; a pod without
 * them skips both (their PreScore returns Skip).
 */
function skippedPlugin(plugin: string, weight: number, nodes: NodeInfo[]): PluginScores {
  const zero = nodes.map(() => 0)
  return { plugin, weight, skipped: true, raw: zero, normalized: zero }
}

export function runScores(pod: KObject, feasible: NodeInfo[], allNodes: NodeInfo[]): PluginScores[] {
  return [
    taintToleration(pod, feasible),
    nodeAffinity(pod, feasible),
    nodeResourcesFit(pod, feasible),
    skippedPlugin('PodTopologySpread', 2, feasible),
    skippedPlugin('InterPodAffinity', 2, feasible),
    balancedAllocation(pod, feasible),
    imageLocality(pod, feasible, allNodes),
  ]
}
