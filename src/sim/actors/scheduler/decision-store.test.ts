/** A stored decision reads back as the decision made: the inspector's table cannot tell. */
import { describe, expect, it } from 'vitest'
import { loadDecision, storeDecision } from './decision-store.ts'
import { decideFor, testNode, testPod, testWorld } from './testing.ts'

const taint = { key: 'dedicated', value: 'infra', effect: 'NoSchedule' as const }

describe('stored decisions', () => {
  const nodes = Array.from({ length: 12 }, (_, i) => testNode(`node-${i}`, i % 4 === 1 ? { taints: [taint] } : i % 5 === 2 ? { cpu: '100m' } : {}))
  const w = testWorld(nodes, [[testPod('x', { labels: { app: 'w' }, requests: { cpu: '1' } }), 'node-0']])
  const cases = {
    'scored over several feasible nodes, some failing': testPod('p', { requests: { cpu: '200m' }, labels: { app: 'w' } }),
    'no node fits': testPod('q', { requests: { cpu: '500' } }),
    'one node by selector': testPod('r', { spec: { nodeSelector: { 'kubernetes.io/hostname': 'node-3' } } }),
  }
  for (const [name, pod] of Object.entries(cases)) {
    it(`round-trips: ${name}`, () => {
      const d = decideFor(pod, w)
      const back = loadDecision(storeDecision(d))
      expect(JSON.parse(JSON.stringify(back))).toEqual(JSON.parse(JSON.stringify(d)))
    })
  }

  it('keeps each per-node column as one string, and one node list text for decisions over the same list', () => {
    const a = storeDecision(decideFor(cases['scored over several feasible nodes, some failing'], w))
    const b = storeDecision(decideFor(testPod('s'), w))
    expect('feasible' in a).toBe(false)
    // The totals are the weighted sum of the columns: summed again on load, not kept.
    expect('totals' in a).toBe(false)
    expect(a.scores.every((s) => typeof s.raw === 'string' && typeof s.normalized === 'string')).toBe(true)
    expect(a.nodeOrder).toBe(b.nodeOrder)
  })

  it('shares the entries every decision has alike: skipped plugins and columns every node scores the same in', () => {
    const a = storeDecision(decideFor(testPod('s1'), w))
    const b = storeDecision(decideFor(testPod('s2'), w))
    const entry = (d: typeof a, plugin: string) => d.scores.find((s) => s.plugin === plugin)!
    // No node reports nginx and none has a PreferNoSchedule taint: flat columns.
    for (const plugin of ['NodeAffinity', 'ImageLocality', 'TaintToleration']) expect(entry(a, plugin)).toBe(entry(b, plugin))
    expect(Object.isFrozen(entry(a, 'ImageLocality'))).toBe(true)
    // Per-node scores are each decision's own.
    expect(entry(a, 'NodeResourcesFit')).not.toBe(entry(b, 'NodeResourcesFit'))
    expect(loadDecision(a).scores.find((s) => s.plugin === 'TaintToleration')!.normalized.every((v) => v === 100)).toBe(true)
  })

  it('round-trips score columns with values too big or not whole for packing, written out instead', () => {
    const d = decideFor(cases['scored over several feasible nodes, some failing'], w)
    const k0 = d.scores.findIndex((p) => !p.skipped)
    const odd = { ...d, scores: d.scores.map((p, k) => (k !== k0 ? p : { ...p, raw: p.raw.map((v, i) => (i ? v + 0.5 : 70_000)), normalized: p.normalized.map((v) => v + 60_000) })) }
    odd.totals = d.totals.map((v) => v + 60_000 * odd.scores[k0]!.weight)
    const stored = storeDecision(odd)
    // A column not packed: the totals are kept as written, not added up again.
    expect(stored.totals).toBeDefined()
    expect(JSON.parse(JSON.stringify(loadDecision(stored)))).toEqual(JSON.parse(JSON.stringify(odd)))
  })
})
