/** A stopped kube-scheduler leaves new pods Pending; started again, its informers re-list and it binds them. */
import { describe, expect, it } from 'vitest'
import { TestCluster } from '../../testing/test-cluster.ts'

describe('kube-scheduler stopped and started', () => {
  it('binds the pod that arrived while it was down', () => {
    const c = new TestCluster()
    c.sim.fault({ kind: 'stop-component', component: 'kube-scheduler' })
    c.kubectl('run nginx --image=nginx:1.27')
    c.run(10_000)
    expect((c.pod('nginx')!.spec as { nodeName?: string }).nodeName).toBeUndefined()
    c.sim.fault({ kind: 'start-component', component: 'kube-scheduler' })
    c.runUntil(() => !!(c.pod('nginx')!.spec as { nodeName?: string }).nodeName, 30_000)
    expect(c.sim.podDecision('default/nginx')?.winner).toMatch(/^node-[123]$/)
  })
})
