/**
 * One scheduling cycle for one pod: filter every node, score the feasible ones, pick the best,
 * breaking ties uniformly at random (schedule_one.go selectHost; FIDELITY.md §2.2).
 */
import type { KObject } from '../../protocol.ts'
import { runFilters, type FilterVerdict } from './filters.ts'
import type { NodeInfo } from './node-info.ts'
import { runScores, type PluginScores } from './scores.ts'

export interface Decision {
  pod: string
  nodes: { name: string; filters: FilterVerdict[]; feasible: boolean }[]
  scores: PluginScores[]
  /** Feasible node names, in the order of the score arrays. */
  feasible: string[]
  totals: number[]
  winner?: string
  /** The FitError text when nothing fits. */
  message?: string
}

/** `0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {…}. preemption: …` */
export function fitError(d: Decision): string {
  const n = d.nodes.length
  if (n === 0) return 'no nodes available to schedule pods'
  const counts = new Map<string, number>()
  const unresolvable = new Set<string>()
  for (const node of d.nodes) {
    const failed = node.filters[node.filters.length - 1]!
    for (const r of failed.reasons) counts.set(r, (counts.get(r) ?? 0) + 1)
    if (failed.unresolvable) unresolvable.add(node.name)
  }
  const histogram = [...counts].map(([r, c]) => `${c} ${r}`).sort()
  // DefaultPreemption: nodes failing an unresolvable filter are "not helpful"; the rest have no
  // lower-priority victims in a cluster where every pod has priority 0.
  const notHelpful = unresolvable.size
  const noVictims = n - notHelpful
  const post = [
    ...(notHelpful ? [`${notHelpful} Preemption is not helpful for scheduling`] : []),
    ...(noVictims ? [`${noVictims} No preemption victims found for incoming pod`] : []),
  ].sort()
  return `0/${n} nodes are available: ${histogram.join(', ')}. preemption: 0/${n} nodes are available: ${post.join(', ')}.`
}

export function decide(podKey: string, pod: KObject, nodes: NodeInfo[], random: () => number): Decision {
  const verdicts = nodes.map((n) => {
    const filters = runFilters(pod, n)
    return { name: n.name, filters, feasible: filters.every((f) => f.ok) }
  })
  const feasibleInfos = nodes.filter((_, i) => verdicts[i]!.feasible)
  const d: Decision = { pod: podKey, nodes: verdicts, scores: [], feasible: feasibleInfos.map((n) => n.name), totals: [] }
  if (feasibleInfos.length === 0) {
    d.message = fitError(d)
    return d
  }
  if (feasibleInfos.length === 1) {
    d.winner = feasibleInfos[0]!.name
    return d
  }
  d.scores = runScores(pod, feasibleInfos, nodes)
  d.totals = feasibleInfos.map((_, i) => d.scores.reduce((sum, s) => sum + (s.skipped ? 0 : s.normalized[i]! * s.weight), 0))
  let best = -1
  let ties = 0
  for (let i = 0; i < feasibleInfos.length; i++) {
    const total = d.totals[i]!
    if (total > best) {
      best = total
      ties = 1
      d.winner = feasibleInfos[i]!.name
    } else if (total === best) {
      ties++
      if (random() < 1 / ties) d.winner = feasibleInfos[i]!.name
    }
  }
  return d
}

/** The decision as stages for the binding request's flow. */
export function decisionStages(d: Decision): { name: string; outcome: 'ok' | 'failed' | 'skipped'; detail: string }[] {
  const filter = d.nodes.map((n) => {
    const last = n.filters[n.filters.length - 1]!
    return n.feasible ? `${n.name}: passes` : `${n.name}: ${last.plugin} — ${last.reasons.join(', ')}`
  })
  const stages: { name: string; outcome: 'ok' | 'failed' | 'skipped'; detail: string }[] = [
    { name: 'filter', outcome: d.feasible.length ? 'ok' : 'failed', detail: filter.join('; ') },
  ]
  if (d.scores.length) {
    const per = d.feasible.map((name, i) => {
      const parts = d.scores.filter((s) => !s.skipped).map((s) => `${s.plugin} ${s.normalized[i]}×${s.weight}`)
      return `${name} = ${d.totals[i]} (${parts.join(' + ')})`
    })
    stages.push({ name: 'score', outcome: 'ok', detail: per.join('; ') })
  }
  if (d.winner) stages.push({ name: 'select', outcome: 'ok', detail: `${d.winner}${d.scores.length ? '' : ' (the only feasible node)'}` })
  return stages
}
