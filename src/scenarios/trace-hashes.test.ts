/**
 * The trace hashes of the built-in scenarios, pinned: a performance change must leave every flow,
 * kubectl result and etcd object as it was. A change meant to alter behaviour updates the hash
 * here in the same commit, and says so.
 */
import { describe, expect, it } from 'vitest'
import { createSimulation } from '../sim/index.ts'
import { loadScenario } from './index.ts'

const pinned: Record<string, string> = {
  'pod-creation': 'fa495f42',
  'lesson-tour': '68d91ad8',
  'lesson-pod-hops': 'bd5bd17c',
  scheduling: '0bb2900c',
  services: 'afffb1a5',
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
