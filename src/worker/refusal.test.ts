import { describe, expect, it } from 'vitest'
import { defaultScenarioId, loadScenario } from '../scenarios/index.ts'
import { hostDriver } from './host-driver.ts'

describe('a scenario the engine cannot run', () => {
  it('is refused by name and the running simulation is kept', () => {
    const d = hostDriver()
    const scenario = loadScenario(defaultScenarioId)
    d.send({ type: 'load', scenario })
    const before = d.updates.length
    const twoApiservers = {
      ...scenario,
      cluster: { ...scenario.cluster, controlPlane: { ...scenario.cluster.controlPlane, apiservers: 2 } },
    }
    d.send({ type: 'load', scenario: twoApiservers })
    expect(d.errors).toEqual([
      'This scenario cannot run here: cluster.controlPlane.apiservers: 2 kube-apiservers are not simulated yet (only 1)',
    ])
    // No reset: the page keeps the cluster it shows.
    expect(d.updates.slice(before).some((u) => u.reset)).toBe(false)
  })
})
