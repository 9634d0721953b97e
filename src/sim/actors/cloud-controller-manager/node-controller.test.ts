import { describe, expect, it } from 'vitest'
import { scenario, TestCluster } from '../../testing/test-cluster.ts'
import type { KObject } from '../../protocol.ts'

const cloudCluster = (): TestCluster => new TestCluster(scenario({ seed: 9, cluster: { ...scenario().cluster, cloud: true } }))

type NodeShape = { spec?: { providerID?: string; taints?: { key: string }[] }; status: { addresses: { type: string; address: string }[]; conditions: { type: string; status: string }[] } }
const shape = (n: KObject): NodeShape => n as unknown as NodeShape

describe('cloud-controller-manager node controllers', () => {
  it('the nodes present at the start are initialized: providerID, topology and instance-type labels, ExternalIP', () => {
    const c = cloudCluster()
    const n = c.object('/registry/minions/node-1')!
    expect(shape(n).spec?.providerID).toMatch(/^anatomy-cloud:\/\/\/region-1[abc]\/i-[0-9a-f]{8}$/)
    expect(n.metadata.labels).toMatchObject({ 'topology.kubernetes.io/region': 'region-1', 'node.kubernetes.io/instance-type': 'standard-4' })
    expect(n.metadata.labels?.['topology.kubernetes.io/zone']).toMatch(/^region-1[abc]$/)
    expect(shape(n).status.addresses.map((a) => a.type)).toEqual(['InternalIP', 'Hostname', 'ExternalIP'])
  })

  it('initializes a joining Node that carries the uninitialized taint, then lifts the taint', () => {
    const c = cloudCluster()
    c.run(1_000)
    expect(c.sim.fault({ kind: 'add-node', node: 'node-4' })).toBeNull()
    c.runUntil(() => Boolean(c.object('/registry/minions/node-4')), 30_000)
    const registered = c.object('/registry/minions/node-4')!
    c.runUntil(() => Boolean(shape(c.object('/registry/minions/node-4')!).spec?.providerID), 30_000)
    const n = c.object('/registry/minions/node-4')!
    expect(shape(n).spec?.providerID).toMatch(/^anatomy-cloud:\/\/\//)
    expect((shape(n).spec?.taints ?? []).map((t) => t.key)).not.toContain('node.cloudprovider.kubernetes.io/uninitialized')
    expect(n.metadata.labels?.['topology.kubernetes.io/region']).toBe('region-1')
    c.run(1_000)
    expect(shape(c.object('/registry/minions/node-4')!).status.addresses.some((a) => a.type === 'ExternalIP')).toBe(true)
    const patch = c.flows({ kind: 'apiserver.patch', from: 'cloud-controller-manager:0', label: 'PATCH /api/v1/nodes/node-4' })
    expect(patch).toHaveLength(1)
    expect(patch[0]!.via).toBe('cloud-node-controller')
    // The kubelet registered it tainted (kubeadm's cloud-provider=external kubelets do).
    expect(registered.metadata.name).toBe('node-4')
  })

  it('deletes a not-Ready Node whose instance is gone from the cloud', () => {
    const c = cloudCluster()
    c.run(2_000)
    expect(c.sim.fault({ kind: 'delete-instance', node: 'node-2' })).toBeNull()
    c.runUntil(() => !c.object('/registry/minions/node-2'), 120_000)
    expect(c.object('/registry/minions/node-2')).toBeUndefined()
    const del = c.flows({ kind: 'apiserver.delete', from: 'cloud-controller-manager:0', label: 'DELETE /api/v1/nodes/node-2' })
    expect(del).toHaveLength(1)
    // Only after the node stopped being Ready (node-monitor-grace-period 50 s).
    expect(del[0]!.sentAt).toBeGreaterThan(40_000)
    expect(c.object('/registry/minions/node-1')).toBeDefined()
  })
})
