/**
 * ClaimPods (controller_ref_manager.go): a ReplicaSet adopts orphan pods its selector matches and
 * releases pods whose labels stop matching, through PATCHes of the pod's ownerReferences.
 */
import { describe, expect, it } from 'vitest'
import { createObject } from '../../testing/admin-requests.ts'
import { TestCluster } from '../../testing/test-cluster.ts'
import type { KObject } from '../../protocol.ts'
import { controllerRef } from './objects.ts'
import { activePods, eventsOf, pods } from './workload-fixtures.ts'

function replicaSet(replicas: number): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
  }
}

const ownedBy = (c: TestCluster, uid: string): KObject[] => activePods(c).filter((p) => controllerRef(p)?.uid === uid)

describe('replicaset controller: adoption and release', () => {
  it('adopts a running orphan pod its selector matches and creates only the rest', () => {
    const c = new TestCluster()
    c.kubectl('run lonely --image=nginx:1.27 --labels=app=web')
    c.runUntil(() => c.status('lonely') === 'Running')
    createObject(c.sim, replicaSet(3))
    c.runUntil(() => ((c.object('/registry/replicasets/default/web')?.status as { readyReplicas?: number } | undefined)?.readyReplicas ?? 0) === 3)
    c.run(2_000)
    const rs = c.object('/registry/replicasets/default/web')!
    expect(controllerRef(c.pod('lonely')!)).toEqual({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true })
    expect(ownedBy(c, String(rs.metadata.uid))).toHaveLength(3)
    expect(pods(c)).toHaveLength(3)
    expect(eventsOf(c, 'SuccessfulCreate')).toHaveLength(2)
    const adopt = c.flows({ kind: 'apiserver.patch', from: 'kube-controller-manager:0', label: 'PATCH /api/v1/namespaces/default/pods/lonely' })
    expect(adopt).toHaveLength(1)
    expect(adopt[0]!.via).toBe('replicaset-controller')
    // canAdopt: an uncached GET of the ReplicaSet comes first, and the PATCH follows its answer.
    const recheck = c.flows({ kind: 'apiserver.get', from: 'kube-controller-manager:0', label: 'GET /apis/apps/v1/namespaces/default/replicasets/web' })
    expect(recheck).toHaveLength(1)
    expect(recheck[0]!.sentAt).toBeLessThan(adopt[0]!.sentAt)
    expect(c.causeChain(adopt[0]!.id).map((f) => f.id)).toContain(recheck[0]!.id)
  })

  it('releases a pod whose labels stop matching, and replaces it', () => {
    const c = new TestCluster()
    createObject(c.sim, replicaSet(2))
    c.runUntil(() => activePods(c).length === 2 && activePods(c).every((p) => controllerRef(p)))
    const rsUid = String(c.object('/registry/replicasets/default/web')!.metadata.uid)
    const victim = String(pods(c)[0]!.metadata.name)
    expect(c.kubectl(`label pod ${victim} app=debug --overwrite`).exitCode).toBe(0)
    c.runUntil(() => ownedBy(c, rsUid).length === 2 && !controllerRef(c.pod(victim)!), 30_000)
    expect(c.pod(victim)!.metadata.ownerReferences ?? []).toEqual([])
    expect(activePods(c)).toHaveLength(3)
    const release = c.flows({ kind: 'apiserver.patch', from: 'kube-controller-manager:0', label: `PATCH /api/v1/namespaces/default/pods/${victim}` })
    expect(release).toHaveLength(1)
  })

  it('after delete --cascade=orphan, a new ReplicaSet with the same selector adopts the pods and creates none', () => {
    const c = new TestCluster()
    createObject(c.sim, replicaSet(3))
    c.runUntil(() => activePods(c).length === 3)
    const names = pods(c).map((p) => p.metadata.name).sort()
    expect(c.kubectl('delete rs web --cascade=orphan').exitCode).toBe(0)
    c.runUntil(() => !c.object('/registry/replicasets/default/web') && activePods(c).every((p) => !controllerRef(p)), 30_000)
    const created = eventsOf(c, 'SuccessfulCreate').length
    createObject(c.sim, replicaSet(3))
    c.runUntil(() => {
      const rs = c.object('/registry/replicasets/default/web')
      return !!rs && ownedBy(c, String(rs.metadata.uid)).length === 3
    }, 30_000)
    c.run(5_000)
    expect(pods(c).map((p) => p.metadata.name).sort()).toEqual(names)
    expect(eventsOf(c, 'SuccessfulCreate')).toHaveLength(created)
  })
})
