/**
 * A node joins during the run (issue 5: "make a pod unschedulable … then add a node and watch the
 * queue retry"): the kubelet registers its Node, TaintNodesByCondition taints it not-ready,
 * node-ipam allocates its pod CIDR, the Lease is created and renewed, the node reports Ready, the
 * taint comes off, and the parked pod is scheduled onto it.
 */
import { describe, expect, it } from 'vitest'
import type { KObject } from '../protocol.ts'
import { node, scenario, TestCluster } from '../testing/test-cluster.ts'

const big = `apiVersion: v1
kind: Pod
metadata:
  name: big
spec:
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests: {cpu: "6"}
`

function small(): ReturnType<typeof scenario> {
  return scenario({ cluster: { ...scenario().cluster, nodes: [node('node-1'), node('node-2'), node('node-3')] } })
}

function spec(n: KObject): { taints?: { key: string; effect: string }[]; podCIDR?: string } {
  return n.spec as { taints?: { key: string; effect: string }[]; podCIDR?: string }
}

function ready(n: KObject | undefined): string | undefined {
  return ((n?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).find((c) => c.type === 'Ready')?.status
}

describe('a node joins during the run', () => {
  it('an unschedulable pod waits with the real message, then lands on the node that joins', () => {
    const c = new TestCluster(small())
    for (const n of ['node-1', 'node-2', 'node-3']) expect(c.kubectl(`cordon ${n}`).exitCode).toBe(0)
    expect(c.kubectl('run big --image=nginx:1.27').exitCode).toBe(0)
    c.run(3_000)
    const failed = c.sim.events().find((e) => e.reason === 'FailedScheduling')
    expect(failed?.message).toBe(
      '0/3 nodes are available: 3 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    )
    expect(c.status('big')).toBe('Pending')

    const joinAt = c.sim.now()
    expect(c.sim.fault({ kind: 'add-node', node: 'node-4' })).toBeNull()
    c.runUntil(() => c.status('big') === 'Running', 60_000)
    expect((c.pod('big')!.spec as { nodeName: string }).nodeName).toBe('node-4')

    // Hop by hop: the registration, the Lease, the CIDR, Ready.
    const register = c.flows({ from: 'kubelet:node-4', kind: 'apiserver.create', label: 'POST /api/v1/nodes' })
    expect(register).toHaveLength(1)
    expect(register[0]!.sentAt).toBe(joinAt)
    expect(c.flows({ from: 'kubelet:node-4', label: 'GET /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-4' }).length).toBeGreaterThanOrEqual(1)
    expect(c.flows({ from: 'kubelet:node-4', label: 'POST /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases' })).toHaveLength(1)
    expect(c.flows({ from: 'kube-controller-manager:0', label: 'PATCH /api/v1/nodes/node-4' }).length).toBeGreaterThanOrEqual(2) // CIDR, taint off
    expect(c.flows({ from: 'kubelet:node-4', to: 'container-runtime:node-4', label: 'UpdateRuntimeConfig' })).toHaveLength(1)
    expect(c.flows({ from: 'kube-proxy:node-4', kind: 'apiserver.watch' }).length).toBe(2)

    const n = c.object('/registry/minions/node-4')!
    expect(spec(n).podCIDR).toBe('10.244.4.0/24')
    expect(spec(n).taints ?? []).toEqual([])
    expect(ready(n)).toBe('True')
    expect((c.pod('big')!.status as { podIP: string }).podIP).toMatch(/^10\.244\.4\./)
    expect(n.metadata.labels).toMatchObject({ 'kubernetes.io/hostname': 'node-4', 'kubernetes.io/os': 'linux' })
    expect((n.status as { addresses: { address: string }[] }).addresses[0]!.address).toBe('10.0.0.14')
    const lease = c.object('/registry/leases/kube-node-lease/node-4')!
    expect(lease.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Node', name: 'node-4', uid: n.metadata.uid }])

    // The join as `kubectl get events` tells it (kubelet's recordNodeStatusEvent, node-controller).
    const nodeEvents = c.sim.events().filter((e) => e.involvedObject.kind === 'Node' && e.involvedObject.name === 'node-4').map((e) => `${e.reason}: ${e.message}`)
    expect(nodeEvents).toEqual(
      expect.arrayContaining([
        'Starting: Starting kubelet.',
        'NodeHasSufficientMemory: Node node-4 status is now: NodeHasSufficientMemory',
        'NodeReady: Node node-4 status is now: NodeReady',
        'RegisteredNode: Node node-4 event: Registered Node node-4 in Controller',
      ]),
    )
    expect(c.sim.events().some((e) => e.reason === 'RegisteredNode' && e.involvedObject.name !== 'node-4')).toBe(false)

    // The lease keeps being renewed every 10 s.
    c.run(30_000)
    const renewals = c.flows({ from: 'kubelet:node-4', kind: 'apiserver.update', label: 'PUT /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-4' })
    expect(renewals.length).toBeGreaterThanOrEqual(3)
    expect(c.kubectl('get nodes').stdout).toMatch(/\nnode-4\s+Ready\s+<none>\s+\d+s\s+v1\.34\.0\n/)
  })

  it('the new Node is stored with the not-ready taint by TaintNodesByCondition admission, Ready=False', () => {
    const c = new TestCluster(small())
    c.sim.fault({ kind: 'add-node', node: 'node-4' })
    c.runUntil(() => c.object('/registry/minions/node-4') !== undefined, 5_000)
    const n = c.object('/registry/minions/node-4')!
    expect(spec(n).taints).toEqual([{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }])
    expect(ready(n)).toBe('False')
    expect(spec(n).podCIDR).toBeUndefined()
  })

  it('a script addNode step joins with its own spec, and a pod too big for the others lands there', () => {
    const s = small()
    s.script = [
      { atMs: 0, apply: big },
      { atMs: 5_000, addNode: node('node-4', { cpu: '8', labels: { zone: 'b' } }) },
    ]
    const c = new TestCluster(s)
    c.run(4_000)
    expect(c.status('big')).toBe('Pending')
    c.runUntil(() => c.status('big') === 'Running', 60_000)
    expect((c.pod('big')!.spec as { nodeName: string }).nodeName).toBe('node-4')
    const n = c.object('/registry/minions/node-4')!
    expect(n.metadata.labels).toMatchObject({ zone: 'b' })
    expect((n.status as { allocatable: { cpu: string } }).allocatable.cpu).toBe('8')
  })

  it('with a cloud the kubelet registers with the uninitialized taint (the CCM node controller lifts it)', () => {
    const s = small()
    s.cluster.cloud = true
    s.script = [{ atMs: 1_000, addNode: node('node-4') }]
    const c = new TestCluster(s)
    c.runUntil(() => c.object('/registry/minions/node-4') !== undefined, 5_000)
    expect(spec(c.object('/registry/minions/node-4')!).taints).toEqual([
      { key: 'node.cloudprovider.kubernetes.io/uninitialized', value: 'true', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' },
    ])
    // Ready: node lifecycle lifts only its own taint; the CCM's node controller lifts the cloud's
    // once it has set the providerID (actors/cloud-controller-manager/node-controller.ts).
    c.run(10_000)
    expect(spec(c.object('/registry/minions/node-4')!).taints ?? []).toEqual([])
    expect((c.object('/registry/minions/node-4')!.spec as { providerID?: string }).providerID).toMatch(/^anatomy-cloud:\/\/\//)
  })

  it('a DaemonSet gets a pod on the new node, and its kube-proxy syncs the Service rules', () => {
    const c = new TestCluster(small())
    c.kubectlStdin(
      'apply -f -',
      `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: a, image: "busybox:1.36", command: ["sleep", "3600"]}]}
`,
    )
    c.run(10_000)
    c.sim.fault({ kind: 'add-node', node: 'node-4' })
    c.runUntil(() => Object.values(c.sim.objects()).some((o) => o.kind === 'Pod' && (o.spec as { nodeName?: string }).nodeName === 'node-4' && (o.status as { phase?: string }).phase === 'Running'), 60_000)
    expect(c.sim.proxyRules('node-4')!.text).toContain('-A KUBE-SERVICES')
  })

  it('the join replays exactly: seeking back before it and forward again gives the same trace', () => {
    const c = new TestCluster(small())
    c.run(5_000)
    c.sim.fault({ kind: 'add-node', node: 'node-4' })
    c.run(25_000)
    const at = c.sim.now()
    const hash = c.sim.traceHash()
    c.sim.seek(2_000)
    expect(c.sim.actors().some((a) => a.id === 'kubelet:node-4')).toBe(false)
    c.sim.seek(at)
    expect(c.sim.traceHash()).toBe(hash)
    expect(c.sim.userActions()).toEqual([{ at: { atMs: 5_000 }, fault: { kind: 'add-node', node: 'node-4' } }])
  })

  it('a joined node can be stopped and started like the others', () => {
    const c = new TestCluster(small())
    c.sim.fault({ kind: 'add-node', node: 'node-4' })
    c.run(10_000)
    expect(c.sim.fault({ kind: 'stop-node', node: 'node-4' })).toBeNull()
    c.runUntil(() => ready(c.object('/registry/minions/node-4')) === 'Unknown', 120_000)
    c.sim.fault({ kind: 'start-node', node: 'node-4' })
    c.runUntil(() => ready(c.object('/registry/minions/node-4')) === 'True', 60_000)
    expect(c.sim.fault({ kind: 'add-node', node: 'node-4' })).toBe('add-node: "node-4" is already a node')
  })
})
