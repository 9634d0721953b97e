/**
 * ClaimReplicaSets: a Deployment created again after `delete --cascade=orphan` adopts the
 * ReplicaSet left behind (GET of itself, then a PATCH of the ReplicaSet) instead of failing to
 * create one under the same name.
 */
import { describe, expect, it } from 'vitest'
import { TestCluster } from '../../testing/test-cluster.ts'
import { controllerRef } from './objects.ts'
import { eventsOf, pods, replicaSets } from './workload-fixtures.ts'

describe('deployment controller: adoption of ReplicaSets', () => {
  it('adopts the orphaned ReplicaSet and keeps its pods', () => {
    const c = new TestCluster()
    c.kubectl('create deployment web --image=nginx:1.27 --replicas=2')
    c.runUntil(() => pods(c).length === 2 && pods(c).every((p) => (p.status as { phase?: string }).phase === 'Running'))
    const before = pods(c).map((p) => p.metadata.name).sort()
    expect(c.kubectl('delete deploy web --cascade=orphan').exitCode).toBe(0)
    c.runUntil(() => !c.object('/registry/deployments/default/web') && replicaSets(c).every((rs) => !controllerRef(rs)), 30_000)
    expect(c.kubectl('create deployment web --image=nginx:1.27 --replicas=2').exitCode).toBe(0)
    c.runUntil(() => {
      const d = c.object('/registry/deployments/default/web')
      return !!d && replicaSets(c).every((rs) => controllerRef(rs)?.uid === d.metadata.uid) && (d.status as { availableReplicas?: number } | undefined)?.availableReplicas === 2
    }, 30_000)
    c.run(5_000)
    expect(replicaSets(c)).toHaveLength(1)
    expect(pods(c).map((p) => p.metadata.name).sort()).toEqual(before)
    expect(eventsOf(c, 'ScalingReplicaSet')).toHaveLength(1)
    const via = c.flows({ from: 'kube-controller-manager:0' }).filter((f) => f.via === 'deployment-controller')
    const get = via.findIndex((f) => f.label === 'GET /apis/apps/v1/namespaces/default/deployments/web')
    const patch = via.findIndex((f) => f.label.startsWith('PATCH /apis/apps/v1/namespaces/default/replicasets/web-'))
    expect(get).toBeGreaterThanOrEqual(0)
    expect(patch).toBeGreaterThan(get)
    expect(via.some((f) => f.label === 'POST /apis/apps/v1/namespaces/default/replicasets' && f.sentAt > via[get]!.sentAt)).toBe(false)
  })
})
