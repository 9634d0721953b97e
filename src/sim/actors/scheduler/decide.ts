/**
 * One scheduling cycle for one pod (schedule_one.go `schedulePod`; FIDELITY.md §2.2): PreFilter,
 * Filter from nextStartNodeIndex until enough feasible nodes are found, PreScore, Score,
 * NormalizeScore, weights, and a host picked uniformly at random among the best.
 * The decision is kept compactly (a failing node's first failing plugin and reasons; score
 * arrays over the feasible nodes) and expanded into a table only when someone asks.
 */
import type { Cycle } from './cycle.ts'
import { nodeAffinityPreFilterNodes } from './filters.ts'
import type { NodeInfo } from './node-info.ts'
import { filterPlugins, scorePlugins } from './profile.ts'
import { uniformColumn } from './scores.ts'
import type { FilterStatus } from './types.ts'

export interface NodeFailure extends FilterStatus {
  /** Index into filterPlugins of the first failing plugin. */
  plugin: number
}

export interface PluginScores {
  plugin: string
  weight: number
  skipped: boolean
  raw: number[]
  normalized: number[]
}

export interface Decision {
  pod: string
  uid: string
  /** Virtual ms of the cycle. */
  atMs: number
  /** Scheduling attempts of this pod so far, this one included. */
  attempt: number
  nodesTotal: number
  numNodesToFind: number
  startIndex: number
  /** Filter plugins whose PreFilter returned Skip. */
  preFilterSkipped: string[]
  /** NodeAffinity's PreFilterResult: only these nodes were filtered. */
  preFilterNodes?: string[]
  /** The nominated node, tried first (evaluateNominatedNode). */
  nominated?: string
  /**
   * The node list filtered (node-tree order, or NodeAffinity's PreFilter subset), shared with the
   * cache rather than copied: examined are `examinedCount` names from `startIndex`, wrapping.
   */
  nodeOrder: string[]
  examinedCount: number
  /** Examined nodes that failed, by name. */
  failed: Record<string, NodeFailure>
  /** Feasible node names, in the order of the score arrays. */
  feasible: string[]
  scores: PluginScores[]
  /** Per feasible node, Σ normalized × weight over the plugins not skipped (none without scores). */
  totals: number[]
  winner?: string
  /** The FitError text when nothing fits. */
  message?: string
  /** DefaultPreemption's outcome. */
  preemption?: { nominatedNode?: string; victims: string[]; message: string }
}

/** minFeasibleNodesToFind 100, minFeasibleNodesPercentageToFind 5 (schedule_one.go). */
export function numFeasibleNodesToFind(percentage: number, numAllNodes: number): number {
  if (numAllNodes < 100) return numAllNodes
  let pct = percentage
  if (pct === 0) {
    pct = 50 - Math.trunc(numAllNodes / 125)
    if (pct < 5) pct = 5
  }
  const num = Math.trunc((numAllNodes * pct) / 100)
  return num < 100 ? 100 : num
}

/** Runs the filters in order on one node; the first failure stops it. */
export function runFilters(c: Cycle, n: NodeInfo, skipped: Record<string, true>): NodeFailure | null {
  return runActive(c, n, activeFilters(skipped))
}

/** The indexes of the filter plugins a cycle runs (PreFilter did not Skip them). */
function activeFilters(skipped: Record<string, true>): number[] {
  const out: number[] = []
  for (let i = 0; i < filterPlugins.length; i++) if (!skipped[filterPlugins[i]!.name]) out.push(i)
  return out
}

function runActive(c: Cycle, n: NodeInfo, active: number[]): NodeFailure | null {
  for (const i of active) {
    const s = filterPlugins[i]!.filter(c, n)
    if (s) return { code: s.code, reasons: s.reasons, plugin: i }
  }
  return null
}

/** Every PreFilter; returns the set of plugins that skip. */
export function runPreFilters(c: Cycle): Record<string, true> {
  const skipped: Record<string, true> = {}
  for (const p of filterPlugins) if (p.preFilter && !p.preFilter(c)) skipped[p.name] = true
  return skipped
}

export interface CycleResult {
  decision: Decision
  nextStartIndex: number
}

export function schedulePod(c: Cycle, meta: { atMs: number; attempt: number; startIndex: number; nominated?: string }, random: () => number): CycleResult {
  const all = c.allNodes
  const d: Decision = {
    pod: c.key,
    uid: String(c.pod.metadata.uid ?? ''),
    atMs: meta.atMs,
    attempt: meta.attempt,
    nodesTotal: all.length,
    numNodesToFind: 0,
    startIndex: meta.startIndex,
    preFilterSkipped: [],
    nodeOrder: c.cache.order,
    examinedCount: 0,
    failed: {},
    feasible: [],
    scores: [],
    totals: [],
  }
  if (!all.length) {
    d.message = 'no nodes available to schedule pods'
    return { decision: d, nextStartIndex: meta.startIndex }
  }
  const skipped = runPreFilters(c)
  for (const p of filterPlugins) if (skipped[p.name]) d.preFilterSkipped.push(p.name)
  const only = nodeAffinityPreFilterNodes(c)
  let nodes = all
  if (only) {
    d.preFilterNodes = only
    const set = new Set(only)
    nodes = all.filter((n) => set.has(n.name))
    d.nodeOrder = nodes.map((n) => n.name)
  }
  // A pod that preempted before tries its nominated node first (evaluateNominatedNode).
  const nominated = meta.nominated ? c.cache.nodes[meta.nominated] : undefined
  if (nominated && nodes.includes(nominated)) {
    d.nominated = nominated.name
    const f = runFilters(c, nominated, skipped)
    if (!f) {
      d.nodeOrder = [nominated.name]
      d.examinedCount = 1
      d.feasible.push(nominated.name)
      d.winner = nominated.name
      return { decision: d, nextStartIndex: meta.startIndex }
    }
  }
  const active: number[] = []
  for (let i = 0; i < filterPlugins.length; i++) {
    const p = filterPlugins[i]!
    if (!skipped[p.name] && !p.passesAll?.(c)) active.push(i)
  }
  const n = nodes.length
  const toFind = numFeasibleNodesToFind(c.cfg.percentageOfNodesToScore, n)
  d.numNodesToFind = toFind
  const start = n ? meta.startIndex % n : 0
  d.startIndex = start
  let processed = 0
  // Sized up front: grown by push, the two lists reallocated four times each over 100 nodes
  // (most of what a cycle allocated).
  const feasible = new Array<NodeInfo>(Math.min(toFind, n))
  let found = 0
  // Nearly every cycle runs one filter (NodeResourcesFit): called directly, not through the table.
  const single = active.length === 1 ? filterPlugins[active[0]!]!.filter : undefined
  for (let i = 0; i < n && found < toFind; i++) {
    const node = nodes[(start + i) % n]!
    processed++
    if (single) {
      const s = single(c, node)
      if (s) d.failed[node.name] = { code: s.code, reasons: s.reasons, plugin: active[0]! }
      else feasible[found++] = node
      continue
    }
    const f = runActive(c, node, active)
    if (f) d.failed[node.name] = f
    else feasible[found++] = node
  }
  feasible.length = found
  const names = new Array<string>(found)
  for (let i = 0; i < found; i++) names[i] = feasible[i]!.name
  d.feasible = names
  d.examinedCount = processed
  const nextStartIndex = n ? (start + processed) % n : 0
  // No feasible node: the caller runs PostFilter (preemption) and writes the FitError.
  if (!feasible.length) return { decision: d, nextStartIndex }
  if (feasible.length === 1) {
    d.winner = feasible[0]!.name
    return { decision: d, nextStartIndex }
  }
  // A shared uniform column (scores.ts, frozen) adds the same to every total: summed once into
  // `flat` rather than node by node (scores are whole numbers, so the order of the sums is moot).
  let flat = 0
  const columns: number[][] = []
  const weights: number[] = []
  for (const p of scorePlugins) {
    if (p.preScore && !p.preScore(c, feasible)) {
      d.scores.push({ plugin: p.name, weight: p.weight, skipped: true, raw: [], normalized: [] })
      continue
    }
    const same = p.uniform?.(c)
    let raw: number[]
    if (same !== undefined) raw = uniformColumn(same, feasible.length)
    else if (p.scoreAll) raw = p.scoreAll(c, feasible)
    else {
      raw = new Array<number>(feasible.length)
      for (let i = 0; i < feasible.length; i++) raw[i] = p.score(c, feasible[i]!)
    }
    const normalized = p.normalize ? p.normalize(c, feasible, raw) : raw
    if (Object.isFrozen(normalized)) flat += normalized[0]! * p.weight
    else {
      columns.push(normalized)
      weights.push(p.weight)
    }
    d.scores.push({ plugin: p.name, weight: p.weight, skipped: false, raw, normalized })
  }
  const totals = new Array<number>(feasible.length)
  if (!columns.length) totals.fill(flat)
  for (let k = 0; k < columns.length; k++) {
    const column = columns[k]!
    const weight = weights[k]!
    if (k === 0) for (let i = 0; i < feasible.length; i++) totals[i] = flat + column[i]! * weight
    else for (let i = 0; i < feasible.length; i++) totals[i]! += column[i]! * weight
  }
  d.totals = totals
  d.winner = selectHost(d.feasible, d.totals, random)
  return { decision: d, nextStartIndex }
}

/** The names of the nodes a cycle filtered, in the order it filtered them. */
export function examinedNodes(d: Pick<Decision, 'nodeOrder' | 'startIndex' | 'examinedCount'>): string[] {
  const out: string[] = []
  const n = d.nodeOrder.length
  for (let i = 0; i < d.examinedCount; i++) out.push(d.nodeOrder[(d.startIndex + i) % n]!)
  return out
}

/** The best total; ties broken uniformly at random by reservoir sampling (selectHost). */
export function selectHost(names: string[], totals: number[], random: () => number): string {
  let best = -1
  let ties = 0
  let winner = names[0]!
  for (let i = 0; i < names.length; i++) {
    const t = totals[i]!
    if (t > best) {
      best = t
      ties = 1
      winner = names[i]!
    } else if (t === best) {
      ties++
      if (Math.floor(random() * ties) === 0) winner = names[i]!
    }
  }
  return winner
}

/** `reason` counts over the failed nodes, as `"<count> <reason>"` sorted (framework/types.go). */
export function histogram(reasonsPerNode: string[][]): string {
  const counts = new Map<string, number>()
  for (const reasons of reasonsPerNode) for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1)
  return [...counts].map(([r, n]) => `${n} ${r}`).sort().join(', ')
}

/** FitError.Error() without the PostFilter part: `0/3 nodes are available: 1 …, 2 ….` */
export function fitErrorMessage(d: Decision, postFilterMsg = ''): string {
  const reasons = Object.values(d.failed).map((f) => f.reasons)
  if (d.preFilterNodes) {
    const set = new Set(d.preFilterNodes)
    const absent = d.nodesTotal - examinedNodes(d).filter((n) => set.has(n)).length
    for (let i = 0; i < absent; i++) reasons.push(["node(s) didn't satisfy plugin(s) [NodeAffinity]"])
  }
  let msg = `0/${d.nodesTotal} nodes are available: ${histogram(reasons)}.`
  // The PostFilter message carries no period of its own (FIDELITY.md §2.4).
  if (postFilterMsg) msg += ` ${postFilterMsg.replace(/\.$/, '')}.`
  return msg
}
