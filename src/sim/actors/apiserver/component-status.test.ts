/**
 * `kubectl get componentstatuses`: the apiserver probes kube-controller-manager and kube-scheduler
 * on 127.0.0.1 and reads etcd's health key, each within 20 s (pkg/registry/core/componentstatus
 * rest.go and validator.go), and every answer carries the v1.19 deprecation notice.
 */
import { describe, expect, it } from 'vitest'
import { scenario, TestCluster, withoutEtcdQuorum } from '../../testing/test-cluster.ts'

const deprecated = 'Warning: v1 ComponentStatus is deprecated in v1.19+\n'

function running(): TestCluster {
  const c = new TestCluster()
  c.run(5_000)
  return c
}

/** The table's rows as `name status message error`, in the printed order. */
const rows = (stdout: string): string[][] =>
  stdout
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => l.trimEnd().split(/ {3,}/))

describe('kubectl get componentstatuses', () => {
  it('probes the three components and prints each Healthy with the body of its answer, after the deprecation warning', () => {
    const c = running()
    const answer = c.kubectl('get cs')
    expect(answer.exitCode).toBe(0)
    expect(answer.stderr).toBe(deprecated)
    expect(answer.warnings).toBe(deprecated)
    expect(answer.stdout.split('\n')[0]).toBe('NAME                 STATUS    MESSAGE   ERROR')
    expect(rows(answer.stdout).sort()).toEqual([
      ['controller-manager', 'Healthy', 'ok'],
      ['etcd-0', 'Healthy', 'ok'],
      ['scheduler', 'Healthy', 'ok'],
    ])
    // Real requests: the two /healthz GETs over HTTPS on their ports, and etcd's health key.
    expect(c.flows({ from: 'kube-apiserver:0', to: 'kube-scheduler:0' }).map((f) => f.label)).toContain('GET https://127.0.0.1:10259/healthz')
    expect(c.flows({ from: 'kube-apiserver:0', to: 'kube-controller-manager:0' }).map((f) => f.label)).toContain('GET https://127.0.0.1:10257/healthz')
    expect(c.flows({ kind: 'etcd.range' }).map((f) => f.label)).toContain('Range /registry/health')
  })

  it('shows a stopped scheduler Unhealthy with the refused dial as its message, at once', () => {
    const c = running()
    c.sim.fault({ kind: 'stop-component', component: 'kube-scheduler' })
    c.run(1_000)
    const answer = c.kubectl('get componentstatuses')
    const table = rows(answer.stdout)
    expect(table.find((r) => r[0] === 'scheduler')).toEqual(['scheduler', 'Unhealthy', 'Get "https://127.0.0.1:10259/healthz": dial tcp 127.0.0.1:10259: connect: connection refused'])
    expect(table.filter((r) => r[0] !== 'scheduler').map((r) => r[1])).toEqual(['Healthy', 'Healthy'])
    // The machine refused the connection: no 20 s wait.
    expect(answer.doneAtMs - answer.atMs).toBeLessThan(100)
    const probe = c.flows({ from: 'kube-apiserver:0', to: 'kube-scheduler:0' }).at(-1)!
    expect(probe.outcome).toBe('dropped')
    expect(c.flows({ from: 'kube-scheduler:0', to: 'kube-apiserver:0', kind: 'net.refused' }).length).toBeGreaterThan(0)
  })

  it('without etcd quorum the health read fails until the probe gives up after 20 s, and etcd-0 is Unhealthy with the client error', () => {
    const c = withoutEtcdQuorum()
    c.run(2_100)
    const answer = c.kubectl('get cs')
    expect(answer.doneAtMs - answer.atMs).toBeGreaterThanOrEqual(20_000)
    expect(answer.doneAtMs - answer.atMs).toBeLessThan(20_100)
    const etcd = rows(answer.stdout).find((r) => r[0] === 'etcd-0')
    expect(etcd).toEqual(['etcd-0', 'Unhealthy', 'error getting data from etcd: context deadline exceeded'])
    expect(answer.stdout).toMatch(/^etcd-0 {15}Unhealthy {3}  +error getting data/m)
    // etcd answers `request timed out` after 7 s and clientv3 reads again: three tries in 20 s.
    expect(c.flows({ kind: 'etcd.range', label: /\/registry\/health$/ }).length).toBe(3)
  })

  it('a scheduler still releasing its Lease (etcd without quorum) answers /healthz until its process exits', () => {
    const c = withoutEtcdQuorum()
    c.run(2_100)
    c.sim.fault({ kind: 'stop-component', component: 'kube-scheduler' })
    const answer = c.kubectl('get cs')
    expect(rows(answer.stdout).find((r) => r[0] === 'scheduler')).toEqual(['scheduler', 'Healthy', 'ok'])
    // The release's answer (a 500 after etcd's 7 s) came before the probe's 20 s ran out: the process is gone now.
    expect(c.kubectl('get cs scheduler').stdout).toContain('connect: connection refused')
  })

  it('gets one component by name, and names an unknown one as the apiserver does', () => {
    const c = running()
    const one = c.kubectl('get cs scheduler -o yaml')
    expect(one.stdout).toBe('apiVersion: v1\nconditions:\n- message: ok\n  status: "True"\n  type: Healthy\nkind: ComponentStatus\nmetadata:\n  creationTimestamp: null\n  name: scheduler\n')
    // Only the one probe goes out.
    expect(c.flows({ kind: 'etcd.range', label: /\/registry\/health$/ })).toHaveLength(0)
    const missing = c.kubectl('get cs kubelet')
    expect(missing.stderr).toBe(`${deprecated}Error from server: Component not found: kubelet\n`)
    expect(missing.exitCode).toBe(1)
  })

  it('describes a component with the generic describer: every field sorted, Go\'s <nil> for the null timestamp', () => {
    const c = running()
    expect(c.kubectl('describe cs scheduler').stdout).toBe(
      [
        'Name:         scheduler',
        'Namespace:    ',
        'Labels:       <none>',
        'Annotations:  <none>',
        'API Version:  v1',
        'Conditions:',
        '  Message:  ok',
        '  Status:   True',
        '  Type:     Healthy',
        'Kind:       ComponentStatus',
        'Metadata:',
        '  Creation Timestamp:  <nil>',
        'Events:                <none>',
        '',
      ].join('\n'),
    )
  })

  it('serves only get and list', () => {
    const c = running()
    const watched = c.kubectl('get cs -w', 5_000)
    expect(watched.stderr).toContain('Error from server (MethodNotAllowed): the server does not allow this method on the requested resource')
    expect(c.kubectl('delete cs scheduler').stderr).toContain('(MethodNotAllowed)')
  })

  it('is listed by api-resources with its short name', () => {
    const c = running()
    expect(c.kubectl('api-resources --api-group=').stdout).toMatch(/^componentstatuses +cs +v1 +false +ComponentStatus$/m)
  })
})

describe('deprecated APIs', () => {
  it('v1 Endpoints: kubectl prints the notice once, before the output', () => {
    const c = running()
    const answer = c.kubectl('get svc,ep')
    expect(answer.stderr).toBe('Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n')
    expect(answer.stdout).toContain('endpoints/kubernetes')
    expect(c.kubectl('get pods').warnings).toBeUndefined()
  })

  it('a watch shows the notice while it runs, above its rows', () => {
    const c = running()
    c.sim.kubectl('get endpoints -w')
    c.run(1_000)
    const [stream] = c.sim.kubectlStreams()
    expect(stream?.warnings).toBe('Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n')
    expect(stream?.stdout).toMatch(/^NAME +ENDPOINTS +AGE\nkubernetes +10\.0\.0\.10:6443/)
  })
})

describe('the rows of kubectl get cs', () => {
  it('come in the order the probes answered, which the link latencies decide', () => {
    // Seeds give different latencies; the order follows the answers' arrival, never a sort.
    const orders = new Set<string>()
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const c = new TestCluster(scenario({ seed }))
      c.run(5_000)
      const answer = c.kubectl('get cs')
      const printed = rows(answer.stdout).map((r) => r[0]).join(',')
      const arrived = c
        .flows({ to: 'kube-apiserver:0' })
        .filter((f) => (f.from === 'etcd:0' && f.kind === 'etcd.response' && f.causeId !== null && c.sim.flows()[Number(f.causeId.slice(5)) - 1]!.label === 'Range /registry/health') || (f.kind === 'apiserver.response' && f.from !== 'kubectl' && /^kube-(scheduler|controller-manager)/.test(f.from)))
        .filter((f) => f.sentAt >= answer.atMs)
        .sort((a, b) => a.arrivesAt - b.arrivesAt || Number(a.id.slice(5)) - Number(b.id.slice(5)))
        .map((f) => ({ 'etcd:0': 'etcd-0', 'kube-scheduler:0': 'scheduler', 'kube-controller-manager:0': 'controller-manager' })[f.from as 'etcd:0'])
      expect(printed).toBe(arrived.join(','))
      orders.add(printed)
    }
    expect(orders.size).toBeGreaterThan(1)
  })
})
