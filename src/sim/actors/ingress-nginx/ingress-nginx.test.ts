import { describe, expect, it } from 'vitest'
import type { TestCluster } from '../../testing/test-cluster.ts'
import { webApp, withIngress } from './fixtures.ts'

function address(c: TestCluster, name = 'web'): unknown {
  return ((c.object(`/registry/ingress/default/${name}`)?.status as { loadBalancer?: { ingress?: unknown[] } } | undefined)?.loadBalancer?.ingress ?? [])
}

describe('ingress-nginx add-on', () => {
  it('starts its controller pod through the real scheduler and kubelet, then lists and watches', () => {
    const c = withIngress()
    c.runUntil(() => c.sim.podViews().some((p) => p.namespace === 'ingress-nginx' && p.status === 'Running'))
    const pod = c.sim.podViews().find((p) => p.namespace === 'ingress-nginx')!
    expect(pod.name).toMatch(/^ingress-nginx-controller-[a-z0-9]+-[a-z0-9]{5}$/)
    c.run(2_000)
    const lists = c.flows({ from: 'ingress-nginx', kind: 'apiserver.list' }).map((f) => f.label)
    expect(lists).toContain('GET /apis/networking.k8s.io/v1/ingresses?limit=500&resourceVersion=0')
    expect(lists).toContain('GET /apis/networking.k8s.io/v1/ingressclasses?limit=500&resourceVersion=0')
    expect(lists).toContain('GET /api/v1/services?limit=500&resourceVersion=0')
    expect(lists).toContain('GET /apis/discovery.k8s.io/v1/endpointslices?limit=500&resourceVersion=0')
    expect(c.flows({ from: 'ingress-nginx', kind: 'apiserver.watch' })).toHaveLength(4)
  })

  it('writes the node address of its Ready pod into the Ingress status, and records Sync events', () => {
    const c = withIngress()
    expect(c.kubectlStdin('apply -f -', webApp).stdout).toContain('ingress.networking.k8s.io/web created')
    c.runUntil(() => (address(c) as unknown[]).length > 0, 180_000)
    const pod = c.sim.podViews().find((p) => p.namespace === 'ingress-nginx')!
    const node = c.object(`/registry/minions/${pod.node}`)!
    const internal = ((node.status as { addresses: { type: string; address: string }[] }).addresses.find((a) => a.type === 'InternalIP'))!.address
    expect(address(c)).toEqual([{ ip: internal }])
    expect(c.flows({ from: 'ingress-nginx', kind: 'apiserver.update', label: 'PUT /apis/networking.k8s.io/v1/namespaces/default/ingresses/web/status' })).toHaveLength(1)
    c.run(2_000)
    const get = c.kubectl('get ingress')
    expect(get.stdout).toMatch(new RegExp(`^NAME\\s+CLASS\\s+HOSTS\\s+ADDRESS\\s+PORTS\\s+AGE\\nweb\\s+nginx\\s+example.com\\s+${internal.replace(/\./g, '\\.')}\\s+80\\s+\\S+\\n$`))
    const table = c.sim.inspect('ingress-nginx')!.sections[0]!
    expect(table.rows[0]!.slice(0, 3)).toEqual(['example.com', '/testpath (Prefix)', 'default/web:80'])
    expect(table.rows[0]![3]).toMatch(/^10\.244\.\d+\.\d+:80, 10\.244\.\d+\.\d+:80$/)
    expect(table.rows.map((r) => r.slice(0, 3))).toContainEqual(['_', '/ (root)', 'default backend (404)'])
    const events = c.sim.events().filter((e) => e.involvedObject.kind === 'Ingress')
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ reason: 'Sync', message: 'Scheduled for sync', source: 'nginx-ingress-controller', count: 2 })
  })

  it('routes by host and path to the pods, answers 404 for other hosts and 503 without endpoints', () => {
    const c = withIngress()
    c.kubectlStdin('apply -f -', webApp)
    c.runUntil(() => c.sim.podViews().filter((p) => (p.name.startsWith('web-') || p.namespace === 'ingress-nginx') && p.ready === '1/1').length === 3, 120_000)
    c.run(5_000)
    c.sim.traffic('start --ingress example.com/testpath/x --rate 20 --from outside')
    c.run(5_000)
    const v = c.sim.trafficView()
    expect(v.ingress).toBe('example.com/testpath/x')
    expect(v.codes?.['200']).toBeGreaterThan(50)
    expect(Object.keys(v.counts).filter((p) => p.startsWith('web-'))).toHaveLength(2)
    c.sim.traffic('start --ingress other.example.org/ --rate 20 --from outside')
    c.run(2_000)
    expect(c.sim.trafficView().codes?.['404']).toBeGreaterThan(10)
    c.kubectl('scale deployment web --replicas=0')
    c.run(40_000)
    c.sim.traffic('start --ingress example.com/testpath --rate 20 --from outside')
    c.run(2_000)
    expect(c.sim.trafficView().codes?.['503']).toBeGreaterThan(10)
  })

  it('sends ingress traffic from a client pod through its node to the controller Service (DNS, ClusterIP)', () => {
    const c = withIngress()
    c.kubectlStdin('apply -f -', webApp)
    c.runUntil(() => c.sim.podViews().filter((p) => (p.name.startsWith('web-') || p.namespace === 'ingress-nginx') && p.ready === '1/1').length === 3, 120_000)
    c.run(5_000)
    c.sim.traffic('start --ingress example.com/testpath --rate 20 --from node-1')
    c.run(3_000)
    expect(c.flows({ kind: 'dns.query', label: /ingress-nginx-controller\.ingress-nginx\.svc\.cluster\.local/ }).length).toBeGreaterThan(0)
    expect(c.sim.trafficView().codes?.['200']).toBeGreaterThan(20)
  })

  it('starts again in a new pod when its pod is deleted: a new LIST and WATCH, and it routes again', () => {
    const c = withIngress()
    c.kubectlStdin('apply -f -', webApp)
    c.runUntil(() => c.sim.podViews().filter((p) => (p.name.startsWith('web-') || p.namespace === 'ingress-nginx') && p.ready === '1/1').length === 3, 120_000)
    const old = c.sim.podViews().find((p) => p.namespace === 'ingress-nginx')!.name
    c.kubectl(`delete pod ${old} -n ingress-nginx --wait=false`)
    c.runUntil(() => c.sim.podViews().some((p) => p.namespace === 'ingress-nginx' && p.name !== old && p.ready === '1/1'), 400_000)
    expect(c.flows({ from: 'ingress-nginx', kind: 'apiserver.list', label: /\/ingresses\?/ })).toHaveLength(2)
    expect(c.flows({ from: 'ingress-nginx', kind: 'watch.close' })).toHaveLength(4)
    c.run(5_000)
    c.sim.traffic('start --ingress example.com/testpath --rate 20 --from outside')
    c.run(3_000)
    expect(c.sim.trafficView().codes?.['200']).toBeGreaterThan(20)
  })
})
