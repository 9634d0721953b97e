/**
 * The disruption controller (pkg/controller/disruption/disruption.go) and the Eviction API that
 * trusts its figures (pkg/registry/core/pod/storage/eviction.go checkAndDecrement).
 */
import { describe, expect, it } from 'vitest'
import type { KObject } from '../../protocol.ts'
import { TestCluster } from '../../testing/test-cluster.ts'
import { webDeploymentYaml } from '../../testing/manifests.ts'
import { computeStatus, scaled } from './disruption.ts'


const budget = (field: string) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-pdb
spec:
  ${field}
  selector:
    matchLabels: {app: web}
`

type Status = { observedGeneration: number; disruptionsAllowed: number; currentHealthy: number; desiredHealthy: number; expectedPods: number; conditions: { type: string; status: string; reason: string }[]; disruptedPods?: Record<string, string> }

function pdbStatus(c: TestCluster): Status | undefined {
  return c.object('/registry/poddisruptionbudgets/default/web-pdb')?.status as Status | undefined
}

function readyWeb(c: TestCluster): KObject[] {
  return Object.entries(c.sim.objects())
    .filter(([k]) => k.startsWith('/registry/pods/default/web-'))
    .map(([, v]) => v)
    .filter((p) => !p.metadata.deletionTimestamp && ((p.status as { conditions?: { type: string; status: string }[] }).conditions ?? []).some((x) => x.type === 'Ready' && x.status === 'True'))
}

describe('disruption controller', () => {
  it('writes status: expectedPods, currentHealthy, desiredHealthy, disruptionsAllowed, DisruptionAllowed', () => {
    const c = new TestCluster()
    expect(c.kubectlStdin('apply -f -', webDeploymentYaml(3)).exitCode).toBe(0)
    expect(c.kubectlStdin('apply -f -', budget('minAvailable: 2')).exitCode).toBe(0)
    c.runUntil(() => readyWeb(c).length === 3 && pdbStatus(c)?.currentHealthy === 3, 60_000)
    expect(pdbStatus(c)).toMatchObject({ observedGeneration: 1, expectedPods: 3, currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1 })
    expect(pdbStatus(c)!.conditions).toEqual([expect.objectContaining({ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods', message: '' })])
    const writes = c.flows({ from: 'kube-controller-manager:0', kind: 'apiserver.update', label: 'PUT /apis/policy/v1/namespaces/default/poddisruptionbudgets/web-pdb/status' })
    expect(writes.length).toBeGreaterThanOrEqual(1)
    // kubectl get pdb (pkg/printers/internalversion printPodDisruptionBudget).
    const out = c.kubectl('get pdb').stdout
    expect(out.split('\n')[0]).toMatch(/^NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE$/)
    expect(out.split('\n')[1]).toMatch(/^web-pdb\s+2\s+N\/A\s+1\s+\d+s$/)
    // kubectl describe pdb (describePodDisruptionBudgetV1).
    expect(c.kubectl('describe pdb web-pdb').stdout).toBe(
      [
        'Name:           web-pdb',
        'Namespace:      default',
        'Min available:  2',
        'Selector:       app=web',
        'Status:',
        '    Allowed disruptions:  1',
        '    Current:              3',
        '    Desired:              2',
        '    Total:                3',
        'Events:                   <none>',
        '',
      ].join('\n'),
    )
  })

  it('a pod that stops being ready lowers currentHealthy; none left to lose turns DisruptionAllowed False', () => {
    const c = new TestCluster()
    c.kubectlStdin('apply -f -', webDeploymentYaml(2))
    c.kubectlStdin('apply -f -', budget('maxUnavailable: 1'))
    c.runUntil(() => pdbStatus(c)?.currentHealthy === 2, 60_000)
    expect(pdbStatus(c)).toMatchObject({ expectedPods: 2, desiredHealthy: 1, disruptionsAllowed: 1 })
    c.kubectl(`delete pod ${readyWeb(c)[0]!.metadata.name} --wait=false`)
    c.runUntil(() => pdbStatus(c)?.disruptionsAllowed === 0, 10_000)
    expect(pdbStatus(c)!.conditions[0]).toMatchObject({ status: 'False', reason: 'InsufficientPods' })
  })

  it('figures as the real controller computes them (intstr percentages round up)', () => {
    expect(scaled('50%', 3)).toBe(2)
    expect(scaled(1, 3)).toBe(1)
    const pod = (name: string, ready: boolean): KObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'u', controller: true }] },
      status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
    })
    const pods = { 'default/a': pod('a', true), 'default/b': pod('b', true), 'default/c': pod('c', false) }
    const pdb = (spec: Record<string, unknown>): KObject => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } }, ...spec } })
    // maxUnavailable: scale from the controller (4 replicas), desired 4 − 1 = 3 > 2 healthy.
    expect(computeStatus(pdb({ maxUnavailable: 1 }), pods, () => 4)).toEqual({ expectedPods: 4, desiredHealthy: 3, currentHealthy: 2, disruptionsAllowed: 0 })
    // minAvailable as a percentage of the scale: ceil(50% × 4) = 2.
    expect(computeStatus(pdb({ minAvailable: '50%' }), pods, () => 4)).toEqual({ expectedPods: 4, desiredHealthy: 2, currentHealthy: 2, disruptionsAllowed: 0 })
    // minAvailable as an int: expected is the pods selected.
    expect(computeStatus(pdb({ minAvailable: 1 }), pods, () => 4)).toEqual({ expectedPods: 3, desiredHealthy: 1, currentHealthy: 2, disruptionsAllowed: 1 })
  })
})

describe('Eviction API with a budget', () => {
  it('two evictions at once (drain evicts a node\'s pods in parallel): one spends the only allowed disruption, the other gets 429 and is retried', () => {
    const c = new TestCluster()
    // Both replicas on node-1.
    c.kubectl('cordon node-2')
    c.kubectl('cordon node-3')
    c.kubectlStdin('apply -f -', webDeploymentYaml(2))
    c.kubectlStdin('apply -f -', budget('minAvailable: 1'))
    c.runUntil(() => pdbStatus(c)?.currentHealthy === 2, 60_000)
    c.kubectl('uncordon node-2')
    c.kubectl('uncordon node-3')
    const nodes = readyWeb(c).map((p) => String((p.spec as { nodeName: string }).nodeName))
    expect(nodes).toEqual(['node-1', 'node-1'])
    const r = c.kubectl('drain node-1', 120_000)
    expect(r.exitCode).toBe(0)
    // The budget's status is written (one disruption spent) before the pod's deletion.
    const txns = c.flows({ to: 'etcd:0' }).filter((f) => f.label === 'Txn PUT /registry/poddisruptionbudgets/default/web-pdb' || /^Txn PUT \/registry\/pods\/default\/web-/.test(f.label))
    const firstSpend = txns.findIndex((f) => f.label.includes('poddisruptionbudgets'))
    expect(firstSpend).toBeGreaterThanOrEqual(0)
    const refused = c.flows({ kind: 'apiserver.response', to: 'kubectl', label: /^429/ })
    expect(refused.length).toBeGreaterThanOrEqual(1)
    expect(r.stderr).toMatch(/error when evicting pods\/"web-[a-z0-9-]+" -n "default" \(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\.\n/)
    c.runUntil(() => readyWeb(c).length === 2, 60_000)
    expect(readyWeb(c).every((p) => (p.spec as { nodeName: string }).nodeName !== 'node-1')).toBe(true)
  })
})
