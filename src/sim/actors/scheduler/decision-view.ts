/**
 * A pod's scheduling decision, expanded for people: the inspector's table (every node, every
 * filter plugin's verdict, every score plugin's raw, normalised and weighted score) and the
 * stages on the binding request's flow.
 */
import { stageTemplate } from '../../engine/deferred-stage.ts'
import type { PodDecisionView, Stage } from '../../protocol.ts'
import { examinedNodes, type Decision } from './decide.ts'
import { loadDecision, numberText, type StoredDecision } from './decision-store.ts'
import { filterPlugins, scorePlugins } from './profile.ts'
import type { SchedulerState } from './state.ts'

export function podDecisionView(state: SchedulerState, podKey: string): PodDecisionView | null {
  const stored = state.decisions[podKey]
  if (!stored) return null
  const d = loadDecision(stored)
  const skipped = new Set(d.preFilterSkipped)
  const only = d.preFilterNodes ? new Set(d.preFilterNodes) : undefined
  const feasibleIndex = new Map(d.feasible.map((n, i) => [n, i]))
  const examinedList = examinedNodes(d)
  const examined = new Set(examinedList)
  const names = [...new Set([...examinedList, ...d.nodeOrder, ...state.cache.order])]
  const nodes = names.map((name) => {
    const fail = d.failed[name]
    const i = feasibleIndex.get(name)
    const outcome: PodDecisionView['nodes'][number]['outcome'] =
      only && !only.has(name) ? 'prefilter-excluded' : fail ? 'failed' : i !== undefined ? 'feasible' : examined.has(name) ? 'feasible' : 'not-examined'
    const filters = filterPlugins.map((p, pi) => {
      if (outcome === 'not-examined' || outcome === 'prefilter-excluded') return { plugin: p.name, verdict: 'not-run' as const, reasons: [] }
      if (skipped.has(p.name)) return { plugin: p.name, verdict: 'skip' as const, reasons: [p.skipWhy ?? 'PreFilter returned Skip'] }
      if (fail && pi === fail.plugin) return { plugin: p.name, verdict: 'fail' as const, reasons: fail.reasons, code: fail.code }
      if (fail && pi > fail.plugin) return { plugin: p.name, verdict: 'not-run' as const, reasons: [] }
      return { plugin: p.name, verdict: 'pass' as const, reasons: [] }
    })
    const scores =
      i === undefined || !d.scores.length
        ? []
        : d.scores
            .filter((s) => !s.skipped)
            .map((s) => ({ plugin: s.plugin, raw: s.raw[i]!, normalized: s.normalized[i]!, weighted: s.normalized[i]! * s.weight }))
    return {
      name,
      outcome,
      filters,
      scores,
      ...(i !== undefined && d.totals.length ? { total: d.totals[i]! } : {}),
      winner: d.winner === name,
    }
  })
  return {
    pod: d.pod,
    atMs: d.atMs,
    attempt: d.attempt,
    nodesTotal: d.nodesTotal,
    numNodesToFind: d.numNodesToFind,
    startIndex: d.startIndex,
    filterPlugins: filterPlugins.map((p) => p.name),
    preFilterSkipped: d.preFilterSkipped.map((plugin) => ({ plugin, why: filterPlugins.find((p) => p.name === plugin)?.skipWhy ?? '' })),
    scorePlugins: scorePlugins.map((p) => {
      const s = d.scores.find((x) => x.plugin === p.name)
      return { plugin: p.name, weight: p.weight, skipped: s ? s.skipped : true, ...(s?.skipped && p.skipWhy ? { why: p.skipWhy } : {}) }
    }),
    scored: d.scores.length > 0,
    nodes,
    ...(d.nominated ? { nominatedTriedFirst: d.nominated } : {}),
    ...(d.winner ? { winner: d.winner } : {}),
    ...(d.message ? { message: d.message } : {}),
    ...(d.preemption?.nominatedNode ? { nominatedNode: d.preemption.nominatedNode } : {}),
    ...(d.preemption?.victims.length ? { victims: d.preemption.victims } : {}),
  }
}

/**
 * The decision as stages for the binding request's flow. Written once per binding over every
 * examined and feasible node, so examined nodes are walked in place and each plugin's label
 * (`Name `, `×weight`) is made once per decision.
 */
export function decisionStages(d: Decision): Stage[] {
  const filter = new Array<string>(d.examinedCount)
  const n = d.nodeOrder.length
  for (let i = 0; i < d.examinedCount; i++) {
    const name = d.nodeOrder[(d.startIndex + i) % n]!
    const f = d.failed[name]
    filter[i] = f ? `${name}: ${filterPlugins[f.plugin]!.name} — ${f.reasons.join(', ')}` : `${name}: passes`
  }
  // join, not +=: the text is kept with the flow, and join makes one flat string, not a rope.
  const stages: Stage[] = [{ name: 'filter', outcome: d.feasible.length ? 'ok' : 'failed', detail: filter.join('; ') }]
  if (d.scores.length) {
    const active = d.scores.filter((s) => !s.skipped)
    const names = active.map((s, k) => `${k ? ' + ' : ''}${s.plugin} `)
    const weights = active.map((s) => `×${s.weight}`)
    const score = new Array<string>(d.feasible.length)
    for (let i = 0; i < d.feasible.length; i++) {
      let parts = ''
      for (let k = 0; k < active.length; k++) parts += names[k]! + numberText(active[k]!.normalized[i]!) + weights[k]!
      score[i] = `${d.feasible[i]} = ${numberText(d.totals[i]!)} (${parts})`
    }
    stages.push({ name: 'score', outcome: 'ok', detail: score.join('; ') })
  }
  if (d.winner) {
    const why = d.nominated === d.winner ? ' (its nominated node)' : d.scores.length ? '' : ' (the only feasible node)'
    stages.push({ name: 'select', outcome: 'ok', detail: `${d.winner}${why}` })
  }
  return stages
}

function storedStages(stored: StoredDecision): Stage[] {
  return decisionStages(loadDecision(stored))
}

/** Some examined node passed every filter (the stored form keeps the failures, not the passes). */
function anyFeasible(stored: StoredDecision): boolean {
  // A winner passed every filter; only a failed cycle needs the count.
  if (stored.winner) return true
  let failed = 0
  for (const _ in stored.failed) failed++
  return stored.examinedCount > failed
}

/** Texts written on first read, per stored decision (frozen, so the text never changes). */
const expanded = new WeakMap<StoredDecision, Stage[]>()

/** The filter (0) or score (1) text of a stored decision: the first read writes both. */
function storedText(stored: StoredDecision, which: 0 | 1): string {
  let texts = expanded.get(stored)
  if (!texts) expanded.set(stored, (texts = storedStages(stored)))
  return texts[which]!.detail
}

const filterPassed = stageTemplate('filter', 'ok', storedText)
const filterFailed = stageTemplate('filter', 'failed', storedText)
const scored = stageTemplate('score', 'ok', storedText)

/**
 * `decisionStages` of a stored decision, with the filter and score texts written on first read.
 * They run to 12–60 KB per binding over 100 nodes and are read only when someone opens that flow
 * (or the worker sends it to the page), so a 3,000-pod run no longer writes 100 MB of text it
 * never shows (deferred-stage.ts). The stored decision is frozen, so the text is the same whenever
 * it is read.
 */
export function lazyDecisionStages(stored: StoredDecision): Stage[] {
  const stages: Stage[] = [(anyFeasible(stored) ? filterPassed : filterFailed).of(stored, 0)]
  if (stored.scores.length) stages.push(scored.of(stored, 1))
  if (stored.winner) {
    const why = stored.nominated === stored.winner ? ' (its nominated node)' : stored.scores.length ? '' : ' (the only feasible node)'
    stages.push({ name: 'select', outcome: 'ok', detail: `${stored.winner}${why}` })
  }
  return stages
}
