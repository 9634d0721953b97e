/** Faults (issue 5 part 4): what a stopped component misses, and how it catches up when started. */
import { describe, expect, it } from 'vitest'
import { TestCluster } from '../testing/test-cluster.ts'

describe('faults', () => {
  it('with kube-scheduler stopped a new pod stays Pending; started again, it re-lists and binds it', () => {
    const c = new TestCluster()
    expect(c.sim.fault({ kind: 'stop-component', component: 'kube-scheduler' })).toBeNull()
    c.kubectl('run web --image=nginx:1.27')
    c.run(30_000)
    expect(c.status('web')).toBe('Pending')
    // It released its Lease as it stopped (ReleaseOnCancel) and exited once that was answered; its
    // watches closed with it, so no message found it gone.
    const release = c.flows({ from: 'kube-scheduler:0', kind: 'apiserver.update' }).at(-1)!
    expect(release.label).toBe('PUT /apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kube-scheduler')
    const answer = c.flows({ to: 'kube-scheduler:0', kind: 'apiserver.response' }).at(-1)!
    expect(c.causeChain(answer.id).map((f) => f.id)).toContain(release.id)
    expect(answer.outcome).toBe('delivered')
    expect(c.flows({ to: 'kube-scheduler:0' }).filter((f) => f.outcome === 'dropped')).toEqual([])
    c.sim.fault({ kind: 'start-component', component: 'kube-scheduler' })
    c.runUntil(() => c.status('web') === 'Running', 30_000)
    const relists = c.flows({ from: 'kube-scheduler:0', kind: 'apiserver.list' })
    expect(relists.map((f) => f.label)).toContain('GET /api/v1/pods?fieldSelector=status.phase!%3DSucceeded%2Cstatus.phase!%3DFailed&limit=500&resourceVersion=0')
    expect(c.flows({ from: 'kube-scheduler:0', kind: 'apiserver.watch' }).length).toBeGreaterThan(0)
  })

  it('a restarted kubelet adopts the containers still running and keeps the pod Running', () => {
    const c = new TestCluster()
    c.kubectl('run web --image=nginx:1.27')
    c.runUntil(() => c.status('web') === 'Running')
    const nodeName = String((c.pod('web')!.spec as { nodeName: string }).nodeName)
    const ip = (c.pod('web')!.status as { podIP: string }).podIP
    c.sim.fault({ kind: 'stop-kubelet', node: nodeName })
    c.run(20_000)
    c.sim.fault({ kind: 'start-kubelet', node: nodeName })
    c.run(20_000)
    expect(c.status('web')).toBe('Running')
    expect((c.pod('web')!.status as { podIP: string }).podIP).toBe(ip)
    expect(c.flows({ to: `container-runtime:${nodeName}`, label: 'RunPodSandbox' })).toHaveLength(1)
  })

  it('with the registry unreachable a pull times out after 30 s: ErrImagePull, then ImagePullBackOff', () => {
    const c = new TestCluster()
    c.sim.fault({ kind: 'stop-registry' })
    c.kubectl('run web --image=redis:7')
    c.runUntil(() => c.status('web') === 'ErrImagePull', 60_000)
    const failed = c.sim.events().find((e) => e.reason === 'Failed' && e.message.startsWith('Failed to pull image'))!
    expect(failed.message).toContain('dial tcp: i/o timeout')
    c.runUntil(() => c.status('web') === 'ImagePullBackOff', 30_000)
    c.sim.fault({ kind: 'start-registry' })
    c.runUntil(() => c.status('web') === 'Running', 120_000)
  })

  it('a power-cycled node: kube-proxy re-lists and re-watches Services and EndpointSlices', () => {
    const c = new TestCluster()
    c.sim.fault({ kind: 'stop-node', node: 'node-2' })
    c.run(5_000)
    c.sim.fault({ kind: 'start-node', node: 'node-2' })
    c.run(5_000)
    const watches = c.flows({ from: 'kube-proxy:node-2', kind: 'apiserver.watch' }).map((f) => f.label.split('?')[0])
    expect(watches).toEqual(['GET /api/v1/services', 'GET /apis/discovery.k8s.io/v1/endpointslices'])
  })

  it('kubectl logs of a pod whose kubelet is stopped: its machine resets the connection, the apiserver answers with the dial error', () => {
    const c = new TestCluster()
    c.kubectl('run web --image=nginx:1.27')
    c.runUntil(() => c.status('web') === 'Running')
    const nodeName = String((c.pod('web')!.spec as { nodeName: string }).nodeName)
    const ip = (c.object(`/registry/minions/${nodeName}`)!.status as { addresses: { address: string }[] }).addresses[0]!.address
    c.sim.fault({ kind: 'stop-kubelet', node: nodeName })
    const r = c.kubectl('logs web', 5_000)
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toBe(`Error from server: Get "https://${ip}:10250/containerLogs/default/web/web": dial tcp ${ip}:10250: connect: connection refused\n`)
    const proxied = c.flows({ from: 'kube-apiserver:0', to: `kubelet:${nodeName}`, label: 'GET /containerLogs/default/web/web' })
    expect(proxied.map((f) => f.outcome)).toEqual(['dropped'])
    const rst = c.flows({ kind: 'net.refused', from: `kubelet:${nodeName}`, to: 'kube-apiserver:0' })
    expect(rst).toHaveLength(1)
    expect(rst[0]!.label).toBe('RST: connection refused')
    expect(rst[0]!.causeId).toBe(proxied[0]!.id)
  })

  it('a powered-off machine answers nothing: no reset', () => {
    const c = new TestCluster()
    c.kubectl('run web --image=nginx:1.27')
    c.runUntil(() => c.status('web') === 'Running')
    const nodeName = String((c.pod('web')!.spec as { nodeName: string }).nodeName)
    c.sim.fault({ kind: 'stop-node', node: nodeName })
    c.sim.kubectl('logs web')
    c.run(5_000)
    expect(c.flows({ kind: 'net.refused' })).toHaveLength(0)
  })

  it('refuses an unknown node by name', () => {
    const c = new TestCluster()
    expect(c.sim.fault({ kind: 'stop-node', node: 'node-9' })).toBe('fault stop-node: no node "node-9"')
  })
})
