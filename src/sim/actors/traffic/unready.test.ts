import { describe, expect, it } from 'vitest'
import { loadScenario } from '../../../scenarios/index.ts'
import { TestCluster } from '../../testing/test-cluster.ts'

describe('traffic follows readiness (the services scenario)', () => {
  it('a pod made un-Ready by its failing readiness probe leaves the slice and its counter stops', () => {
    const c = new TestCluster(loadScenario('services'))
    c.run(20_000)
    c.sim.traffic('start web --rate 20 --from node-1')
    c.run(10_000)
    const view = c.sim.trafficView()
    const pods = Object.keys(view.counts).sort()
    expect(pods).toHaveLength(3)
    expect(new Set(Object.values(view.podNodes)).size).toBeGreaterThanOrEqual(2)
    const victim = pods[0]!
    const r = c.kubectl(`annotate pod ${victim} kube-anatomy.dev/behaviour=readiness=fail`)
    expect(r.stdout).toBe(`pod/${victim} annotated\n`)
    // periodSeconds 2 × failureThreshold 3, then the slice and kube-proxy's next sync.
    c.run(10_000)
    const pod = c.pod(victim)!
    expect((pod.status as { conditions: { type: string; status: string }[] }).conditions.find((x) => x.type === 'Ready')?.status).toBe('False')
    const stopped = c.sim.trafficView().counts[victim]
    const total = c.sim.trafficView().ok
    c.run(10_000)
    expect(c.sim.trafficView().counts[victim]).toBe(stopped)
    expect(c.sim.trafficView().ok - total).toBeGreaterThan(150)
  })
})
