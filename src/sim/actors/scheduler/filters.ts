/**
 * The node-local filter plugins of the default profile, each with its real reason text and status
 * code (FIDELITY.md §2.3): nodeunschedulable/node_unschedulable.go, nodename/node_name.go,
 * tainttoleration/taint_toleration.go, nodeaffinity/node_affinity.go, nodeports/node_ports.go,
 * noderesources/fit.go. Unschedulable means preemption might help; UnschedulableAndUnresolvable
 * means it cannot.
 */
import type { Cycle } from './cycle.ts'
import { usage } from './cycle.ts'
import { matchesNodeSelectorTerm } from './labels.ts'
import type { NodeInfo } from './node-info.ts'
import { portsConflict } from './pod-resources.ts'
import { untolerated } from './taints.ts'
import { nodeTaints, type FilterStatus } from './types.ts'

export const unresolvable = (...reasons: string[]): FilterStatus => ({ code: 'UnschedulableAndUnresolvable', reasons })
export const unschedulable = (...reasons: string[]): FilterStatus => ({ code: 'Unschedulable', reasons })

export function nodeUnschedulableFilter(c: Cycle, n: NodeInfo): FilterStatus | null {
  if (!(n.node.spec as { unschedulable?: boolean } | undefined)?.unschedulable) return null
  // A pod tolerating node.kubernetes.io/unschedulable:NoSchedule may still go there.
  const taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' as const }
  if (!untolerated([taint], c.spec.tolerations ?? [], ['NoSchedule'])) return null
  return unresolvable('node(s) were unschedulable')
}

export function nodeNameFilter(c: Cycle, n: NodeInfo): FilterStatus | null {
  const wanted = c.spec.nodeName
  return wanted && wanted !== n.name ? unresolvable("node(s) didn't match the requested node name") : null
}

export function taintTolerationFilter(c: Cycle, n: NodeInfo): FilterStatus | null {
  const t = untolerated(nodeTaints(n.node), c.spec.tolerations ?? [], ['NoSchedule', 'NoExecute'])
  return t ? unresolvable(`node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`) : null
}

/** nodeSelector (every pair) and required node affinity (terms ORed). */
export function matchesRequiredNodeAffinity(c: Pick<Cycle, 'spec'>, n: NodeInfo): boolean {
  const labels = n.node.metadata.labels ?? {}
  for (const k in c.spec.nodeSelector ?? {}) if (labels[k] !== c.spec.nodeSelector![k]) return false
  const terms = c.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms
  if (!terms) return true
  return terms.some((t) => matchesNodeSelectorTerm(n.node, t))
}

export function nodeAffinityFilter(c: Cycle, n: NodeInfo): FilterStatus | null {
  return matchesRequiredNodeAffinity(c, n) ? null : unresolvable("node(s) didn't match Pod's node affinity/selector")
}

/**
 * NodeAffinity PreFilter: when every required term names nodes by `metadata.name In`, only those
 * nodes are filtered at all (node_affinity.go PreFilter returns a PreFilterResult).
 */
export function nodeAffinityPreFilterNodes(c: Cycle): string[] | undefined {
  const terms = c.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms
  if (!terms?.length) return undefined
  const names = new Set<string>()
  for (const t of terms) {
    const byName = (t.matchFields ?? []).filter((f) => f.key === 'metadata.name' && f.operator === 'In')
    if (byName.length !== 1) return undefined
    for (const v of byName[0]!.values ?? []) names.add(v)
  }
  return [...names]
}

export function nodePortsFilter(c: Cycle, n: NodeInfo): FilterStatus | null {
  if (!c.ports.length) return null
  const used = usage(c, n).ports
  const clash = c.ports.some((w) => used.some((u) => portsConflict(u, w)))
  return clash ? unschedulable("node(s) didn't have free ports for the requested pod ports") : null
}

/**
 * Every failing resource is reported; a request larger than the node's whole allocatable is
 * unresolvable (fit.go fitsRequest `Unresolvable`).
 */
export function nodeResourcesFitFilter(c: Cycle, n: NodeInfo): FilterStatus | null {
  const { requested, count } = usage(c, n)
  const reasons: string[] = []
  let hopeless = false
  if (count + 1 > n.allocatablePods) reasons.push('Too many pods')
  if (!c.bestEffort) {
    const r = c.req
    const a = n.allocatable
    const check = (want: number, alloc: number, used: number, name: string): void => {
      if (want > 0 && want > alloc - used) {
        reasons.push(`Insufficient ${name}`)
        if (want > alloc) hopeless = true
      }
    }
    check(r.milliCpu, a.milliCpu, requested.milliCpu, 'cpu')
    check(r.memory, a.memory, requested.memory, 'memory')
    check(r.ephemeral, a.ephemeral, requested.ephemeral, 'ephemeral-storage')
    for (const name of Object.keys(r.scalar).sort()) {
      check(r.scalar[name]!, a.scalar[name] ?? 0, requested.scalar[name] ?? 0, name)
    }
  }
  if (!reasons.length) return null
  return hopeless ? unresolvable(...reasons) : unschedulable(...reasons)
}
