/** Simulation.inspect: the component inspector's live state, read from the actors without changing them. */
import { describe, expect, it } from 'vitest'
import { node, scenario, TestCluster } from './testing/test-cluster.ts'
import type { ActorInspection } from './protocol.ts'

function rows(i: ActorInspection | null, title: string): string[][] {
  const s = i?.sections.find((x) => x.title === title)
  if (!s) throw new Error(`no section ${title}`)
  return s.rows
}

function fact(i: ActorInspection | null, label: string): string | undefined {
  return i?.facts.find((f) => f.label === label)?.value
}

describe('inspect(actorId)', () => {
  it('shows the nginx pod worker on its kubelet, its containers in containerd, and etcd revision', () => {
    const c = new TestCluster()
    c.kubectl('run nginx --image=nginx:1.27')
    c.runUntil(() => c.status('nginx') === 'Running')
    const node = String((c.pod('nginx')!.spec as { nodeName: string }).nodeName)

    const kubelet = c.sim.inspect(`kubelet:${node}`)
    expect(kubelet?.kind).toBe('kubelet')
    expect(rows(kubelet, 'pod workers').find((r) => r[0] === 'default/nginx')?.[1]).toBe('started')

    const runtime = c.sim.inspect(`container-runtime:${node}`)
    expect(rows(runtime, 'containers').some((r) => r[1] === 'nginx' && r[3] === 'CONTAINER_RUNNING')).toBe(true)
    expect(rows(runtime, 'pod sandboxes').some((r) => r[1] === 'default/nginx')).toBe(true)

    const etcd = c.sim.inspect('etcd:0')
    expect(Number(fact(etcd, 'revision'))).toBeGreaterThan(0)
    expect(Number(fact(etcd, 'keys'))).toBe(Object.keys(c.sim.objects()).length)

    const api = c.sim.inspect('kube-apiserver:0')
    const watchers = rows(api, 'watchers')
    expect(watchers.some((r) => r[0] === 'kube-scheduler:0' && r[1] === 'pods')).toBe(true)
    expect(watchers.some((r) => r[0] === `kubelet:${node}` && (r[2] ?? '').includes(`spec.nodeName=${node}`))).toBe(true)
  })

  it("shows kube-controller-manager's work queues and its controllers' last requests", () => {
    const c = new TestCluster()
    c.kubectl('create deployment web --image=nginx:1.27 --replicas=2')
    c.run(10_000)
    const kcm = c.sim.inspect('kube-controller-manager:0')
    expect(kcm?.sections.map((s) => s.title)).toContain('work queues')
    const recent = rows(kcm, 'last requests (newest first)')
    expect(recent.some((r) => r[0] === 'replicaset-controller' && (r[1] ?? '').startsWith('POST /api/v1/namespaces/default/pods'))).toBe(true)
  })

  it('lists an unschedulable pod in the scheduler queues', () => {
    const taint = { key: 'dedicated', value: 'infra', effect: 'NoSchedule' as const }
    const c = new TestCluster(scenario({ cluster: { ...scenario().cluster, nodes: [node('node-1', { taints: [taint] })] } }))
    c.kubectl('run big --image=nginx:1.27')
    c.run(5_000)
    const s = c.sim.inspect('kube-scheduler:0')
    const parked = [...rows(s, 'unschedulable pods'), ...rows(s, 'backoffQ')]
    expect(parked.map((r) => r[0])).toContain('default/big')
  })

  it('is read-only: inspecting every actor does not change the trace', () => {
    const a = new TestCluster()
    const b = new TestCluster()
    for (const c of [a, b]) c.kubectl('run nginx --image=nginx:1.27')
    for (let t = 1_000; t <= 20_000; t += 1_000) {
      a.sim.runUntil(t)
      b.sim.runUntil(t)
      for (const v of b.sim.actors()) b.sim.inspect(v.id)
    }
    expect(b.sim.traceHash()).toBe(a.sim.traceHash())
    expect(b.sim.inspect('no-such-actor')).toBeNull()
  })
})
