import { describe, expect, it } from 'vitest'
import { createObject, deleteObject, updateObject } from '../../testing/admin-requests.ts'
import { TestCluster } from '../../testing/test-cluster.ts'
import { activePods, deployment, eventsOf, pods, readyPods, replicaSets } from './workload-fixtures.ts'

function running(replicas: number): TestCluster {
  const c = new TestCluster()
  createObject(c.sim, deployment(replicas))
  c.runUntil(() => readyPods(c).length === replicas && condition(c, 'Progressing')?.reason === 'NewReplicaSetAvailable')
  return c
}

function current(c: TestCluster) {
  return c.object('/registry/deployments/default/nginx')!
}

function condition(c: TestCluster, type: string) {
  return ((current(c)?.status as { conditions?: { type: string; reason: string; status: string; message: string }[] } | undefined)?.conditions ?? []).find((x) => x.type === type)
}

function setSpec(c: TestCluster, patch: Record<string, unknown>, template?: Record<string, unknown>): void {
  const d = structuredClone(current(c))
  d.spec = { ...(d.spec as object), ...patch }
  if (template) (d.spec as { template: Record<string, unknown> }).template = template
  updateObject(c.sim, d)
}

describe('deployment controller', () => {
  it('a 3-replica Deployment yields one ReplicaSet and 3 pods with the right names, labels and owner chain', () => {
    const c = running(3)
    const d = current(c)
    const rss = replicaSets(c)
    expect(rss).toHaveLength(1)
    const rs = rss[0]!
    const hash = rs.metadata.labels!['pod-template-hash']!
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/)
    expect(rs.metadata.name).toBe(`nginx-${hash}`)
    expect(rs.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' })
    expect(rs.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx', uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }])
    expect(rs.spec).toMatchObject({ replicas: 3, selector: { matchLabels: { app: 'nginx', 'pod-template-hash': hash } } })
    const ps = pods(c)
    expect(ps).toHaveLength(3)
    for (const p of ps) {
      expect(p.metadata.name).toMatch(new RegExp(`^nginx-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`))
      expect(p.metadata.labels).toEqual({ app: 'nginx', 'pod-template-hash': hash })
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name, uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }])
    }
    expect(c.object(`/registry/replicasets/default/${rs.metadata.name}`)!.status).toMatchObject({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 })
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1')
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 })
    expect(condition(c, 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' })
    expect(condition(c, 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rs.metadata.name}" has successfully progressed.` })
    expect(eventsOf(c, 'ScalingReplicaSet')).toEqual([`Scaled up replica set ${rs.metadata.name} from 0 to 3`])
    expect(eventsOf(c, 'SuccessfulCreate').sort()).toEqual(ps.map((p) => `Created pod: ${p.metadata.name}`).sort())
  })

  it('creates pods in slow-start batches of 1, 2, 4 under the replicaset controller identity, each request drawn with its controller', () => {
    const c = new TestCluster()
    createObject(c.sim, deployment(7))
    c.runUntil(() => activePods(c).length === 7)
    const creates = c.flows({ from: 'kube-controller-manager:0', label: 'POST /api/v1/namespaces/default/pods' })
    expect(creates).toHaveLength(7)
    expect(creates.every((f) => f.via === 'replicaset-controller')).toBe(true)
    const times = [...new Set(creates.map((f) => f.sentAt))]
    expect(times.map((t) => creates.filter((f) => f.sentAt === t).length)).toEqual([1, 2, 4])
    expect(c.flows({ from: 'kube-controller-manager:0', label: 'POST /apis/apps/v1/namespaces/default/replicasets' })[0]!.via).toBe('deployment-controller')
  })

  it('scales 3→5→2 through its ReplicaSet, deleting doubled-up pods first', () => {
    const c = running(3)
    setSpec(c, { replicas: 5 })
    c.runUntil(() => readyPods(c).length === 5 && condition(c, 'Progressing')?.reason === 'NewReplicaSetAvailable' && current(c).status !== undefined && (current(c).status as { availableReplicas?: number }).availableReplicas === 5)
    const rsName = String(replicaSets(c)[0]!.metadata.name)
    setSpec(c, { replicas: 2 })
    c.runUntil(() => pods(c).length === 2)
    expect(replicaSets(c)).toHaveLength(1)
    expect((replicaSets(c)[0]!.spec as { replicas: number }).replicas).toBe(2)
    const nodes = pods(c).map((p) => (p.spec as { nodeName: string }).nodeName)
    expect(new Set(nodes).size).toBe(2)
    expect(eventsOf(c, 'ScalingReplicaSet')).toEqual([`Scaled up replica set ${rsName} from 0 to 3`, `Scaled up replica set ${rsName} from 3 to 5`, `Scaled down replica set ${rsName} from 5 to 2`])
    expect(eventsOf(c, 'SuccessfulDelete')).toHaveLength(3)
  })

  it('rolls out a new image on 4 replicas never below 3 available nor above 5 pods, then rollout undo returns to the old ReplicaSet', () => {
    const c = running(4)
    const oldRS = String(replicaSets(c)[0]!.metadata.name)
    const oldTemplate = structuredClone((current(c).spec as { template: Record<string, unknown> }).template)
    setSpec(c, {}, { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } })
    let minAvailable = Infinity
    let maxPods = 0
    let maxDesired = 0
    c.runUntil(() => {
      minAvailable = Math.min(minAvailable, readyPods(c).length)
      maxPods = Math.max(maxPods, activePods(c).length)
      maxDesired = Math.max(maxDesired, replicaSets(c).reduce((n, rs) => n + (rs.spec as { replicas: number }).replicas, 0))
      // Done when the old ReplicaSet is at 0 (the condition alone still reads NewReplicaSetAvailable
      // from the first rollout until the controller has written the new one).
      const old = c.object(`/registry/replicasets/default/${oldRS}`)!.spec as { replicas: number }
      return replicaSets(c).length === 2 && old.replicas === 0 && condition(c, 'Progressing')?.reason === 'NewReplicaSetAvailable' && pods(c).length === 4
    })
    expect(minAvailable).toBeGreaterThanOrEqual(3)
    expect(maxPods).toBeLessThanOrEqual(5)
    // The surge is used: the new ReplicaSet asks for its first pod while the old one still asks for
    // 4. Whether 5 pods exist at once depends on which write lands first: the old ReplicaSet may be
    // scaled down (maxUnavailable 1) before the new pod is created.
    expect(maxDesired).toBe(5)
    const newRS = replicaSets(c).find((rs) => rs.metadata.name !== oldRS)!
    expect(newRS.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2')
    expect((c.object(`/registry/replicasets/default/${oldRS}`)!.spec as { replicas: number }).replicas).toBe(0)
    expect(pods(c).every((p) => p.metadata.labels!['pod-template-hash'] === newRS.metadata.labels!['pod-template-hash'])).toBe(true)

    // kubectl rollout undo: the template of revision 1 goes back into the Deployment.
    setSpec(c, {}, oldTemplate)
    c.runUntil(() => condition(c, 'Progressing')?.reason === 'NewReplicaSetAvailable' && pods(c).length === 4 && pods(c).every((p) => p.metadata.labels!['pod-template-hash'] === oldRS.split('-')[1]))
    expect(replicaSets(c)).toHaveLength(2)
    const back = c.object(`/registry/replicasets/default/${oldRS}`)!
    expect((back.spec as { replicas: number }).replicas).toBe(4)
    expect(back.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' })
    expect(current(c).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3')
  })

  it('Recreate deletes every old pod before the new ReplicaSet grows', () => {
    const c = new TestCluster()
    createObject(c.sim, deployment(3, 'nginx:1.25', { strategy: { type: 'Recreate' } }))
    c.runUntil(() => readyPods(c).length === 3 && condition(c, 'Progressing')?.reason === 'NewReplicaSetAvailable')
    const oldHash = pods(c)[0]!.metadata.labels!['pod-template-hash']
    setSpec(c, {}, { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } })
    let overlap = false
    c.runUntil(() => {
      const hashes = new Set(pods(c).map((p) => p.metadata.labels!['pod-template-hash']))
      if (hashes.has(oldHash) && hashes.size > 1) overlap = true
      return readyPods(c).length === 3 && !hashes.has(oldHash)
    })
    expect(overlap).toBe(false)
  })

  it('a paused Deployment does not roll out a new template until resumed', () => {
    const c = running(2)
    setSpec(c, { paused: true })
    c.runUntil(() => condition(c, 'Progressing')?.reason === 'DeploymentPaused')
    expect(condition(c, 'Progressing')).toMatchObject({ status: 'Unknown', message: 'Deployment is paused' })
    setSpec(c, {}, { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } })
    c.run(5000)
    expect(replicaSets(c)).toHaveLength(1)
    setSpec(c, { paused: false })
    c.runUntil(() => replicaSets(c).length === 2 && condition(c, 'Progressing')?.reason === 'NewReplicaSetAvailable' && pods(c).length === 2)
  })

  it('a restarted kube-controller-manager re-lists and adopts the running state without deleting anything', () => {
    const c = running(3)
    const before = pods(c).map((p) => p.metadata.name)
    expect(c.sim.fault({ kind: 'stop-component', component: 'kube-controller-manager' })).toBeNull()
    c.run(1000)
    expect(c.sim.fault({ kind: 'start-component', component: 'kube-controller-manager' })).toBeNull()
    c.run(10_000)
    expect(pods(c).map((p) => p.metadata.name)).toEqual(before)
    expect(replicaSets(c)).toHaveLength(1)
    // The controllers work again: a deleted pod is replaced.
    deleteObject(c.sim, 'Pod', String(before[0]))
    c.runUntil(() => readyPods(c).length === 3 && !pods(c).some((p) => p.metadata.name === before[0]))
  })

  it('reports ProgressDeadlineExceeded when no pod becomes available within progressDeadlineSeconds', () => {
    const c = new TestCluster()
    createObject(c.sim, deployment(2, 'nginx:0.0-does-not-exist', { progressDeadlineSeconds: 30 }))
    c.runUntil(() => condition(c, 'Progressing')?.reason === 'ProgressDeadlineExceeded', 120_000)
    const rs = String(replicaSets(c)[0]!.metadata.name)
    expect(condition(c, 'Progressing')).toMatchObject({ status: 'False', message: `ReplicaSet "${rs}" has timed out progressing.` })
    expect(condition(c, 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable' })
  })

  it('replaces a deleted pod of its ReplicaSet', () => {
    const c = running(3)
    const victim = String(pods(c)[0]!.metadata.name)
    deleteObject(c.sim, 'Pod', victim)
    c.runUntil(() => !pods(c).some((p) => p.metadata.name === victim) && readyPods(c).length === 3)
    expect(eventsOf(c, 'SuccessfulCreate')).toHaveLength(4)
  })

  it('deleting the Deployment deletes its ReplicaSet and pods through the garbage collector', () => {
    const c = running(3)
    deleteObject(c.sim, 'Deployment', 'nginx')
    c.runUntil(() => pods(c).length === 0 && replicaSets(c).length === 0, 120_000)
    const gcDeletes = c.flows({ from: 'kube-controller-manager:0', kind: 'apiserver.delete' }).filter((f) => f.via === 'garbage-collector-controller')
    expect(gcDeletes.map((f) => f.label)).toEqual(expect.arrayContaining([expect.stringMatching(/^DELETE \/apis\/apps\/v1\/namespaces\/default\/replicasets\/nginx-/), expect.stringMatching(/^DELETE \/api\/v1\/namespaces\/default\/pods\/nginx-/)]))
  })

  it('foreground deletion keeps the Deployment until its dependents are gone; orphan leaves the ReplicaSet ownerless', () => {
    const c = running(2)
    deleteObject(c.sim, 'Deployment', 'nginx', 'default', 'Foreground')
    c.run(20)
    expect(current(c).metadata.finalizers).toEqual(['foregroundDeletion'])
    c.runUntil(() => !c.object('/registry/deployments/default/nginx'), 120_000)
    expect(replicaSets(c)).toHaveLength(0)

    const o = running(2)
    deleteObject(o.sim, 'Deployment', 'nginx', 'default', 'Orphan')
    o.runUntil(() => !o.object('/registry/deployments/default/nginx'))
    o.run(2000)
    expect(replicaSets(o)).toHaveLength(1)
    expect(replicaSets(o)[0]!.metadata.ownerReferences).toBeUndefined()
    expect(pods(o)).toHaveLength(2)
  })
})
