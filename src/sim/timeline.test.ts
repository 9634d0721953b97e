import { describe, expect, it } from 'vitest'
import { createSimulation, type Simulation } from './index.ts'
import type { Scenario } from './protocol.ts'
import { scenario } from './testing/test-cluster.ts'

const base: Scenario = scenario({
  script: [
    { atMs: 0, kubectl: 'run nginx --image=nginx:1.27' },
    { atMs: 20_000, kubectl: 'get pods -o wide' },
    { atMs: 25_000, kubectl: 'delete pod nginx' },
  ],
  untilMs: 60_000,
})

function straight(s = base): string {
  const sim = createSimulation(s)
  sim.runUntil(s.untilMs)
  return sim.traceHash()
}

const podPhase = (sim: Simulation, name: string): string | undefined =>
  sim.podViews().find((p) => p.name === name)?.status

describe('seek', () => {
  it('takes a checkpoint every 10 virtual seconds', () => {
    const sim = createSimulation(base)
    sim.runUntil(35_000)
    expect(sim.checkpoints()).toEqual({ count: 4, everyMs: 10_000 })
  })

  it('seeking back to t and running to the end gives the straight run', () => {
    const hash = straight()
    for (const t of [0, 1, 3_456, 10_000, 19_999, 27_500]) {
      const sim = createSimulation(base)
      sim.runUntil(40_000)
      sim.seek(t)
      expect(sim.now()).toBe(t)
      sim.runUntil(base.untilMs)
      expect(sim.traceHash(), `seek to ${t}`).toBe(hash)
    }
  })

  it('puts the world exactly as it was at t', () => {
    const sim = createSimulation(base)
    sim.runUntil(5_000)
    const objectsAt5 = JSON.stringify(sim.objects())
    const flowsAt5 = sim.flows().length
    const inFlightAt5 = sim.inFlight().map((f) => f.id)
    sim.runUntil(50_000)
    sim.seek(5_000)
    expect(JSON.stringify(sim.objects())).toBe(objectsAt5)
    expect(sim.flows()).toHaveLength(flowsAt5)
    expect(sim.inFlight().map((f) => f.id)).toEqual(inFlightAt5)
  })

  it('seeks forward from a rewound position', () => {
    const hash = straight()
    const sim = createSimulation(base)
    sim.runUntil(30_000)
    sim.seek(2_000)
    sim.seek(15_000)
    sim.runUntil(base.untilMs)
    expect(sim.traceHash()).toBe(hash)
  })

  it('a pod returns to Pending when seeking back before it was scheduled', () => {
    const sim = createSimulation(base)
    while (podPhase(sim, 'nginx') === undefined) sim.step()
    const created = sim.now()
    expect(podPhase(sim, 'nginx')).toBe('Pending')
    sim.runUntil(15_000)
    expect(podPhase(sim, 'nginx')).toBe('Running')
    sim.seek(created)
    expect(podPhase(sim, 'nginx')).toBe('Pending')
    expect(sim.objects()['/registry/pods/default/nginx']?.['spec']).not.toHaveProperty('nodeName')
  })
})

describe('user actions and branches', () => {
  it('replays typed commands after a seek back past them', () => {
    const s = scenario({ untilMs: 40_000 })
    const run = (): Simulation => {
      const sim = createSimulation(s)
      sim.runUntil(3_000)
      sim.kubectl('run web --image=nginx:1.27', undefined, 'ui:1')
      sim.runUntil(12_345)
      sim.kubectl('get pods', undefined, 'ui:2')
      return sim
    }
    const a = run()
    a.runUntil(s.untilMs)
    const b = run()
    b.runUntil(30_000)
    b.seek(1_000)
    expect(b.objects()['/registry/pods/default/web']).toBeUndefined()
    b.runUntil(s.untilMs)
    expect(b.traceHash()).toBe(a.traceHash())
    expect(b.userActions().map((x) => x.at)).toEqual([{ atMs: 3_000 }, { atMs: 12_345 }])
  })

  it('a command typed while rewound forks: the later actions and checkpoints are dropped', () => {
    const s = scenario({ untilMs: 40_000 })
    const sim = createSimulation(s)
    sim.runUntil(3_000)
    sim.kubectl('run web --image=nginx:1.27')
    sim.runUntil(30_000)
    sim.seek(1_000)
    sim.kubectl('run api --image=nginx:1.27')
    expect(sim.userActions()).toEqual([{ at: { atMs: 1_000 }, kubectl: 'run api --image=nginx:1.27' }])
    expect(sim.checkpoints().count).toBe(1)
    sim.runUntil(s.untilMs)
    expect(sim.objects()['/registry/pods/default/api']).toBeDefined()
    expect(sim.objects()['/registry/pods/default/web']).toBeUndefined()
  })

  it('a branch made at t reproduces from its saved actions', () => {
    const s = scenario({ untilMs: 40_000 })
    const sim = createSimulation(s)
    sim.runUntil(3_000)
    sim.kubectl('run web --image=nginx:1.27', undefined, 'ui:1')
    for (let i = 0; i < 7; i++) sim.step()
    sim.kubectl('get pods', undefined, 'ui:2')
    sim.runUntil(30_000)
    sim.seek(8_000)
    sim.kubectl('delete pod web', undefined, 'ui:3')
    sim.runUntil(s.untilMs)
    const saved = sim.userActions()
    expect(saved).toHaveLength(3)
    expect(saved[1]!.at.delivered).toBeGreaterThan(0)

    // A fresh simulation that performs the saved actions at their positions, as a share link does.
    const again = createSimulation(s)
    for (const action of saved) {
      again.seekTo(action.at)
      if ('kubectl' in action) again.kubectl(action.kubectl, action.stdin, action.requestId)
    }
    again.runUntil(s.untilMs)
    expect(again.traceHash()).toBe(sim.traceHash())
  })
})

describe('step back', () => {
  it('undoes one delivery: stepping back then forward gives the same flow', () => {
    const sim = createSimulation(base)
    const flows = Array.from({ length: 12 }, () => sim.step()!.id)
    const back = sim.stepBack()
    expect(back?.id).toBe(flows[11])
    expect(back?.outcome).toBe('in-flight')
    expect(sim.deliveredCount()).toBe(11)
    expect(sim.step()?.id).toBe(flows[11])
    sim.runUntil(base.untilMs)
    expect(sim.traceHash()).toBe(straight())
  })

  it('skips heartbeats when asked', () => {
    const sim = createSimulation(base)
    sim.runUntil(12_000)
    const lastVisible = [...sim.flows()]
      .filter((f) => !f.ambient && f.outcome !== 'in-flight')
      .sort((a, b) => a.arrivesAt - b.arrivesAt || Number(a.id.slice(5)) - Number(b.id.slice(5)))
      .pop()!
    const back = sim.stepBack(true)
    expect(back?.id).toBe(lastVisible.id)
    expect(sim.flows()[Number(lastVisible.id.slice(5)) - 1]!.outcome).toBe('in-flight')
  })

  it('at the start there is nothing to step back over', () => {
    expect(createSimulation(base).stepBack()).toBeUndefined()
  })
})
