/**
 * The default profile (`default-scheduler`): its Filter and Score plugins in MultiPoint order
 * with their weights (pkg/scheduler/apis/config/v1/default_plugins.go; FIDELITY.md §2.1). The
 * volume and DRA plugins are listed because the real profile runs them; with no
 * PersistentVolumeClaims or ResourceClaims in a pod their PreFilter returns Skip.
 */
import type { Cycle } from './cycle.ts'
import {
  nodeAffinityFilter,
  nodeNameFilter,
  nodePortsFilter,
  nodeResourcesFitFilter,
  nodeUnschedulableFilter,
  taintTolerationFilter,
} from './filters.ts'
import {
  interPodAffinityFilter,
  interPodAffinityNormalize,
  interPodAffinityPreFilter,
  interPodAffinityPreScore,
  interPodAffinityScore,
} from './inter-pod-affinity.ts'
import type { NodeInfo } from './node-info.ts'
import {
  balancedAllocationColumn,
  balancedAllocationPreScore,
  balancedAllocationScore,
  defaultNormalize,
  imageLocalityScore,
  imageLocalityUniform,
  nodeAffinityPreScore,
  nodeAffinityScore,
  resourcesFitColumn,
  resourcesFitScore,
  taintTolerationScore,
  taintTolerationUniform,
} from './scores.ts'
import {
  topologySpreadFilter,
  topologySpreadNormalize,
  topologySpreadPreFilter,
  topologySpreadPreScore,
  topologySpreadScore,
} from './topology-spread.ts'
import type { FilterStatus } from './types.ts'

export interface FilterPlugin {
  name: string
  /**
   * True when the filter cannot fail any node for this cycle (no node is cordoned, the pod names
   * no node, no selector…): the cycle leaves it out of the per-node loop. An optimisation with the
   * same verdicts, so the decision table still shows it as passed.
   */
  passesAll?: (c: Cycle) => boolean
  /** PreFilter; false means Skip (the plugin's Filter is not run for this pod). */
  preFilter?: (c: Cycle) => boolean
  /** Why PreFilter skipped, for the decision table. */
  skipWhy?: string
  filter: (c: Cycle, n: NodeInfo) => FilterStatus | null
}

export interface ScorePlugin {
  name: string
  weight: number
  /** PreScore; false means Skip. */
  preScore?: (c: Cycle, feasible: NodeInfo[]) => boolean
  skipWhy?: string
  score: (c: Cycle, n: NodeInfo) => number
  /** `score` over every feasible node at once, where a per-node call costs more than the score. */
  scoreAll?: (c: Cycle, feasible: NodeInfo[]) => number[]
  /**
   * The raw score every node gets, when the cycle can tell without scoring each (no node has the
   * pod's images…): the cycle then writes one shared column. Same scores, fewer calls.
   */
  uniform?: (c: Cycle) => number | undefined
  /** NormalizeScore; absent when the raw score is already 0..100. */
  normalize?: (c: Cycle, feasible: NodeInfo[], raw: number[]) => number[]
}

const never = (): boolean => false
const pass = (): null => null

/** Some node has a taint (TaintToleration's filter passes every node that has none). */
function anyTainted(nodes: NodeInfo[]): boolean {
  for (let i = 0; i < nodes.length; i++) if (nodes[i]!.taints.length) return true
  return false
}

export const filterPlugins: FilterPlugin[] = [
  { name: 'NodeUnschedulable', passesAll: (c) => c.toleratesUnschedulable || !c.allNodes.some((n) => n.unschedulable), filter: nodeUnschedulableFilter },
  { name: 'NodeName', passesAll: (c) => !c.spec.nodeName, filter: nodeNameFilter },
  { name: 'TaintToleration', passesAll: (c) => !anyTainted(c.allNodes), filter: taintTolerationFilter },
  {
    name: 'NodeAffinity',
    passesAll: (c) => !c.spec.nodeSelector && !c.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution,
    filter: nodeAffinityFilter,
  },
  { name: 'NodePorts', preFilter: (c) => c.ports.length > 0, skipWhy: 'the pod asks for no host ports', filter: nodePortsFilter },
  { name: 'NodeResourcesFit', filter: nodeResourcesFitFilter },
  { name: 'VolumeRestrictions', preFilter: never, skipWhy: 'no volumes that can conflict', filter: pass },
  { name: 'NodeVolumeLimits', preFilter: never, skipWhy: 'no CSI volumes', filter: pass },
  { name: 'VolumeBinding', preFilter: never, skipWhy: 'no PersistentVolumeClaims', filter: pass },
  { name: 'VolumeZone', preFilter: never, skipWhy: 'no PersistentVolumeClaims', filter: pass },
  {
    name: 'PodTopologySpread',
    preFilter: topologySpreadPreFilter,
    skipWhy: 'no DoNotSchedule spread constraints',
    filter: topologySpreadFilter,
  },
  {
    name: 'InterPodAffinity',
    preFilter: interPodAffinityPreFilter,
    skipWhy: 'no required (anti-)affinity here or on existing pods',
    filter: interPodAffinityFilter,
  },
  { name: 'DynamicResources', preFilter: never, skipWhy: 'no ResourceClaims', filter: pass },
]

export const scorePlugins: ScorePlugin[] = [
  {
    name: 'TaintToleration',
    weight: 3,
    score: taintTolerationScore,
    uniform: taintTolerationUniform,
    normalize: (_c, _n, raw) => defaultNormalize(raw, true),
  },
  {
    name: 'NodeAffinity',
    weight: 2,
    preScore: nodeAffinityPreScore,
    skipWhy: 'no preferred node affinity',
    score: nodeAffinityScore,
    normalize: (_c, _n, raw) => defaultNormalize(raw, false),
  },
  { name: 'NodeResourcesFit', weight: 1, score: (c, n) => resourcesFitScore(c, n), scoreAll: resourcesFitColumn },
  {
    name: 'PodTopologySpread',
    weight: 2,
    preScore: topologySpreadPreScore,
    skipWhy: 'no ScheduleAnyway constraints and no Service or controller selects the pod',
    score: topologySpreadScore,
    normalize: topologySpreadNormalize,
  },
  {
    name: 'InterPodAffinity',
    weight: 2,
    preScore: interPodAffinityPreScore,
    skipWhy: 'no preferred (anti-)affinity to weigh',
    score: interPodAffinityScore,
    normalize: (_c, _n, raw) => interPodAffinityNormalize(raw),
  },
  {
    name: 'NodeResourcesBalancedAllocation',
    weight: 1,
    preScore: balancedAllocationPreScore,
    skipWhy: 'BestEffort pod',
    score: balancedAllocationScore,
    scoreAll: balancedAllocationColumn,
  },
  { name: 'ImageLocality', weight: 1, score: imageLocalityScore, uniform: imageLocalityUniform },
]
