import { describe, expect, it } from 'vitest'
import { storeDecision } from './decision-store.ts'
import { decisionStages, lazyDecisionStages } from './decision-view.ts'
import { decideFor, testNode, testPod, testWorld } from './testing.ts'

describe('lazyDecisionStages', () => {
  const nodes = [testNode('node-1'), testNode('node-2', { cpu: '1' }), testNode('node-3', { cpu: '8' })]
  const decision = decideFor(testPod('web', { requests: { cpu: '2' } }), testWorld(nodes))

  it('reads as the stages written at once: filter verdicts, weighted scores, the winner', () => {
    const lazy = lazyDecisionStages(storeDecision(decision))
    const eager = decisionStages(decision)
    expect(lazy).toEqual(eager)
    expect(lazy.map((s) => s.detail)).toEqual(eager.map((s) => s.detail))
    expect(eager[0]!.detail).toContain('node-2: NodeResourcesFit — Insufficient cpu')
    expect(eager[1]!.detail).toMatch(/^node-1 = \d+ \(TaintToleration 100×3 \+ NodeResourcesFit \d+×1 \+ /)
    expect(eager[2]).toEqual({ name: 'select', outcome: 'ok', detail: 'node-3' })
  })

  it('copies as plain text: a spread, JSON and a structured clone (postMessage) carry the detail', () => {
    const lazy = lazyDecisionStages(storeDecision(decision))
    const eager = decisionStages(decision)
    expect(lazy.map((s) => ({ ...s }))).toEqual(eager)
    expect(JSON.parse(JSON.stringify(lazy))).toEqual(eager)
    expect(structuredClone(lazy)).toEqual(eager)
  })
})
