/**
 * The trace hashes of the built-in scenarios, pinned: a performance change must leave every flow,
 * kubectl result and etcd object as it was. A change meant to alter behaviour updates the hash
 * here in the same commit, and says so.
 */
import { describe, expect, it } from 'vitest'
import { createSimulation } from '../sim/index.ts'
import { loadScenario } from './index.ts'

const pinned: Record<string, string> = {
  'pod-creation': '1d55ca5f',
  'lesson-tour': '0385fffe',
  'lesson-pod-hops': '16e7414d',
  scheduling: 'e6c4874c',
  services: '5529c3d5',
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
