import { describe, expect, it } from 'vitest'
import { plainStage } from '../../engine/deferred-stage.ts'
import { storeDecision } from './decision-store.ts'
import { decisionStages, lazyDecisionStages } from './decision-view.ts'
import { decideFor, testNode, testPod, testWorld } from './testing.ts'

describe('lazyDecisionStages', () => {
  const nodes = [testNode('node-1'), testNode('node-2', { cpu: '1' }), testNode('node-3', { cpu: '8' })]
  const decision = decideFor(testPod('web', { requests: { cpu: '2' } }), testWorld(nodes))

  it('reads as the stages written at once: filter verdicts, weighted scores, the winner', () => {
    const lazy = lazyDecisionStages(storeDecision(decision))
    const eager = decisionStages(decision)
    expect(lazy.map(plainStage)).toStrictEqual(eager)
    expect(lazy.map((s) => s.detail)).toEqual(eager.map((s) => s.detail))
    expect(eager[0]!.detail).toContain('node-2: NodeResourcesFit — Insufficient cpu')
    expect(eager[1]!.detail).toMatch(/^node-1 = \d+ \(TaintToleration 100×3 \+ NodeResourcesFit \d+×1 \+ /)
    expect(eager[2]).toEqual({ name: 'select', outcome: 'ok', detail: 'node-3' })
  })

  it('copies as plain text: JSON and a plain copy posted as the worker posts it carry the detail', () => {
    const lazy = lazyDecisionStages(storeDecision(decision))
    const eager = decisionStages(decision)
    expect(JSON.parse(JSON.stringify(lazy))).toStrictEqual(eager)
    expect(structuredClone(lazy.map(plainStage))).toStrictEqual(eager)
  })

  it('a failed cycle reads as a failed filter stage with the reasons, and no score or select', () => {
    const failed = decideFor(testPod('big', { requests: { cpu: '64' } }), testWorld(nodes))
    const lazy = lazyDecisionStages(storeDecision(failed))
    expect(lazy.map((s) => [s.name, s.outcome])).toEqual([['filter', 'failed']])
    expect(lazy[0]!.detail).toBe(decisionStages(failed)[0]!.detail)
    expect(lazy[0]!.detail).toContain('Insufficient cpu')
  })
})
