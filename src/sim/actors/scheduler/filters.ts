/**
 * The node-local filter plugins of the default profile, each with its real reason text and status
 * code (FIDELITY.md §2.3): nodeunschedulable/node_unschedulable.go, nodename/node_name.go,
 * tainttoleration/taint_toleration.go, nodeaffinity/node_affinity.go, nodeports/node_ports.go,
 * noderesources/fit.go. Unschedulable means preemption might help; UnschedulableAndUnresolvable
 * means it cannot.
 */
import type { Cycle } from './cycle.ts'
import { asCached, usage } from './cycle.ts'
import { matchesNodeSelectorTerm } from './labels.ts'
import type { NodeInfo } from './node-info.ts'
import { portsConflict } from './pod-resources.ts'
import { untolerated } from './taints.ts'
import type { FilterStatus } from './types.ts'

export const unresolvable = (...reasons: string[]): FilterStatus => ({ code: 'UnschedulableAndUnresolvable', reasons })
export const unschedulable = (...reasons: string[]): FilterStatus => ({ code: 'Unschedulable', reasons })

const wereUnschedulable: FilterStatus = unresolvable('node(s) were unschedulable')

export function nodeUnschedulableFilter(c: Cycle, n: NodeInfo): FilterStatus | null {
  // A pod tolerating node.kubernetes.io/unschedulable:NoSchedule may still go there.
  return n.unschedulable && !c.toleratesUnschedulable ? wereUnschedulable : null
}

export function nodeNameFilter(c: Cycle, n: NodeInfo): FilterStatus | null {
  const wanted = c.spec.nodeName
  return wanted && wanted !== n.name ? unresolvable("node(s) didn't match the requested node name") : null
}

const hardEffects = ['NoSchedule', 'NoExecute']

export function taintTolerationFilter(c: Cycle, n: NodeInfo): FilterStatus | null {
  if (!n.taints.length) return null
  const t = untolerated(n.taints, c.tolerations, hardEffects)
  return t ? unresolvable(`node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`) : null
}

/** nodeSelector (every pair) and required node affinity (terms ORed). */
export function matchesRequiredNodeAffinity(c: Pick<Cycle, 'spec'>, n: NodeInfo): boolean {
  const labels = n.labels
  const sel = c.spec.nodeSelector
  if (sel) for (const k in sel) if (labels[k] !== sel[k]) return false
  const terms = c.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms
  if (!terms) return true
  for (const t of terms) if (matchesNodeSelectorTerm(n.node, t)) return true
  return false
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
  const simple = asCached(c, n.name)
  const requested = simple ? n.requested : usage(c, n).requested
  const count = simple ? n.pods.length : usage(c, n).count
  const r = c.req
  const a = n.allocatable
  // The common case, everything fits, without allocating.
  if (
    count + 1 <= n.allocatablePods &&
    (c.bestEffort ||
      ((r.milliCpu === 0 || r.milliCpu <= a.milliCpu - requested.milliCpu) &&
        (r.memory === 0 || r.memory <= a.memory - requested.memory) &&
        (r.ephemeral === 0 || r.ephemeral <= a.ephemeral - requested.ephemeral) &&
        c.noScalars))
  )
    return null
  const out: Insufficient = { reasons: [], hopeless: false }
  if (count + 1 > n.allocatablePods) out.reasons.push('Too many pods')
  if (!c.bestEffort) {
    insufficient(out, r.milliCpu, a.milliCpu, requested.milliCpu, 'cpu')
    insufficient(out, r.memory, a.memory, requested.memory, 'memory')
    insufficient(out, r.ephemeral, a.ephemeral, requested.ephemeral, 'ephemeral-storage')
    for (const name of Object.keys(r.scalar).sort()) {
      insufficient(out, r.scalar[name]!, a.scalar[name] ?? 0, requested.scalar[name] ?? 0, name)
    }
  }
  if (!out.reasons.length) return null
  return out.hopeless ? unresolvable(...out.reasons) : unschedulable(...out.reasons)
}

interface Insufficient {
  reasons: string[]
  hopeless: boolean
}

function insufficient(out: Insufficient, want: number, alloc: number, used: number, name: string): void {
  if (want > 0 && want > alloc - used) {
    out.reasons.push(`Insufficient ${name}`)
    if (want > alloc) out.hopeless = true
  }
}
