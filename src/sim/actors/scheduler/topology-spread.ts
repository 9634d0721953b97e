/**
 * PodTopologySpread (podtopologyspread/common.go, filtering.go, scoring.go; FIDELITY.md §2.3):
 * the pod's own constraints, or, without any, the system defaults (hostname maxSkew 3 and zone
 * maxSkew 5, both ScheduleAnyway) over the selector of the Services, ReplicationController,
 * ReplicaSet or StatefulSet that select the pod (helper.DefaultSelector).
 */
import type { KObject } from '../../protocol.ts'
import { asCached, podsOn, type Cycle } from './cycle.ts'
import { matchesRequiredNodeAffinity, unresolvable, unschedulable } from './filters.ts'
import { isEmptySelector, matchesLabelSelector } from './labels.ts'
import type { NodeInfo, SchedulerCache } from './node-info.ts'
import { untolerated } from './taints.ts'
import { labelHostname, labelZone, nodeTaints, type LabelSelector, type Requirement } from './types.ts'

interface Constraint {
  maxSkew: number
  topologyKey: string
  selector: LabelSelector
  minDomains: number
  honorAffinity: boolean
  honorTaints: boolean
}

/** The system default constraints (PodTopologySpreadArgs defaultingType System, plugin.go). */
export const systemDefaultConstraints = [
  { topologyKey: labelHostname, maxSkew: 3 },
  { topologyKey: labelZone, maxSkew: 5 },
]

function ownerRef(pod: KObject): { kind: string; name: string } | undefined {
  const refs = (pod.metadata.ownerReferences ?? []) as { kind: string; name: string; controller?: boolean }[]
  return refs.find((r) => r.controller)
}

/** helper.DefaultSelector: Services' selectors merged, then the controlling owner's selector. */
export function defaultSelector(c: Cycle): LabelSelector {
  const ns = c.pod.metadata.namespace
  const labels = c.labels
  const matchLabels: Record<string, string> = {}
  const matchExpressions: Requirement[] = []
  for (const key of Object.keys(c.owners.services).sort()) {
    const svc = c.owners.services[key]!
    const sel = (svc.spec as { selector?: Record<string, string> } | undefined)?.selector
    if (svc.metadata.namespace !== ns || !sel || !Object.keys(sel).length) continue
    if (matchesLabelSelector(labels, { matchLabels: sel })) Object.assign(matchLabels, sel)
  }
  const owner = ownerRef(c.pod)
  if (owner) {
    const key = `${ns}/${owner.name}`
    if (owner.kind === 'ReplicationController') {
      const rc = c.owners.replicationcontrollers[key]
      Object.assign(matchLabels, (rc?.spec as { selector?: Record<string, string> } | undefined)?.selector ?? {})
    } else if (owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet') {
      const obj = owner.kind === 'ReplicaSet' ? c.owners.replicasets[key] : c.owners.statefulsets[key]
      const sel = (obj?.spec as { selector?: LabelSelector } | undefined)?.selector
      for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) matchExpressions.push({ key: k, operator: 'In', values: [v] })
      matchExpressions.push(...(sel?.matchExpressions ?? []))
    }
  }
  return { matchLabels, matchExpressions }
}

function constraintsFor(c: Cycle, when: 'DoNotSchedule' | 'ScheduleAnyway'): { list: Constraint[]; system: boolean } {
  const own = c.spec.topologySpreadConstraints ?? []
  if (own.length) {
    const list = own
      .filter((t) => t.whenUnsatisfiable === when)
      .map((t) => {
        // matchLabelKeys: the pod's values for those keys narrow the selector.
        const extra: Requirement[] = (t.matchLabelKeys ?? [])
          .filter((k) => c.labels[k] !== undefined)
          .map((k) => ({ key: k, operator: 'In' as const, values: [c.labels[k]!] }))
        const base = t.labelSelector ?? {}
        return {
          maxSkew: t.maxSkew,
          topologyKey: t.topologyKey,
          selector: { matchLabels: base.matchLabels ?? {}, matchExpressions: [...(base.matchExpressions ?? []), ...extra] },
          minDomains: t.minDomains ?? 1,
          honorAffinity: (t.nodeAffinityPolicy ?? 'Honor') === 'Honor',
          honorTaints: (t.nodeTaintsPolicy ?? 'Ignore') === 'Honor',
        }
      })
    return { list, system: false }
  }
  if (when === 'DoNotSchedule') return { list: [], system: true }
  const selector = defaultSelector(c)
  if (isEmptySelector(selector)) return { list: [], system: true }
  const list: Constraint[] = []
  // Written out, in the fields' order above: one object shape for the own and the default constraints.
  for (const d of systemDefaultConstraints) list.push({ maxSkew: d.maxSkew, topologyKey: d.topologyKey, selector, minDomains: 1, honorAffinity: true, honorTaints: false })
  return { list, system: true }
}

/** Pods in the pod's namespace matching the selector, terminating ones left out (common.go). */
function countMatching(c: Cycle, info: NodeInfo, selector: LabelSelector): number {
  let n = 0
  const ns = c.pod.metadata.namespace
  const pairs = equalityPairs(selector)?.pairs
  for (const k of podsOn(c, info)) {
    const p = c.pods[k]
    if (!p || p.metadata.deletionTimestamp || p.metadata.namespace !== ns) continue
    const labels = p.metadata.labels ?? {}
    if (pairs ? matchesPairs(labels, pairs) : matchesLabelSelector(labels, selector)) n++
  }
  return n
}

const pairsOf = new WeakMap<LabelSelector, { pairs: string[]; signature: string } | null>()

/**
 * A selector made only of `key=value` requirements (matchLabels, and `In` with one value: what
 * helper.DefaultSelector builds from a ReplicaSet) as a flat [key, value, …] list and a text
 * naming it, else null. Counting runs over every pod of the cluster in each cycle, so the generic
 * matcher is skipped.
 */
function equalityPairs(s: LabelSelector): { pairs: string[]; signature: string } | null {
  let found = pairsOf.get(s)
  if (found !== undefined) return found
  let pairs: string[] | null = []
  for (const k in s.matchLabels ?? {}) pairs.push(k, s.matchLabels![k]!)
  for (const r of s.matchExpressions ?? []) {
    const v = r.values?.[0]
    if (r.operator !== 'In' || r.values?.length !== 1 || typeof v !== 'string') {
      pairs = null
      break
    }
    pairs.push(r.key, v)
  }
  found = pairs ? { pairs, signature: pairs.join('\u0000') } : null
  pairsOf.set(s, found)
  return found
}

function matchesPairs(labels: Record<string, string>, pairs: string[]): boolean {
  for (let i = 0; i < pairs.length; i += 2) if (labels[pairs[i]!] !== pairs[i + 1]) return false
  return true
}

/**
 * Match counts per node carried from cycle to cycle, by namespace and selector, each valid while
 * the node's generation is unchanged (every pod added to or taken off the node bumps it, and a
 * pod's update is a remove and an add). The real plugin counts NodeInfo.Pods in parallel every
 * cycle; here one cycle changes one node, so the other nodes' counts are looked up instead of
 * recounted. Not state: keyed by the live cache and NodeInfos, so a restored snapshot starts
 * empty. A table is found once per selector (selectors are built afresh by each cycle).
 */
type Carried = Map<NodeInfo, { generation: number; count: number }>
const carried = new WeakMap<SchedulerCache, Map<string, Carried>>()
const tables = new WeakMap<LabelSelector, Carried | null>()

function carriedTable(c: Cycle, selector: LabelSelector): Carried | null {
  let table = tables.get(selector)
  if (table !== undefined) return table
  const eq = equalityPairs(selector)
  if (eq) {
    let bySelector = carried.get(c.cache)
    if (!bySelector) carried.set(c.cache, (bySelector = new Map()))
    const key = `${c.pod.metadata.namespace}\u0001${eq.signature}`
    table = bySelector.get(key)
    if (!table) bySelector.set(key, (table = new Map()))
  } else table = null
  tables.set(selector, table)
  return table
}

/** countMatching, from the carried counts when the cycle sees the node's pods as the cache does. */
function countMatchingCarried(c: Cycle, info: NodeInfo, selector: LabelSelector): number {
  const table = asCached(c, info.name) ? carriedTable(c, selector) : null
  return table ? fromTable(table, c, info, selector) : countMatching(c, info, selector)
}

function fromTable(table: Carried, c: Cycle, info: NodeInfo, selector: LabelSelector): number {
  const hit = table.get(info)
  if (!hit) {
    const count = countMatching(c, info, selector)
    table.set(info, { generation: info.generation, count })
    return count
  }
  if (hit.generation !== info.generation) {
    hit.count = countMatching(c, info, selector)
    hit.generation = info.generation
  }
  return hit.count
}

/**
 * countMatching remembered for the rest of the cycle, one counter per selector: PreScore counts
 * every node for the zone constraint and Score counts the feasible ones again for the hostname
 * constraint, with the same selector; the cycle's pods do not change in between. The carried
 * table is found once per counter, not once per node.
 */
interface Counter {
  selector: LabelSelector
  carried: Carried | null
  /** Counts this cycle of nodes the carried table cannot answer for, by node name. */
  memo: Map<string, number> | null
}

function countersFor(c: Cycle, list: Constraint[]): Counter[] {
  const out: Counter[] = []
  for (let i = 0; i < list.length; i++) {
    const selector = list[i]!.selector
    let shared: Counter | undefined
    for (let j = 0; j < i && !shared; j++) if (list[j]!.selector === selector) shared = out[j]
    out.push(shared ?? { selector, carried: carriedTable(c, selector), memo: null })
  }
  return out
}

function countMatchingOnce(counter: Counter, c: Cycle, info: NodeInfo): number {
  // Carried counts are already remembered, across cycles too.
  if (counter.carried && asCached(c, info.name)) return fromTable(counter.carried, c, info, counter.selector)
  const memo = (counter.memo ??= new Map())
  let n = memo.get(info.name)
  if (n === undefined) memo.set(info.name, (n = countMatching(c, info, counter.selector)))
  return n
}

function hasAllKeys(info: NodeInfo, list: Constraint[]): boolean {
  const labels = info.labels
  for (const k of list) if (labels[k.topologyKey] === undefined) return false
  return true
}

/** nodeAffinityPolicy Honor: only nodes the pod could go to by selector/affinity; taints likewise. */
function included(c: Cycle, k: Constraint, info: NodeInfo): boolean {
  if (k.honorAffinity && !matchesRequiredNodeAffinity(c, info)) return false
  if (k.honorTaints && untolerated(nodeTaints(info.node), c.spec.tolerations ?? [], ['NoSchedule', 'NoExecute'])) return false
  return true
}

interface FilterState {
  constraints: Constraint[]
  counts: Record<string, number>[]
}

const filterKey = 'PodTopologySpread/filter'

/** PreFilter: match counts per domain of each DoNotSchedule constraint. Returns false to Skip. */
export function topologySpreadPreFilter(c: Cycle): boolean {
  const { list } = constraintsFor(c, 'DoNotSchedule')
  if (!list.length) return false
  const counts = list.map(() => ({}) as Record<string, number>)
  for (const info of c.allNodes) {
    if (!hasAllKeys(info, list)) continue
    const labels = info.labels
    list.forEach((k, i) => {
      if (!included(c, k, info)) return
      const v = labels[k.topologyKey]!
      counts[i]![v] = (counts[i]![v] ?? 0) + countMatchingCarried(c, info, k.selector)
    })
  }
  c.state[filterKey] = { constraints: list, counts } satisfies FilterState
  return true
}

export function topologySpreadFilter(c: Cycle, info: NodeInfo) {
  const s = c.state[filterKey] as FilterState | undefined
  if (!s) return null
  const labels = info.labels
  for (let i = 0; i < s.constraints.length; i++) {
    const k = s.constraints[i]!
    const v = labels[k.topologyKey]
    if (v === undefined) return unresolvable("node(s) didn't match pod topology spread constraints (missing required label)")
    const self = matchesLabelSelector(c.labels, k.selector) ? 1 : 0
    const domains = Object.values(s.counts[i]!)
    // No domain at all: the critical path stays at MaxInt32, so nothing is skewed.
    let min = domains.length ? Math.min(...domains) : 2 ** 31 - 1
    if (domains.length < k.minDomains) min = 0
    const skew = (s.counts[i]![v] ?? 0) + self - min
    if (skew > k.maxSkew) return unschedulable("node(s) didn't match pod topology spread constraints")
  }
  return null
}

interface ScoreState {
  constraints: Constraint[]
  ignored: Record<string, true>
  /** How many nodes are in `ignored`: with none (the usual case) no node's name is looked up there. */
  ignoredCount: number
  counts: Record<string, number>[]
  weights: number[]
  /** One per constraint; constraints with one selector share theirs. */
  counters: Counter[]
}

const scoreKey = 'PodTopologySpread/score'

/** PreScore: domain counts over every node, and each constraint's weight ln(#domains + 2). */
export function topologySpreadPreScore(c: Cycle, feasible: NodeInfo[]): boolean {
  const { list, system } = constraintsFor(c, 'ScheduleAnyway')
  if (!list.length || !c.allNodes.length) return false
  // With the system defaults a node may lack the zone label and still be spread by hostname.
  const requireAll = !system
  const ignored: Record<string, true> = {}
  const counts = list.map(() => ({}) as Record<string, number>)
  const sizes = list.map(() => 0)
  for (const info of feasible) {
    if (requireAll && !hasAllKeys(info, list)) {
      ignored[info.name] = true
      continue
    }
    const labels = info.labels
    for (let i = 0; i < list.length; i++) {
      const k = list[i]!
      if (k.topologyKey === labelHostname) continue
      const v = labels[k.topologyKey] ?? ''
      if (counts[i]![v] === undefined) {
        counts[i]![v] = 0
        sizes[i]!++
      }
    }
  }
  const ignoredCount = Object.keys(ignored).length
  const weights = list.map((k, i) => Math.log((k.topologyKey === labelHostname ? feasible.length - ignoredCount : sizes[i]!) + 2))
  const counters = countersFor(c, list)
  // Every node, for the domain constraints (zone); hostname counts are taken in Score.
  for (const info of c.allNodes) {
    if (requireAll && !hasAllKeys(info, list)) continue
    const labels = info.labels
    for (let i = 0; i < list.length; i++) {
      const k = list[i]!
      if (k.topologyKey === labelHostname || !included(c, k, info)) continue
      const v = labels[k.topologyKey] ?? ''
      if (counts[i]![v] === undefined) continue
      counts[i]![v]! += countMatchingOnce(counters[i]!, c, info)
    }
  }
  c.state[scoreKey] = { constraints: list, ignored, ignoredCount, counts, weights, counters } satisfies ScoreState
  return true
}

export function topologySpreadScore(c: Cycle, info: NodeInfo): number {
  const s = c.state[scoreKey] as ScoreState
  if (s.ignoredCount && s.ignored[info.name]) return 0
  const labels = info.labels
  let score = 0
  // A loop, not forEach: Score runs once per feasible node per cycle, a closure each time adds up.
  for (let i = 0; i < s.constraints.length; i++) {
    const k = s.constraints[i]!
    const v = labels[k.topologyKey]
    if (v === undefined) continue
    const cnt = k.topologyKey === labelHostname ? countMatchingOnce(s.counters[i]!, c, info) : (s.counts[i]![v] ?? 0)
    score += cnt * s.weights[i]! + (k.maxSkew - 1)
  }
  return Math.round(score)
}

/** Fewer matching pods score higher: 100·(max + min − s)/max; ignored nodes 0. */
export function topologySpreadNormalize(c: Cycle, nodes: NodeInfo[], raw: number[]): number[] {
  const s = c.state[scoreKey] as ScoreState
  let min = Number.MAX_SAFE_INTEGER
  let max = 0
  raw.forEach((v, i) => {
    if (s.ignoredCount && s.ignored[nodes[i]!.name]) return
    min = Math.min(min, v)
    max = Math.max(max, v)
  })
  return raw.map((v, i) => {
    if (s.ignoredCount && s.ignored[nodes[i]!.name]) return 0
    if (max === 0) return 100
    return Math.trunc((100 * (max + min - v)) / max)
  })
}
