import { describe, expect, it } from 'vitest'
import { ipToInt } from './k8s/service.ts'
import type { KObject } from './protocol.ts'
import { scenario, TestCluster } from './testing/test-cluster.ts'

function webCluster(extra: Parameters<typeof scenario>[0] = {}): TestCluster {
  const c = new TestCluster(scenario(extra))
  for (const n of ['web-1', 'web-2', 'web-3']) expect(c.kubectl(`run ${n} --image=nginx:1.27 --labels=app=web --port=80`).exitCode).toBe(0)
  c.runUntil(() => ['web-1', 'web-2', 'web-3'].every((n) => c.status(n) === 'Running'))
  return c
}

function slicesOf(c: TestCluster, svc: string): KObject[] {
  return Object.entries(c.sim.objects())
    .filter(([k, o]) => k.startsWith('/registry/endpointslices/default/') && o.metadata.labels?.['kubernetes.io/service-name'] === svc)
    .map(([, o]) => o)
}

interface Ep {
  addresses: string[]
  conditions: { ready: boolean; serving: boolean; terminating: boolean }
  targetRef: { name: string }
}

describe('Services', () => {
  it('starts with default/kubernetes at the first address, its slice and Endpoints', () => {
    const c = new TestCluster()
    const svc = c.object('/registry/services/specs/default/kubernetes')!
    expect((svc.spec as { clusterIP: string }).clusterIP).toBe('10.96.0.1')
    expect(c.object('/registry/endpointslices/default/kubernetes')).toBeDefined()
    expect(c.object('/registry/services/endpoints/default/kubernetes')).toBeDefined()
    expect(c.kubectl('describe svc kubernetes').stdout).toContain('IP:                       10.96.0.1\n')
  })

  it('with CoreDNS: kube-dns at the tenth address and two CoreDNS pods that run', () => {
    const c = new TestCluster(scenario({ cluster: { ...scenario().cluster, addons: ['coredns'] } }))
    const dns = c.object('/registry/services/specs/kube-system/kube-dns')!
    expect((dns.spec as { clusterIP: string }).clusterIP).toBe('10.96.0.10')
    c.runUntil(() => c.sim.podViews().filter((p) => p.name.startsWith('coredns-') && p.status === 'Running' && p.ready === '1/1').length === 2)
    c.run(2_000)
    const slice = Object.values(c.sim.objects()).find((o) => o.kind === 'EndpointSlice' && o.metadata.labels?.['kubernetes.io/service-name'] === 'kube-dns')!
    expect((slice.endpoints as Ep[]).filter((e) => e.conditions.ready)).toHaveLength(2)
  })

  it('expose allocates a ClusterIP from the upper band; the slice follows the Ready pods', () => {
    const c = webCluster()
    const r = c.kubectl('expose pod web-1 --port=80 --name=web')
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe('service/web exposed\n')
    const svc = c.object('/registry/services/specs/default/web')!
    const ip = (svc.spec as { clusterIP: string }).clusterIP
    // /12: the static band is the lowest 256 addresses, dynamic picks come from above it.
    expect(ipToInt(ip)).toBeGreaterThanOrEqual(ipToInt('10.96.1.1'))
    expect(ipToInt(ip)).toBeLessThan(ipToInt('10.112.0.0'))
    c.run(1_000)
    const slices = slicesOf(c, 'web')
    expect(slices).toHaveLength(1)
    const s = slices[0]!
    expect(s.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
    expect(s.metadata.labels?.['endpointslice.kubernetes.io/managed-by']).toBe('endpointslice-controller.k8s.io')
    expect(s.addressType).toBe('IPv4')
    const eps = s.endpoints as Ep[]
    expect(eps).toHaveLength(3)
    expect(eps.every((e) => e.conditions.ready && e.conditions.serving && !e.conditions.terminating)).toBe(true)
    const endpoints = c.object('/registry/services/endpoints/default/web')!
    expect(((endpoints.subsets as { addresses: unknown[] }[])[0]!.addresses)).toHaveLength(3)
    // The EndpointSlice controller wrote it, under its own ServiceAccount.
    expect(c.flows({ kind: 'apiserver.create', label: 'POST /apis/discovery.k8s.io/v1/namespaces/default/endpointslices' }).length).toBe(1)

    const describe = c.kubectl('describe service web').stdout
    expect(describe).toContain(`IP:                       ${ip}\n`)
    expect(describe).toContain('Port:                     <unset>  80/TCP\n')
    expect(describe).toMatch(/Endpoints: +10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80\n/)

    // A deleted pod's endpoint stays as terminating (not ready) until the pod is gone.
    c.sim.kubectl('delete pod web-2 --wait=false')
    c.runUntil(() => (slicesOf(c, 'web')[0]!.endpoints as Ep[]).some((e) => e.conditions.terminating))
    const term = (slicesOf(c, 'web')[0]!.endpoints as Ep[]).find((e) => e.targetRef.name === 'web-2')!
    expect(term.conditions.ready).toBe(false)
    expect(term.conditions.terminating).toBe(true)
    c.runUntil(() => (slicesOf(c, 'web')[0]!.endpoints as Ep[]).length === 2, 60_000)
  })

  it('after kube-controller-manager restarts, its EndpointSlice controller lists again and follows the pods', () => {
    const c = webCluster()
    c.kubectl('expose pod web-1 --port=80 --name=web')
    c.run(1_000)
    expect(slicesOf(c, 'web')[0]!.endpoints as Ep[]).toHaveLength(3)
    expect(c.sim.fault({ kind: 'stop-component', component: 'kube-controller-manager' })).toBeNull()
    c.run(2_000)
    expect(c.sim.fault({ kind: 'start-component', component: 'kube-controller-manager' })).toBeNull()
    c.run(2_000)
    // A pod started after the restart joins the slice: the controller's informers were rebuilt.
    expect(c.kubectl('run web-4 --image=nginx:1.27 --labels=app=web --port=80').exitCode).toBe(0)
    c.runUntil(() => (slicesOf(c, 'web')[0]!.endpoints as Ep[]).length === 4, 60_000)
    expect((slicesOf(c, 'web')[0]!.endpoints as Ep[]).map((e) => e.targetRef.name).sort()).toEqual(['web-1', 'web-2', 'web-3', 'web-4'])
  })

  it('kube-proxy writes KUBE-SVC with probabilities 1/3, 1/2, 1 after minSyncPeriod', () => {
    const c = webCluster()
    c.kubectl('expose pod web-1 --port=80 --name=web')
    c.run(3_000)
    const rules = c.sim.proxyRules('node-1')!.text
    const ip = (c.object('/registry/services/specs/default/web')!.spec as { clusterIP: string }).clusterIP
    expect(rules).toContain(`-A KUBE-SERVICES -d ${ip}/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-`)
    const jumps = rules.split('\n').filter((l) => /^-A KUBE-SVC-\S+ -m comment --comment "default\/web -> /.test(l))
    expect(jumps).toHaveLength(3)
    expect(jumps[0]).toContain('-m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-')
    expect(jumps[1]).toContain('-m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-')
    expect(jumps[2]).not.toContain('statistic')
    expect(rules).toContain('-A KUBE-SERVICES -d 10.96.0.1/32 -p tcp -m comment --comment "default/kubernetes:https cluster IP" -m tcp --dport 443 -j KUBE-SVC-NPX46M4PTMTKRN6Y')
    expect(rules).toMatch(/-j DNAT --to-destination 10\.244\.\d+\.\d+:80/)
  })

  it('traffic spreads over the three pods within statistical bounds, on this node and others', () => {
    const c = webCluster()
    c.kubectl('expose pod web-1 --port=80 --name=web')
    c.run(3_000)
    c.sim.traffic('start web --rate 300 --from node-1')
    c.run(10_000)
    c.sim.traffic('stop')
    c.run(100)
    const v = c.sim.trafficView()
    expect(v.refused).toBe(0)
    expect(v.ok).toBeGreaterThanOrEqual(2_990)
    const counts = Object.values(v.counts)
    expect(counts).toHaveLength(3)
    // Binomial(3000, 1/3): sd ≈ 25.8; 5 sd either side of 1000.
    for (const n of counts) expect(Math.abs(n - v.ok / 3)).toBeLessThan(130)
    const nodes = new Set(c.flows({ kind: 'traffic.response' }).map((f) => f.from))
    expect(nodes.size).toBeGreaterThanOrEqual(2)
  })

  it('a Service without endpoints rejects: connection refused', () => {
    const c = new TestCluster()
    c.kubectl('run lonely --image=nginx:1.27 --labels=app=lonely --port=80')
    c.runUntil(() => c.status('lonely') === 'Running')
    c.kubectl('expose pod lonely --port=80 --name=nobody --type=NodePort')
    // Point the Service at pods that do not exist: no endpoints.
    c.kubectl('delete pod lonely')
    c.run(3_000)
    expect(c.sim.proxyRules('node-2')!.text).toMatch(/"default\/nobody has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable/)
    c.sim.traffic('start nobody --rate 10 --from outside')
    c.run(1_000)
    const v = c.sim.trafficView()
    expect(v.ok).toBe(0)
    expect(v.refused).toBeGreaterThan(5)
    expect(c.flows({ kind: 'traffic.response' })[0]!.label).toBe('connection refused (REJECT: default/nobody has no endpoints)')
  })

  it('refuses an invalid Service with the real message', () => {
    const c = new TestCluster()
    c.kubectl('run x --image=nginx:1.27 --labels=app=x --port=80')
    const r = c.kubectl('expose pod x --port=80 --name=Bad_Name')
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toContain('The Service "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a DNS-1035 label must consist of lower case alphanumeric characters')
  })

  it('a LoadBalancer stays <pending> without a cloud; with one the cloud-controller-manager fills its ingress', () => {
    const bare = new TestCluster()
    bare.kubectl('run lb --image=nginx:1.27 --labels=app=lb --port=80')
    bare.kubectl('expose pod lb --port=80 --type=LoadBalancer')
    bare.run(10_000)
    const pending = bare.object('/registry/services/specs/default/lb')!
    expect((pending.status as { loadBalancer: { ingress?: unknown[] } }).loadBalancer.ingress).toBeUndefined()
    expect((pending.spec as { ports: { nodePort?: number }[] }).ports[0]!.nodePort).toBeGreaterThanOrEqual(30000)

    const cloud = new TestCluster(scenario({ cluster: { ...scenario().cluster, cloud: true } }))
    cloud.kubectl('run lb --image=nginx:1.27 --labels=app=lb --port=80')
    cloud.kubectl('expose pod lb --port=80 --type=LoadBalancer')
    cloud.runUntil(() => Boolean((cloud.object('/registry/services/specs/default/lb')!.status as { loadBalancer: { ingress?: unknown[] } }).loadBalancer.ingress))
    // The controller records EnsuredLoadBalancer after the status PATCH: let that POST land too.
    cloud.run(1_000)
    const ready = cloud.object('/registry/services/specs/default/lb')!
    expect((ready.status as { loadBalancer: { ingress: { ip: string }[] } }).loadBalancer.ingress[0]!.ip).toMatch(/^203\.0\.113\.\d+$/)
    expect(cloud.sim.events().map((e) => e.reason)).toEqual(expect.arrayContaining(['EnsuringLoadBalancer', 'EnsuredLoadBalancer']))
  })
})
