/**
 * The trace hashes of the built-in scenarios, pinned: a performance change must leave every flow,
 * kubectl result and etcd object as it was. A change meant to alter behaviour updates the hash
 * here in the same commit, and says so.
 */
import { describe, expect, it } from 'vitest'
import { createSimulation } from '../sim/index.ts'
import { loadScenario } from './index.ts'

const pinned: Record<string, string> = {
  'pod-creation': '9d5337be',
  'lesson-tour': '389333e9',
  'lesson-pod-hops': 'a5d83342',
  scheduling: 'dbc3a536',
  services: '173ad5ae',
}

describe('trace hashes of the built-in scenarios', () => {
  for (const [id, hash] of Object.entries(pinned)) {
    it(`${id} runs to the pinned trace`, () => {
      const s = loadScenario(id)
      const sim = createSimulation(s)
      sim.runUntil(s.untilMs)
      expect(sim.traceHash()).toBe(hash)
    })
  }
})
