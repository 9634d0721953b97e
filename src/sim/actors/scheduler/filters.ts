/**
 * Filter plugins of the default profile, in its order; a node stops at its first failing filter
 * (pkg/scheduler/apis/config/v1/default_plugins.go; FIDELITY.md §2.1, §2.3). Reasons are the
 * plugins' real texts.
 */
import type { KObject, Taint } from '../../protocol.ts'
import type { NodeInfo } from './node-info.ts'
import { hostPorts, podRequests, requestsNothing } from './pod-resources.ts'
import { untolerated, type Toleration } from './taints.ts'

export interface FilterVerdict {
  plugin: string
  ok: boolean
  /** The failure reasons, in the words of the FitError histogram. */
  reasons: string[]
  /** UnschedulableAndUnresolvable: preemption would not help. */
  unresolvable: boolean
}

interface PodSpecLike {
  nodeName?: string
  nodeSelector?: Record<string, string>
  tolerations?: Toleration[]
  affinity?: {
    nodeAffinity?: {
      requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: { matchExpressions?: Requirement[] }[] }
    }
  }
}

interface Requirement {
  key: string
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt'
  values?: string[]
}

const pass = (plugin: string): FilterVerdict => ({ plugin, ok: true, reasons: [], unresolvable: false })
const fail = (plugin: string, reasons: string[], unresolvable: boolean): FilterVerdict => ({ plugin, ok: false, reasons, unresolvable })

function spec(pod: KObject): PodSpecLike {
  return (pod.spec ?? {}) as PodSpecLike
}

function nodeTaints(n: NodeInfo): Taint[] {
  return ((n.node.spec as { taints?: Taint[] } | undefined)?.taints ?? []) as Taint[]
}

function nodeUnschedulable(pod: KObject, n: NodeInfo): FilterVerdict {
  const cordoned = (n.node.spec as { unschedulable?: boolean } | undefined)?.unschedulable
  const tolerated = !untolerated([{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }], spec(pod).tolerations ?? [], ['NoSchedule'])
  return cordoned && !tolerated ? fail('NodeUnschedulable', ['node(s) were unschedulable'], true) : pass('NodeUnschedulable')
}

function nodeName(pod: KObject, n: NodeInfo): FilterVerdict {
  const wanted = spec(pod).nodeName
  return wanted && wanted !== n.name ? fail('NodeName', ["node(s) didn't match the requested node name"], true) : pass('NodeName')
}

function taintToleration(pod: KObject, n: NodeInfo): FilterVerdict {
  const t = untolerated(nodeTaints(n), spec(pod).tolerations ?? [], ['NoSchedule', 'NoExecute'])
  return t ? fail('TaintToleration', [`node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`], true) : pass('TaintToleration')
}

function matchesRequirement(labels: Record<string, string>, r: Requirement): boolean {
  const v = labels[r.key]
  switch (r.operator) {
    case 'In':
      return v !== undefined && (r.values ?? []).includes(v)
    case 'NotIn':
      return v === undefined || !(r.values ?? []).includes(v)
    case 'Exists':
      return v !== undefined
    case 'DoesNotExist':
      return v === undefined
    case 'Gt':
      return v !== undefined && Number(v) > Number(r.values?.[0])
    case 'Lt':
      return v !== undefined && Number(v) < Number(r.values?.[0])
  }
}

function nodeAffinity(pod: KObject, n: NodeInfo): FilterVerdict {
  const labels = n.node.metadata.labels ?? {}
  const s = spec(pod)
  const selectorOk = Object.entries(s.nodeSelector ?? {}).every(([k, v]) => labels[k] === v)
  const terms = s.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms
  const termsOk = !terms || terms.some((t) => (t.matchExpressions ?? []).every((r) => matchesRequirement(labels, r)))
  return selectorOk && termsOk ? pass('NodeAffinity') : fail('NodeAffinity', ["node(s) didn't match Pod's node affinity/selector"], true)
}

function nodePorts(pod: KObject, n: NodeInfo): FilterVerdict {
  const wanted = hostPorts(pod)
  if (!wanted.length) return pass('NodePorts')
  const used = n.pods.flatMap(hostPorts)
  const clash = wanted.some((w) => used.some((u) => u.port === w.port && u.protocol === w.protocol && (u.hostIP === w.hostIP || u.hostIP === '0.0.0.0' || w.hostIP === '0.0.0.0')))
  return clash ? fail('NodePorts', ["node(s) didn't have free ports for the requested pod ports"], false) : pass('NodePorts')
}

function nodeResourcesFit(pod: KObject, n: NodeInfo): FilterVerdict {
  const reasons: string[] = []
  if (n.pods.length + 1 > n.allocatable.pods) reasons.push('Too many pods')
  if (!requestsNothing(pod)) {
    const r = podRequests(pod)
    if (r.milliCpu > 0 && n.allocatable.milliCpu < r.milliCpu + n.requested.milliCpu) reasons.push('Insufficient cpu')
    if (r.memory > 0 && n.allocatable.memory < r.memory + n.requested.memory) reasons.push('Insufficient memory')
  }
  return reasons.length ? fail('NodeResourcesFit', reasons, false) : pass('NodeResourcesFit')
}

export const filterPlugins = [nodeUnschedulable, nodeName, taintToleration, nodeAffinity, nodePorts, nodeResourcesFit]

/** Runs the filters in order, stopping at the first failure. */
export function runFilters(pod: KObject, n: NodeInfo): FilterVerdict[] {
  const out: FilterVerdict[] = []
  for (const f of filterPlugins) {
    const v = f(pod, n)
    out.push(v)
    if (!v.ok) break
  }
  return out
}
