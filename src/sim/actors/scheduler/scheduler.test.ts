/**
 * kube-scheduler in the engine: FailedScheduling and the retry on a cluster event
 * (backend/queue/scheduling_queue.go), the 5-minute flush, PriorityClass admission
 * (plugin/pkg/admission/priority/admission.go) and preemption (framework/preemption/preemption.go).
 */
import { describe, expect, it } from 'vitest'
import { node, scenario, TestCluster } from '../../testing/test-cluster.ts'

const taint = { key: 'dedicated', value: 'infra', effect: 'NoSchedule' as const }
const tainted = () => new TestCluster(scenario({ cluster: { ...scenario().cluster, nodes: [node('node-1', { taints: [taint] }), node('node-2', { taints: [taint] })] } }))
const nodeOf = (c: TestCluster, name: string) => (c.pod(name)?.spec as { nodeName?: string } | undefined)?.nodeName

const newNode = `apiVersion: v1
kind: Node
metadata:
  name: node-9
  labels: {kubernetes.io/hostname: node-9}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
  capacity: {cpu: "4", memory: 8Gi, pods: "110"}
  conditions: [{type: Ready, status: "True"}]
`

describe('kube-scheduler in the engine', () => {
  it('parks an unschedulable pod and retries it when a node is added', () => {
    const c = tainted()
    c.kubectl('run nginx --image=nginx:1.27')
    c.run(2_000)
    expect(c.sim.podDecision('/registry/pods/default/nginx')).toMatchObject({ attempt: 1, nodesTotal: 2 })
    c.sim.kubectl('apply -f -', newNode)
    c.runUntil(() => nodeOf(c, 'nginx') !== undefined, 30_000)
    expect(nodeOf(c, 'nginx')).toBe('node-9')
    const d = c.sim.podDecision('default/nginx')!
    // The new Node arrives with the not-ready:NoSchedule taint TaintNodesByCondition admission puts
    // on it, so TaintToleration's queueing hint skips the NodeAdd (QueueSkip); attempt 2 follows
    // node lifecycle lifting the taint (NodeTaint: untolerated before, tolerated now: Queue).
    expect(d.attempt).toBe(2)
    expect(d.winner).toBe('node-9')
    expect(d.nodes.find((n) => n.name === 'node-1')!.filters.find((f) => f.plugin === 'TaintToleration')).toMatchObject({
      verdict: 'fail',
      reasons: ['node(s) had untolerated taint {dedicated: infra}'],
      code: 'UnschedulableAndUnresolvable',
    })
  })

  it('tries a parked pod again after 5 minutes even when nothing happens', () => {
    const c = tainted()
    c.kubectl('run nginx --image=nginx:1.27')
    c.run(2_000)
    expect(c.sim.podDecision('default/nginx')!.attempt).toBe(1)
    c.run(299_000)
    expect(c.sim.podDecision('default/nginx')!.attempt).toBe(2)
  })

  it('refuses a pod naming a PriorityClass that does not exist', () => {
    const c = new TestCluster()
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  priorityClassName: gold\n  containers: [{name: c, image: nginx:1.27}]\n'
    c.sim.kubectl('apply -f -', pod)
    c.runUntil(() => c.sim.kubectlResults().length > 0)
    expect(c.sim.kubectlResults()[0]!.stderr).toContain('pods "p" is forbidden: no PriorityClass with name gold was found')
  })

  it('preempts a lower-priority pod: Preempted event, nominatedNodeName, then the binding', () => {
    const c = new TestCluster(scenario({ cluster: { ...scenario().cluster, nodes: [node('node-1', { cpu: '2' })] } }))
    const low = 'apiVersion: v1\nkind: Pod\nmetadata: {name: low}\nspec:\n  containers: [{name: c, image: nginx:1.27, resources: {requests: {cpu: 1500m}}}]\n'
    c.sim.kubectl('apply -f -', low)
    c.runUntil(() => nodeOf(c, 'low') === 'node-1')
    const gold = 'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: gold}\nvalue: 1000\n'
    c.sim.kubectl('apply -f -', gold)
    c.runUntil(() => c.object('/registry/priorityclasses/gold') !== undefined)
    const high = 'apiVersion: v1\nkind: Pod\nmetadata: {name: high}\nspec:\n  priorityClassName: gold\n  containers: [{name: c, image: nginx:1.27, resources: {requests: {cpu: "1"}}}]\n'
    c.sim.kubectl('apply -f -', high)
    c.runUntil(() => c.sim.events().some((e) => e.reason === 'Preempted'))
    expect((c.pod('high')!.spec as { priority: number }).priority).toBe(1000)
    const uid = c.pod('high')!.metadata.uid
    expect(c.sim.events().find((e) => e.reason === 'Preempted')!.message).toBe(`Preempted by pod ${uid} on node node-1`)
    expect(c.sim.events().find((e) => e.reason === 'FailedScheduling')!.message).toBe('0/1 nodes are available: 1 Insufficient cpu.')
    c.runUntil(() => (c.pod('high')?.status as { nominatedNodeName?: string }).nominatedNodeName === 'node-1')
    c.runUntil(() => nodeOf(c, 'high') === 'node-1', 120_000)
    expect(c.pod('low')).toBeUndefined()
  })
})
