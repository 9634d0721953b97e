/** kube-apiserver's identity Lease (APIServerIdentity; pkg/controlplane: 3600 s, renewed every 10 s). */
import { describe, expect, it } from 'vitest'
import { TestCluster, withoutEtcdQuorum } from '../../testing/test-cluster.ts'
import { identityLeaseKey, identityLeaseName } from './identity-lease.ts'

describe("kube-apiserver's identity Lease", () => {
  it('is in kube-system with its labels and a holder named after it, and renewed every 10 s', () => {
    const c = new TestCluster()
    const lease = c.object(identityLeaseKey)!
    expect(lease.metadata.labels).toEqual({ 'apiserver.kubernetes.io/identity': 'kube-apiserver', 'kubernetes.io/hostname': 'control-plane' })
    expect(lease.spec).toMatchObject({ leaseDurationSeconds: 3600 })
    expect((lease.spec as { holderIdentity: string }).holderIdentity).toMatch(new RegExp(`^${identityLeaseName}_[0-9a-f-]{36}$`))
    c.run(25_000)
    const renewals = c.flows({ from: 'kube-apiserver:0', kind: 'etcd.txn', label: `Txn PUT ${identityLeaseKey}` })
    expect(renewals.map((f) => f.sentAt)).toEqual([10_000, 20_000])
    expect(renewals.every((f) => f.ambient && f.causeId === null)).toBe(true)
    expect((c.object(identityLeaseKey)!.spec as { renewTime: string }).renewTime).toBe('2026-01-01T00:00:20.000000Z')
    expect(c.kubectl('get lease -A').stdout).toMatch(new RegExp(`\\nkube-system\\s+${identityLeaseName}\\s+${identityLeaseName}_[0-9a-f-]{36}\\s+25s\\n`))
  })

  it('a renewal etcd cannot commit is dropped, and the next one after quorum returns succeeds', () => {
    const c = withoutEtcdQuorum(5_000)
    c.run(20_000)
    expect((c.object(identityLeaseKey)!.spec as { renewTime: string }).renewTime).toBe('2026-01-01T00:00:00.000000Z')
    c.sim.fault({ kind: 'start-etcd-member', member: 1 })
    c.run(20_000)
    expect((c.object(identityLeaseKey)!.spec as { renewTime: string }).renewTime).toBe('2026-01-01T00:00:40.000000Z')
  })
})
