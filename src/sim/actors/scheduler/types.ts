/**
 * The parts of the Pod and Node APIs the scheduler reads (k8s.io/api/core/v1 types.go), typed
 * narrowly: the engine stores real JSON, and these say which fields the plugins look at.
 */
import type { KObject, Taint } from '../../protocol.ts'
import type { Toleration } from './taints.ts'

export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt'

export interface Requirement {
  key: string
  operator: Operator
  values?: string[]
}

export interface NodeSelectorTerm {
  matchExpressions?: Requirement[]
  matchFields?: Requirement[]
}

export interface LabelSelector {
  matchLabels?: Record<string, string>
  matchExpressions?: Requirement[]
}

export interface PodAffinityTerm {
  labelSelector?: LabelSelector
  namespaces?: string[]
  namespaceSelector?: LabelSelector
  topologyKey: string
}

export interface WeightedPodAffinityTerm {
  weight: number
  podAffinityTerm: PodAffinityTerm
}

export interface PodAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[]
  preferredDuringSchedulingIgnoredDuringExecution?: WeightedPodAffinityTerm[]
}

export interface Affinity {
  nodeAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] }
    preferredDuringSchedulingIgnoredDuringExecution?: { weight: number; preference: NodeSelectorTerm }[]
  }
  podAffinity?: PodAffinity
  podAntiAffinity?: PodAffinity
}

export interface TopologySpreadConstraint {
  maxSkew: number
  topologyKey: string
  whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway'
  labelSelector?: LabelSelector
  minDomains?: number
  nodeAffinityPolicy?: 'Honor' | 'Ignore'
  nodeTaintsPolicy?: 'Honor' | 'Ignore'
  matchLabelKeys?: string[]
}

export interface SchedPodSpec {
  nodeName?: string
  schedulerName?: string
  nodeSelector?: Record<string, string>
  tolerations?: Toleration[]
  affinity?: Affinity
  topologySpreadConstraints?: TopologySpreadConstraint[]
  priority?: number
  priorityClassName?: string
  preemptionPolicy?: 'PreemptLowerPriority' | 'Never'
  overhead?: Record<string, string | number>
}

export function podSpec(pod: KObject): SchedPodSpec {
  return (pod.spec ?? {}) as SchedPodSpec
}

export function podPriority(pod: KObject): number {
  return podSpec(pod).priority ?? 0
}

export function nodeTaints(node: KObject): Taint[] {
  return ((node.spec as { taints?: Taint[] } | undefined)?.taints ?? []) as Taint[]
}

export function nodeLabels(node: KObject): Record<string, string> {
  return node.metadata.labels ?? {}
}

/** A filter's answer for one node, with the status code the real plugin returns. */
export interface FilterStatus {
  code: 'Unschedulable' | 'UnschedulableAndUnresolvable'
  /** The reasons, in the words of the FitError histogram. */
  reasons: string[]
}

/** `kubernetes.io/hostname` (k8s.io/api/core/v1 well_known_labels.go). */
export const labelHostname = 'kubernetes.io/hostname'
/** `topology.kubernetes.io/zone`. */
export const labelZone = 'topology.kubernetes.io/zone'
/** `topology.kubernetes.io/region`. */
export const labelRegion = 'topology.kubernetes.io/region'
