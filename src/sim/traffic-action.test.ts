import { describe, expect, it } from 'vitest'
import { createSimulation, type Simulation } from './index.ts'
import type { Scenario, UserAction } from './protocol.ts'
import { scenario } from './testing/test-cluster.ts'

/** Three web pods behind a Service, so a traffic source has somewhere to send. */
const webScenario: Scenario = scenario({
  script: [
    { atMs: 0, kubectl: 'run web-1 --image=nginx:1.27 --labels=app=web --port=80' },
    { atMs: 0, kubectl: 'run web-2 --image=nginx:1.27 --labels=app=web --port=80' },
    { atMs: 5_000, kubectl: 'expose pod web-1 --port=80 --name=web' },
  ],
  untilMs: 40_000,
})

/** Performs recorded actions on a fresh simulation at their positions, as a share link does. */
function replayed(actions: UserAction[], s = webScenario): Simulation {
  const sim = createSimulation(s)
  for (const a of actions) {
    sim.seekTo(a.at)
    if ('traffic' in a) sim.traffic(a.traffic)
    else if ('fault' in a) sim.fault(a.fault)
    else sim.kubectl(a.kubectl, a.stdin, a.requestId)
  }
  return sim
}

describe('traffic is a recorded user action', () => {
  it('records start and stop where they happened', () => {
    const sim = createSimulation(webScenario)
    sim.runUntil(20_000)
    sim.traffic('start web --rate 50 --from node-1')
    sim.runUntil(25_000)
    sim.traffic('stop')
    expect(sim.userActions()).toEqual([
      { at: { atMs: 20_000 }, traffic: 'start web --rate 50 --from node-1' },
      { at: { atMs: 25_000 }, traffic: 'stop' },
    ])
  })

  it('a branch with traffic reproduces its trace hash after a seek back and forth', () => {
    const sim = createSimulation(webScenario)
    sim.runUntil(20_000)
    sim.traffic('start web --rate 50 --from node-1')
    sim.runUntil(25_000)
    sim.traffic('stop')
    sim.runUntil(30_000)
    const atEnd = sim.traceHash()
    const ok = sim.trafficView().ok
    expect(ok).toBeGreaterThan(100)

    sim.seek(22_000)
    const mid = sim.traceHash()
    expect(sim.trafficView().running).toBe(true)
    sim.seek(30_000)
    expect(sim.traceHash()).toBe(atEnd)
    expect(sim.trafficView().ok).toBe(ok)

    // Back before the traffic started: none of it happened; forward again: all of it.
    sim.seek(10_000)
    expect(sim.trafficView().ok).toBe(0)
    sim.seek(22_000)
    expect(sim.traceHash()).toBe(mid)

    // A fresh simulation given the recorded actions lands on the same moment.
    const again = replayed(sim.userActions())
    again.seekTo({ atMs: 30_000 })
    expect(again.traceHash()).toBe(atEnd)
  })

  it('traffic started while rewound forks the branch, and the fork replays', () => {
    const sim = createSimulation(webScenario)
    sim.runUntil(20_000)
    sim.traffic('start web --rate 50 --from node-1')
    sim.runUntil(30_000)
    sim.seek(15_000)
    sim.traffic('start web --rate 20 --from outside')
    expect(sim.userActions()).toEqual([
      { at: { atMs: 15_000 }, traffic: 'start web --rate 20 --from outside' },
    ])
    sim.runUntil(30_000)
    const again = replayed(sim.userActions())
    again.seekTo({ atMs: 30_000 })
    expect(again.traceHash()).toBe(sim.traceHash())
  })
})
