import { describe, expect, it } from 'vitest'
import { createSimulation } from './index.ts'
import { scenario } from './testing/test-cluster.ts'

const run = { atMs: 0, kubectl: 'run nginx --image=nginx:1.27' }
const base = scenario({ script: [run, { atMs: 20_000, kubectl: 'get pods -o wide' }, { atMs: 25_000, kubectl: 'delete pod nginx' }], untilMs: 40_000 })

function hashOf(s = base): string {
  const sim = createSimulation(s)
  sim.runUntil(s.untilMs)
  return sim.traceHash()
}

describe('determinism', () => {
  it('gives the same trace hash for the same scenario', () => {
    expect(hashOf()).toBe(hashOf())
  })

  it('gives another hash for another seed', () => {
    expect(hashOf({ ...base, seed: 7 })).not.toBe(hashOf())
  })

  it('restoring a snapshot and running on equals running straight through', () => {
    const straight = hashOf()
    const sim = createSimulation(base)
    sim.runUntil(2_345)
    const snap = sim.snapshot()
    sim.runUntil(30_000) // wander ahead, then go back
    sim.restore(snap)
    sim.runUntil(base.untilMs)
    expect(sim.traceHash()).toBe(straight)
  })

  it('keeps a snapshot independent of the running world', () => {
    const sim = createSimulation(base)
    sim.runUntil(1_000)
    const snap = sim.snapshot()
    const flowsAtSnap = snap.world.flows.length
    sim.runUntil(10_000)
    expect(snap.world.flows.length).toBe(flowsAtSnap)
  })

  it('step delivers exactly one flow at a time', () => {
    const sim = createSimulation(base)
    for (let i = 1; i <= 20; i++) {
      const f = sim.step()
      expect(f?.outcome).toBe('delivered')
      expect(sim.deliveredCount()).toBe(i)
    }
  })
})
