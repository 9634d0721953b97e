import { describe, expect, it } from 'vitest'
import { scenario, TestCluster } from '../../testing/test-cluster.ts'
import type { KObject } from '../../protocol.ts'

const withDns = (): TestCluster => new TestCluster(scenario({ seed: 5, cluster: { ...scenario().cluster, addons: ['coredns'] } }))

const corednsPods = (c: TestCluster): KObject[] =>
  Object.values(c.sim.objects()).filter((o) => o.kind === 'Pod' && o.metadata.namespace === 'kube-system' && o.metadata.labels?.['k8s-app'] === 'kube-dns')

describe('CoreDNS add-on', () => {
  it('is a Deployment with its ReplicaSet and two pods at t=0, as kubeadm init leaves it', () => {
    const c = withDns()
    const d = c.object('/registry/deployments/kube-system/coredns')!
    expect(d.metadata.labels).toEqual({ 'k8s-app': 'kube-dns' })
    const spec = d.spec as { replicas: number; template: { spec: { priorityClassName: string; containers: { image: string }[] } } }
    expect(spec.replicas).toBe(2)
    expect(spec.template.spec.priorityClassName).toBe('system-cluster-critical')
    expect(spec.template.spec.containers[0]!.image).toBe('registry.k8s.io/coredns/coredns:v1.12.1')
    const rss = Object.values(c.sim.objects()).filter((o) => o.kind === 'ReplicaSet' && o.metadata.namespace === 'kube-system')
    expect(rss).toHaveLength(1)
    const rs = rss[0]!
    const hash = rs.metadata.labels!['pod-template-hash']!
    expect(rs.metadata.name).toBe(`coredns-${hash}`)
    expect((rs.metadata.ownerReferences as { kind: string; name: string; controller: boolean }[])[0]).toMatchObject({ kind: 'Deployment', name: 'coredns', controller: true })
    const pods = corednsPods(c)
    expect(pods).toHaveLength(2)
    for (const p of pods) {
      expect(p.metadata.name).toMatch(new RegExp(`^coredns-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`))
      expect(p.metadata.labels).toEqual({ 'k8s-app': 'kube-dns', 'pod-template-hash': hash })
      expect((p.metadata.ownerReferences as { kind: string; name: string }[])[0]).toMatchObject({ kind: 'ReplicaSet', name: rs.metadata.name })
      expect((p.spec as { priority: number }).priority).toBe(2_000_000_000)
    }
    const svc = c.object('/registry/services/specs/kube-system/kube-dns')!
    expect((svc.spec as { clusterIP: string }).clusterIP).toBe('10.96.0.10')
  })

  it('the controllers keep it: pods run, the Deployment becomes available without a new ReplicaSet, a deleted pod is replaced', () => {
    const c = withDns()
    c.runUntil(() => corednsPods(c).every((p) => c.status(p.metadata.name!) === 'Running'), 120_000)
    c.run(15_000)
    const rss = Object.values(c.sim.objects()).filter((o) => o.kind === 'ReplicaSet' && o.metadata.namespace === 'kube-system')
    expect(rss).toHaveLength(1)
    const d = c.object('/registry/deployments/kube-system/coredns')!
    expect((d.status as { availableReplicas?: number }).availableReplicas).toBe(2)
    const victim = corednsPods(c)[0]!.metadata.name!
    expect(c.kubectl(`delete pod ${victim} -n kube-system --wait=false`).stdout).toContain(`pod "${victim}" deleted`)
    c.runUntil(() => {
      const pods = corednsPods(c)
      return pods.length === 2 && !pods.some((p) => p.metadata.name === victim) && pods.every((p) => c.status(p.metadata.name!) === 'Running')
    }, 120_000)
    expect(corednsPods(c).map((p) => p.metadata.name)).not.toContain(victim)
  })

  it('answers queries that travel client → node rules → a coredns pod → client', () => {
    const c = withDns()
    for (const n of ['web-1', 'web-2']) c.kubectl(`run ${n} --image=nginx:1.27 --labels=app=web --port=80`)
    c.runUntil(() => ['web-1', 'web-2'].every((n) => c.status(n) === 'Running'), 120_000)
    c.kubectl('expose pod web-1 --port=80 --name=web')
    c.kubectl('create service clusterip db --clusterip=None --tcp=5432')
    c.run(20_000)
    c.sim.traffic('start web --rate 5 --from node-1')
    c.run(3_000)
    const queries = c.flows({ kind: 'dns.query' })
    const toDns = queries.filter((f) => f.to === 'coredns')
    expect(toDns.length).toBeGreaterThan(0)
    expect(queries.filter((f) => f.from === 'traffic-client')[0]!.to).toBe('kube-proxy:node-1')
    const answers = c.flows({ kind: 'dns.answer', from: 'coredns', to: 'traffic-client' })
    expect(answers.length).toBeGreaterThan(0)
    const svc = c.object('/registry/services/specs/default/web')!
    expect(answers[0]!.label).toBe(`web.default.svc.cluster.local A ${(svc.spec as { clusterIP: string }).clusterIP}`)
    expect(toDns[0]!.stages?.[0]?.detail).toMatch(/^coredns-\w+-\w+ \(10\.244\.\d+\.\d+:53\) answers NOERROR/)
    expect(c.sim.trafficView().ok).toBeGreaterThan(0)
    expect(c.sim.trafficView().resolvConf).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n')
    // The actor's own cache answers headless and missing names too.
    c.sim.traffic('start db --rate 5 --from node-2')
    c.run(2_000)
    c.sim.traffic('start nope --rate 5 --from node-2')
    c.run(2_000)
    const labels = c.flows({ kind: 'dns.answer', from: 'coredns' }).map((f) => f.label)
    expect(labels).toContain('NXDOMAIN nope.default.svc.cluster.local')
  })
})
