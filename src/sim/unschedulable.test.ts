import { describe, expect, it } from 'vitest'
import { node, scenario, TestCluster } from './testing/test-cluster.ts'

describe('an unschedulable pod', () => {
  const taint = { key: 'dedicated', value: 'infra', effect: 'NoSchedule' as const }
  const cluster = () =>
    new TestCluster(scenario({ cluster: { ...scenario().cluster, nodes: [node('node-1', { taints: [taint] }), node('node-2', { taints: [taint] })] } }))

  it('stays Pending with a FailedScheduling event and PodScheduled=False', () => {
    const c = cluster()
    c.kubectl('run nginx --image=nginx:1.27')
    c.run(2_000)
    const message =
      '0/2 nodes are available: 2 node(s) had untolerated taint {dedicated: infra}. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.'
    expect(c.status('nginx')).toBe('Pending')
    expect(c.sim.events().find((e) => e.reason === 'FailedScheduling')).toMatchObject({ type: 'Warning', message, source: 'default-scheduler' })
    const conditions = (c.pod('nginx')!.status as { conditions: Record<string, unknown>[] }).conditions
    expect(conditions).toContainEqual(expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message }))
    expect(c.flows({ label: /binding$/ })).toHaveLength(0)
  })
})
