import { describe, expect, it } from 'vitest'
import { createCauseIndex } from './cause-index.ts'
import { causeTree } from './cause-tree.ts'
import { createSimulation } from './index.ts'
import { scenario } from './testing/test-cluster.ts'

const base = scenario({
  script: [
    { atMs: 0, kubectl: 'create deployment web --image=nginx:1.27 --replicas=3' },
    { atMs: 30_000, kubectl: 'scale deployment web --replicas=1' },
  ],
  untilMs: 60_000,
})

describe('cause trees from the children index', () => {
  it('match a scan over every later flow, for any flow of the run', () => {
    const sim = createSimulation(base)
    sim.runUntil(base.untilMs)
    const flows = sim.flows()
    const index = createCauseIndex()
    for (let n = 1; n <= flows.length; n += 37) {
      const id = `flow:${n}`
      expect(causeTree(flows, sim.kubectlResults(), id, index), id).toEqual(causeTree(flows, sim.kubectlResults(), id))
    }
  })

  it("the first flow's tree reaches the whole Deployment, and stays right across a seek back and a fork", () => {
    const sim = createSimulation(base)
    sim.runUntil(base.untilMs)
    const full = sim.causeTree('flow:1')!
    expect(full.descendants.length).toBeGreaterThan(50)
    sim.seek(10_000)
    const then = sim.causeTree('flow:1')!
    expect(then.descendants.every((d) => d.flow.sentAt <= 10_000)).toBe(true)
    expect(then).toEqual(causeTree(sim.flows(), sim.kubectlResults(), 'flow:1'))
    sim.kubectl('scale deployment web --replicas=2')
    sim.runUntil(base.untilMs)
    expect(sim.causeTree('flow:1')).toEqual(causeTree(sim.flows(), sim.kubectlResults(), 'flow:1'))
  })
})

describe('cause trees after a fork the index had not seen', () => {
  it('a seek back, a new command and a run on, with no tree asked in between, still match a scan', () => {
    const sim = createSimulation(base)
    sim.runUntil(base.untilMs)
    expect(sim.causeTree('flow:1')).not.toBeNull()
    sim.seek(5_000)
    sim.kubectl('scale deployment web --replicas=5')
    sim.runUntil(base.untilMs)
    const flows = sim.flows()
    for (let n = 1; n <= flows.length; n += 29) {
      const id = `flow:${n}`
      expect(sim.causeTree(id), id).toEqual(causeTree(flows, sim.kubectlResults(), id))
    }
  })
})
