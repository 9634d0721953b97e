/**
 * The node-failure timeline of FIDELITY.md §3.3 with its real timestamps: a node loses power, its
 * Lease stops, the node lifecycle controller sets Ready=Unknown after --node-monitor-grace-period
 * (50 s), taints the node unreachable, and the taint-eviction controller deletes its pods 300 s
 * (DefaultTolerationSeconds) after the NoExecute taint.
 */
import { describe, expect, it } from 'vitest'
import { parseTime } from '../../k8s/meta.ts'
import type { KObject } from '../../protocol.ts'
import { TestCluster } from '../../testing/test-cluster.ts'

const start = Date.parse('2026-01-01T00:00:00Z')

function ready(node: KObject | undefined): Record<string, string> | undefined {
  return ((node?.status as { conditions: Record<string, string>[] }).conditions ?? []).find((c) => c.type === 'Ready')
}

function taints(node: KObject | undefined): { key: string; effect: string; timeAdded?: string }[] {
  return ((node?.spec as { taints?: { key: string; effect: string; timeAdded?: string }[] }).taints ?? [])
}

describe('node lifecycle: a node that loses power', () => {
  it('goes Unknown after the grace period, is tainted, and its pods are evicted 300 s later', () => {
    const c = new TestCluster()
    expect(c.kubectl('run web --image=nginx:1.27').exitCode).toBe(0)
    c.runUntil(() => c.status('web') === 'Running')
    const nodeName = String((c.pod('web')!.spec as { nodeName: string }).nodeName)
    const key = `/registry/minions/${nodeName}`
    const stopAt = c.sim.now()
    expect(c.sim.fault({ kind: 'stop-node', node: nodeName })).toBeNull()
    expect(c.sim.actors().find((a) => a.id === `kubelet:${nodeName}`)?.running).toBe(false)

    c.runUntil(() => ready(c.object(key))?.status === 'Unknown', 120_000)
    const unknownAt = c.sim.now() - stopAt
    // Last renewal ≤ 10 s before the stop; the monitor runs every 5 s; grace 50 s.
    expect(unknownAt).toBeGreaterThan(40_000)
    expect(unknownAt).toBeLessThanOrEqual(65_000)
    const cond = ready(c.object(key))!
    expect(cond.reason).toBe('NodeStatusUnknown')
    expect(cond.message).toBe('Kubelet stopped posting node status.')

    c.runUntil(() => taints(c.object(key)).some((t) => t.effect === 'NoExecute'), 10_000)
    const t = taints(c.object(key))
    expect(t.map((x) => `${x.key}:${x.effect}`)).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute'])
    const noExecAt = parseTime(t[1]!.timeAdded!) - start
    const podReady = ((c.pod('web')!.status as { conditions: Record<string, string>[] }).conditions).find((x) => x.type === 'Ready')
    expect(podReady?.status).toBe('False')
    expect(c.sim.events().some((e) => e.reason === 'NodeNotReady' && e.message === `Node ${nodeName} status is now: NodeNotReady`)).toBe(true)

    c.runUntil(() => Boolean(c.pod('web')?.metadata.deletionTimestamp), 400_000)
    const evictedAt = c.sim.now()
    expect(evictedAt - noExecAt).toBeGreaterThanOrEqual(300_000)
    expect(evictedAt - noExecAt).toBeLessThan(301_000)
    // ≈ 5m50s after the power loss (FIDELITY.md §3.3 timeline).
    expect(evictedAt - stopAt).toBeGreaterThan(340_000)
    expect(evictedAt - stopAt).toBeLessThan(370_000)
    const ev = c.sim.events().find((e) => e.reason === 'TaintManagerEviction')
    expect(ev?.message).toBe('Marking for deletion Pod default/web')
    expect(c.status('web')).toBe('Terminating')

    // Power back: the node reports Ready, the taints come off, the kubelet finishes the deletion.
    c.sim.fault({ kind: 'start-node', node: nodeName })
    c.runUntil(() => c.pod('web') === undefined, 60_000)
    c.runUntil(() => ready(c.object(key))?.status === 'True' && taints(c.object(key)).length === 0, 60_000)
  })

  it('a kubelet stopped past the grace period, then started: it re-lists, renews, the node is Ready again and untainted, its pod still runs and is Ready', () => {
    const c = new TestCluster()
    c.kubectl('run web --image=nginx:1.27')
    c.runUntil(() => c.status('web') === 'Running')
    const nodeName = String((c.pod('web')!.spec as { nodeName: string }).nodeName)
    const key = `/registry/minions/${nodeName}`
    c.sim.fault({ kind: 'stop-kubelet', node: nodeName })
    c.runUntil(() => taints(c.object(key)).some((t) => t.effect === 'NoExecute'), 120_000)
    const podReady = () => ((c.pod('web')!.status as { conditions: Record<string, string>[] }).conditions).find((x) => x.type === 'Ready')?.status
    expect(podReady()).toBe('False')
    const startAt = c.sim.now()
    c.sim.fault({ kind: 'start-kubelet', node: nodeName })
    c.runUntil(() => ready(c.object(key))?.status === 'True' && taints(c.object(key)).length === 0, 30_000)
    expect(ready(c.object(key))!.reason).toBe('KubeletReady')
    // The restarted kubelet re-lists its pods, its Node and the Services, reads its Lease back and renews it.
    const kubelet = `kubelet:${nodeName}`
    expect(c.flows({ from: kubelet, kind: 'apiserver.list' }).filter((f) => f.sentAt >= startAt).map((f) => f.label)).toEqual([
      `GET /api/v1/pods?fieldSelector=spec.nodeName%3D${nodeName}&limit=500&resourceVersion=0`,
      `GET /api/v1/nodes?fieldSelector=metadata.name%3D${nodeName}&limit=500&resourceVersion=0`,
      'GET /api/v1/services?limit=500&resourceVersion=0',
    ])
    expect(c.flows({ from: kubelet, label: `GET /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${nodeName}` }).some((f) => f.sentAt >= startAt)).toBe(true)
    // registerWithAPIServer on every start: POST, 409 AlreadyExists, then GET the Node.
    expect(c.flows({ from: kubelet, kind: 'apiserver.create', label: 'POST /api/v1/nodes' })).toHaveLength(1)
    expect(c.flows({ to: kubelet, kind: 'apiserver.response', label: /^409/ })).toHaveLength(1)
    expect(c.flows({ from: kubelet, label: `GET /api/v1/nodes/${nodeName}` })).toHaveLength(1)
    expect(c.sim.events().some((e) => e.reason === 'Starting' && e.message === 'Starting kubelet.' && e.involvedObject.name === nodeName)).toBe(true)
    c.run(15_000)
    expect(c.flows({ from: kubelet, kind: 'apiserver.update', label: `PUT /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${nodeName}` }).some((f) => f.sentAt >= startAt)).toBe(true)
    // Well inside the 300 s toleration: the pod was never evicted, and it reports Ready again.
    expect(c.pod('web')!.metadata.deletionTimestamp).toBeUndefined()
    expect(c.status('web')).toBe('Running')
    c.runUntil(() => podReady() === 'True', 30_000)
  })

  it('does not evict when every node is down (full disruption)', () => {
    const c = new TestCluster()
    for (const n of ['node-1', 'node-2', 'node-3']) c.sim.fault({ kind: 'stop-node', node: n })
    c.run(120_000)
    const taintsNow = ['node-1', 'node-2', 'node-3'].flatMap((n) => taints(c.object(`/registry/minions/${n}`)))
    expect(taintsNow.every((x) => x.effect === 'NoSchedule')).toBe(true)
    expect(taintsNow).toHaveLength(3)
  })

  it('a partitioned node goes Unknown too; its flows are dropped', () => {
    const c = new TestCluster()
    c.sim.fault({ kind: 'partition-node', node: 'node-2' })
    c.run(70_000)
    expect(ready(c.object('/registry/minions/node-2'))?.status).toBe('Unknown')
    expect(c.flows({ from: 'kubelet:node-2' }).some((f) => f.outcome === 'dropped')).toBe(true)
    c.sim.fault({ kind: 'heal-node', node: 'node-2' })
    c.run(30_000)
    expect(ready(c.object('/registry/minions/node-2'))?.status).toBe('True')
  })
})
