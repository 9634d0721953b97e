/**
 * kubectl drain against a PodDisruptionBudget: the Eviction API answers 429 while the budget
 * allows no disruption, kubectl retries every 5 s until --timeout; with room, the pod is evicted
 * and its ReplicaSet replaces it on another node (FIDELITY.md §3.3).
 */
import { describe, expect, it } from 'vitest'
import type { KObject } from '../../protocol.ts'
import { webDeploymentYaml } from '../../testing/manifests.ts'
import { TestCluster } from '../../testing/test-cluster.ts'

const deployment = webDeploymentYaml(2)

function budgetYaml(minAvailable: number): string {
  return `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-pdb
spec:
  minAvailable: ${minAvailable}
  selector:
    matchLabels: {app: web}
`
}

function apply(c: TestCluster, yaml: string): void {
  const before = c.sim.kubectlResults().length
  c.sim.kubectl('apply -f -', yaml)
  c.runUntil(() => c.sim.kubectlResults().length > before, 30_000)
  expect(c.sim.kubectlResults()[before]!.exitCode).toBe(0)
}

function webPods(c: TestCluster): KObject[] {
  return Object.entries(c.sim.objects())
    .filter(([k]) => k.startsWith('/registry/pods/default/web-'))
    .map(([, v]) => v)
}

function running(c: TestCluster): KObject[] {
  return webPods(c).filter((p) => !p.metadata.deletionTimestamp && ((p.status as { conditions?: { type: string; status: string }[] }).conditions ?? []).some((x) => x.type === 'Ready' && x.status === 'True'))
}

describe('kubectl drain with a PodDisruptionBudget', () => {
  it('a budget that allows no disruption: 429, retried every 5 s until --timeout', () => {
    const c = new TestCluster()
    apply(c, deployment)
    apply(c, budgetYaml(2))
    c.runUntil(() => running(c).length === 2, 60_000)
    const node = String((webPods(c)[0]!.spec as { nodeName: string }).nodeName)
    const name = String(webPods(c).find((p) => (p.spec as { nodeName: string }).nodeName === node)!.metadata.name)
    const r = c.kubectl(`drain ${node} --timeout=12s`, 60_000)
    expect(r.exitCode).toBe(1)
    const refused = `error when evicting pods/"${name}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`
    expect(r.stderr.startsWith(refused)).toBe(true)
    expect(r.stderr).toContain(`error: unable to drain node "${node}" due to error: [error when evicting pods/"${name}" -n "default": global timeout reached: 12s], continuing command...`)
    const evictions = c.flows({ kind: 'apiserver.create', label: `POST /api/v1/namespaces/default/pods/${name}/eviction` })
    expect(evictions.length).toBeGreaterThanOrEqual(2)
    expect(evictions[1]!.sentAt - evictions[0]!.sentAt).toBeGreaterThanOrEqual(5_000)
    const answer = c.flows({ kind: 'apiserver.response', to: 'kubectl', label: /^429/ })
    expect(answer.length).toBeGreaterThanOrEqual(2)
  })

  it('a budget with room: the pod is evicted and the ReplicaSet replaces it on another node', () => {
    const c = new TestCluster()
    apply(c, deployment)
    apply(c, budgetYaml(1))
    c.runUntil(() => running(c).length === 2, 60_000)
    const node = String((webPods(c)[0]!.spec as { nodeName: string }).nodeName)
    const r = c.kubectl(`drain ${node}`, 300_000)
    expect(r.exitCode).toBe(0)
    expect(r.stdout.endsWith(`node/${node} drained\n`)).toBe(true)
    c.runUntil(() => running(c).length === 2, 60_000)
    expect(running(c).every((p) => (p.spec as { nodeName: string }).nodeName !== node)).toBe(true)
  })

  it('an accepted eviction first writes the budget, then deletes the pod: the stages read so', () => {
    const c = new TestCluster()
    apply(c, deployment)
    apply(c, budgetYaml(1))
    c.runUntil(() => running(c).length === 2, 60_000)
    const node = String((webPods(c)[0]!.spec as { nodeName: string }).nodeName)
    expect(c.kubectl(`drain ${node}`, 300_000).exitCode).toBe(0)
    const texts = c.sim.flows().flatMap((f) => (f.stages ?? []).map((s) => `${s.name}: ${s.detail}`))
    expect(texts).toContainEqual(expect.stringMatching(/^storage: \/registry\/poddisruptionbudgets\/default\/web-pdb stored at resourceVersion \d+$/))
  })
})
