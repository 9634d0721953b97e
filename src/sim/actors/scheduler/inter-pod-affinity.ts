/**
 * InterPodAffinity (interpodaffinity/filtering.go, scoring.go; FIDELITY.md §2.3). A topology
 * domain is the value of the term's topologyKey label on a node. Filter: the pod's required
 * affinity must find a matching pod in the node's domain (or be the first of its kind), its
 * required anti-affinity must find none, and no existing pod's required anti-affinity may reject
 * it. Score: preferred terms both ways, plus hardPodAffinityWeight for existing pods' required
 * affinity that the pod satisfies, then min–max normalised.
 */
import type { KObject } from '../../protocol.ts'
import { addedOn, podObjectsOn, podsOn, type Cycle } from './cycle.ts'
import { unresolvable, unschedulable } from './filters.ts'
import { matchesLabelSelector } from './labels.ts'
import type { NodeInfo } from './node-info.ts'
import { podSpec, type FilterStatus, type PodAffinityTerm } from './types.ts'

interface Term {
  term: PodAffinityTerm
  /** The namespace of the pod that owns the term: the default for `namespaces`. */
  ownerNamespace: string
  weight: number
}

/** AffinityTerm.Matches: the namespace is one the term names (default: its owner's), and the labels match. */
function termMatches(t: Term, pod: KObject): boolean {
  const ns = pod.metadata.namespace ?? 'default'
  const { namespaces, namespaceSelector } = t.term
  let nsOk: boolean
  if (namespaces?.length) nsOk = namespaces.includes(ns) || (!!namespaceSelector && nsSelectorMatches(namespaceSelector, ns))
  else if (namespaceSelector) nsOk = nsSelectorMatches(namespaceSelector, ns)
  else nsOk = ns === t.ownerNamespace
  return nsOk && matchesLabelSelector(pod.metadata.labels ?? {}, t.term.labelSelector ?? { matchExpressions: [{ key: '\0', operator: 'In', values: [] }] })
}

/** The scheduler knows a namespace's `kubernetes.io/metadata.name` label; an empty selector is every namespace. */
function nsSelectorMatches(sel: NonNullable<PodAffinityTerm['namespaceSelector']>, ns: string): boolean {
  return matchesLabelSelector({ 'kubernetes.io/metadata.name': ns }, sel)
}

function terms(pod: KObject, which: 'podAffinity' | 'podAntiAffinity', kind: 'required' | 'preferred'): Term[] {
  const a = podSpec(pod).affinity?.[which]
  // Most pods have none: one shared empty list rather than two new arrays per call (each cycle
  // asks for four lists in PreFilter and PreScore).
  if (!a) return noTerms
  const ns = pod.metadata.namespace ?? 'default'
  if (kind === 'required') return (a.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((term) => ({ term, ownerNamespace: ns, weight: 1 }))
  return (a.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => ({ term: w.podAffinityTerm, ownerNamespace: ns, weight: w.weight }))
}

const noTerms: Term[] = Object.freeze([]) as unknown as Term[]

const pair = (key: string, value: string): string => `${key}\0${value}`

interface FilterState {
  affinity: Term[]
  antiAffinity: Term[]
  existingAnti: Record<string, number>
  affinityCounts: Record<string, number>
  antiCounts: Record<string, number>
}

const filterKey = 'InterPodAffinity/filter'

/** PreFilter: counts per topology pair; returns false (Skip) when there is nothing to check. */
export function interPodAffinityPreFilter(c: Cycle): boolean {
  const affinity = terms(c.pod, 'podAffinity', 'required')
  const antiAffinity = terms(c.pod, 'podAntiAffinity', 'required')
  const own = affinity.length > 0 || antiAffinity.length > 0
  // Nothing here and nothing on any node: Skip without looking at the nodes.
  if (!own && !c.cache.podsWithRequiredAntiAffinity && !c.anyAdded) return false
  const s: FilterState = { affinity, antiAffinity, existingAnti: {}, affinityCounts: {}, antiCounts: {} }
  for (const info of c.allNodes) {
    if (!own && !info.podsWithRequiredAntiAffinity && !addedOn(c, info.name)) continue
    const labels = info.node.metadata.labels ?? {}
    for (const existing of podObjectsOn(c, info)) {
      for (const t of terms(existing, 'podAntiAffinity', 'required')) {
        const v = labels[t.term.topologyKey]
        if (v !== undefined && termMatches(t, c.pod)) s.existingAnti[pair(t.term.topologyKey, v)] = (s.existingAnti[pair(t.term.topologyKey, v)] ?? 0) + 1
      }
      if (affinity.length && affinity.every((t) => termMatches(t, existing))) {
        for (const t of affinity) {
          const v = labels[t.term.topologyKey]
          if (v !== undefined) s.affinityCounts[pair(t.term.topologyKey, v)] = (s.affinityCounts[pair(t.term.topologyKey, v)] ?? 0) + 1
        }
      }
      for (const t of antiAffinity) {
        const v = labels[t.term.topologyKey]
        if (v !== undefined && termMatches(t, existing)) s.antiCounts[pair(t.term.topologyKey, v)] = (s.antiCounts[pair(t.term.topologyKey, v)] ?? 0) + 1
      }
    }
  }
  if (!own && !Object.keys(s.existingAnti).length) return false
  c.state[filterKey] = s
  return true
}

export function interPodAffinityFilter(c: Cycle, info: NodeInfo): FilterStatus | null {
  const s = c.state[filterKey] as FilterState | undefined
  if (!s) return null
  const labels = info.node.metadata.labels ?? {}
  // Required affinity: every term's domain holds a pod matching all terms.
  let podsExist = true
  for (const t of s.affinity) {
    const v = labels[t.term.topologyKey]
    if (v === undefined) return unresolvable("node(s) didn't match pod affinity rules")
    if ((s.affinityCounts[pair(t.term.topologyKey, v)] ?? 0) <= 0) podsExist = false
  }
  if (!podsExist) {
    // The first pod of a group with affinity to itself may go anywhere that has the labels.
    const first = !Object.keys(s.affinityCounts).length && s.affinity.every((t) => termMatches(t, c.pod))
    if (!first) return unresolvable("node(s) didn't match pod affinity rules")
  }
  for (const t of s.antiAffinity) {
    const v = labels[t.term.topologyKey]
    if (v !== undefined && (s.antiCounts[pair(t.term.topologyKey, v)] ?? 0) > 0) return unschedulable("node(s) didn't match pod anti-affinity rules")
  }
  for (const key in labels) {
    if ((s.existingAnti[pair(key, labels[key]!)] ?? 0) > 0) return unschedulable("node(s) didn't satisfy existing pods anti-affinity rules")
  }
  return null
}

type ScoreMap = Record<string, Record<string, number>>
const scoreKey = 'InterPodAffinity/score'

function add(m: ScoreMap, t: Term, weight: number, pod: KObject, node: KObject): void {
  if (!termMatches(t, pod)) return
  const v = node.metadata.labels?.[t.term.topologyKey]
  if (v === undefined) return
  const byValue = (m[t.term.topologyKey] ??= {})
  byValue[v] = (byValue[v] ?? 0) + weight
}

/** PreScore: the score of every topology pair; Skip when there is none. */
export function interPodAffinityPreScore(c: Cycle): boolean {
  const prefAff = terms(c.pod, 'podAffinity', 'preferred')
  const prefAnti = terms(c.pod, 'podAntiAffinity', 'preferred')
  const hasConstraints = prefAff.length > 0 || prefAnti.length > 0
  if (!hasConstraints && !c.cache.podsWithAffinity && !c.anyAdded) return false
  const m: ScoreMap = {}
  for (const info of c.allNodes) {
    if (!hasConstraints && !info.podsWithAffinity && !addedOn(c, info.name)) continue
    const node = info.node
    if (!Object.keys(node.metadata.labels ?? {}).length) continue
    for (const key of podsOn(c, info)) {
      const existing = c.pods[key]
      if (!existing) continue
      const a = podSpec(existing).affinity
      if (!hasConstraints && !a?.podAffinity && !a?.podAntiAffinity) continue
      for (const t of prefAff) add(m, t, t.weight, existing, node)
      for (const t of prefAnti) add(m, t, -t.weight, existing, node)
      if (c.cfg.hardPodAffinityWeight > 0) for (const t of terms(existing, 'podAffinity', 'required')) add(m, t, c.cfg.hardPodAffinityWeight, c.pod, node)
      for (const t of terms(existing, 'podAffinity', 'preferred')) add(m, t, t.weight, c.pod, node)
      for (const t of terms(existing, 'podAntiAffinity', 'preferred')) add(m, t, -t.weight, c.pod, node)
    }
  }
  if (!Object.keys(m).length) return false
  c.state[scoreKey] = m
  return true
}

export function interPodAffinityScore(c: Cycle, info: NodeInfo): number {
  const m = c.state[scoreKey] as ScoreMap
  const labels = info.node.metadata.labels ?? {}
  let score = 0
  for (const key in m) {
    const v = labels[key]
    if (v !== undefined) score += m[key]![v] ?? 0
  }
  return score
}

/** int64(100 · (s − min) / (max − min)), 0 everywhere when all are equal. */
export function interPodAffinityNormalize(raw: number[]): number[] {
  const min = Math.min(...raw)
  const max = Math.max(...raw)
  const diff = max - min
  return raw.map((s) => (diff > 0 ? Math.trunc(100 * ((s - min) / diff)) : 0))
}
