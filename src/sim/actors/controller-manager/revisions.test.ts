/**
 * ControllerRevisions for DaemonSets and StatefulSets: one per template, numbered, owned by the
 * set; a template change rolls the pods (DaemonSet: maxUnavailable 1; StatefulSet: highest ordinal
 * first, stable names); `kubectl rollout history|undo` read them as real kubectl does.
 */
import { describe, expect, it } from 'vitest'
import { TestCluster } from '../../testing/test-cluster.ts'
import type { KObject } from '../../protocol.ts'
import { activePods, list } from './workload-fixtures.ts'

const daemonSet = (image: string): string =>
  `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels:\n      app: agent\n  template:\n    metadata:\n      labels:\n        app: agent\n    spec:\n      containers:\n      - name: agent\n        image: ${image}\n`

const statefulSet = (image: string): string =>
  `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  replicas: 3\n  selector:\n    matchLabels:\n      app: db\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      containers:\n      - name: db\n        image: ${image}\n`

const revisions = (c: TestCluster): KObject[] => list(c, '/registry/controllerrevisions/default')
const images = (pods: KObject[]): string[] => pods.map((p) => (p.spec as { containers: { image: string }[] }).containers[0]!.image)

function rolledTo(c: TestCluster, app: string, image: string, n: number): boolean {
  const pods = activePods(c).filter((p) => p.metadata.labels?.app === app)
  return pods.length === n && images(pods).every((i) => i === image) && pods.every((p) => (p.status as { phase?: string }).phase === 'Running')
}

describe('daemonset controller revisions', () => {
  it('a template change makes revision 2 and rolls every node; rollout undo goes back to revision 1 as revision 3', () => {
    const c = new TestCluster()
    expect(c.kubectlStdin('apply -f -', daemonSet('nginx:1.25')).exitCode).toBe(0)
    c.runUntil(() => rolledTo(c, 'agent', 'nginx:1.25', 3))
    const first = revisions(c)
    expect(first).toHaveLength(1)
    const ds = c.object('/registry/daemonsets/default/agent')!
    expect(first[0]).toMatchObject({
      kind: 'ControllerRevision',
      revision: 1,
      metadata: { ownerReferences: [{ kind: 'DaemonSet', name: 'agent', uid: ds.metadata.uid, controller: true }] },
    })
    const hash = first[0]!.metadata.labels!['controller-revision-hash']
    expect(first[0]!.metadata.name).toBe(`agent-${hash}`)
    expect(activePods(c).every((p) => p.metadata.labels?.['controller-revision-hash'] === hash)).toBe(true)

    expect(c.kubectl('set image daemonset/agent agent=nginx:1.27').exitCode).toBe(0)
    let maxUnavailable = 0
    c.runUntil(() => {
      const ready = activePods(c).filter((p) => p.metadata.labels?.app === 'agent' && ((p.status as { conditions?: { type: string; status: string }[] }).conditions ?? []).some((x) => x.type === 'Ready' && x.status === 'True'))
      maxUnavailable = Math.max(maxUnavailable, 3 - ready.length)
      return rolledTo(c, 'agent', 'nginx:1.27', 3)
    }, 120_000)
    expect(maxUnavailable).toBe(1)
    expect(revisions(c).map((r) => (r as { revision?: number }).revision).sort()).toEqual([1, 2])
    expect(c.kubectl('rollout history daemonset/agent').stdout).toBe('daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n')

    expect(c.kubectl('rollout undo daemonset/agent')).toMatchObject({ exitCode: 0, stdout: 'daemonset.apps/agent rolled back\n' })
    c.runUntil(() => rolledTo(c, 'agent', 'nginx:1.25', 3), 120_000)
    c.run(2_000)
    // No new revision: the old one is renumbered to the newest.
    const byName = Object.fromEntries(revisions(c).map((r) => [r.metadata.name, (r as { revision?: number }).revision]))
    expect(byName[`agent-${hash}`]).toBe(3)
    expect(revisions(c)).toHaveLength(2)
    expect(c.kubectl('rollout undo daemonset/agent --to-revision=3')).toMatchObject({ exitCode: 0, stdout: 'daemonset.apps/agent skipped rollback (current template already matches revision 3)\n' })
  })
})

describe('statefulset controller', () => {
  it('creates in order with stable names, rolls from the highest ordinal, and deletes from the highest on scale down', () => {
    const c = new TestCluster()
    expect(c.kubectlStdin('apply -f -', statefulSet('nginx:1.25')).exitCode).toBe(0)
    const created: string[] = []
    c.runUntil(() => {
      for (const p of activePods(c)) if (!created.includes(String(p.metadata.name))) created.push(String(p.metadata.name))
      return rolledTo(c, 'db', 'nginx:1.25', 3)
    }, 120_000)
    expect(created).toEqual(['db-0', 'db-1', 'db-2'])
    const set = c.object('/registry/statefulsets/default/db')!
    const rev1 = String((set.status as { currentRevision?: string }).currentRevision)
    expect(revisions(c).map((r) => r.metadata.name)).toEqual([rev1])

    expect(c.kubectl('set image statefulset/db db=nginx:1.27').exitCode).toBe(0)
    const replaced: string[] = []
    c.runUntil(() => {
      for (const p of activePods(c)) {
        if (images([p])[0] === 'nginx:1.27' && !replaced.includes(String(p.metadata.name))) replaced.push(String(p.metadata.name))
      }
      return rolledTo(c, 'db', 'nginx:1.27', 3)
    }, 180_000)
    expect(replaced).toEqual(['db-2', 'db-1', 'db-0'])
    c.run(2_000)
    const status = c.object('/registry/statefulsets/default/db')!.status as Record<string, unknown>
    expect(status.currentRevision).toBe(status.updateRevision)
    expect(status.currentRevision).not.toBe(rev1)
    expect(c.kubectl('rollout history statefulset/db').stdout).toBe('statefulset.apps/db \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n')
    expect(c.kubectl('rollout undo sts/db --to-revision=1')).toMatchObject({ exitCode: 0, stdout: 'statefulset.apps/db rolled back\n' })
    c.runUntil(() => rolledTo(c, 'db', 'nginx:1.25', 3), 180_000)

    expect(c.kubectl('scale statefulset db --replicas=1').exitCode).toBe(0)
    const gone: string[] = []
    c.runUntil(() => {
      for (const n of ['db-2', 'db-1']) if (!c.pod(n) && !gone.includes(n)) gone.push(n)
      return gone.length === 2
    }, 120_000)
    expect(gone).toEqual(['db-2', 'db-1'])
    expect(c.pod('db-0')).toBeDefined()
  })
})
