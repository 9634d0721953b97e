/**
 * `kubectl get -w` streams: the table first, then one row per watch event with the same columns
 * and no header again, until Ctrl+C hangs up the watch (a `watch.close` flow; the apiserver sends
 * nothing more). `rollout status` closes its watch when the rollout is done.
 */
import { describe, expect, it } from 'vitest'
import { TestCluster } from '../../testing/test-cluster.ts'

function streamOf(c: TestCluster, requestId: string): string | undefined {
  return c.sim.kubectlStreams().find((s) => s.requestId === requestId)?.stdout
}

function resultOf(c: TestCluster, requestId: string) {
  return c.sim.kubectlResults().find((r) => r.requestId === requestId)
}

describe('kubectl get -w', () => {
  it('prints the table, then a row per change of the pod, until Ctrl+C closes the watch', () => {
    const c = new TestCluster()
    c.kubectl('run web --image=nginx:1.27')
    c.runUntil(() => c.status('web') === 'Running')
    c.sim.kubectl('get pods -w', undefined, 'w1')
    c.runUntil(() => c.flows({ kind: 'apiserver.response', to: 'kubectl' }).some((f) => f.label === '200 OK') && streamOf(c, 'w1') !== undefined && c.sim.inFlight().every((f) => f.to !== 'kubectl'))
    const initial = streamOf(c, 'w1')!
    expect(initial.split('\n')[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/)
    expect(initial).toMatch(/^web\s+1\/1\s+Running\s+0\s+\d+s$/m)
    const watchRequest = c.flows({ from: 'kubectl', kind: 'apiserver.watch' }).at(-1)!
    expect(watchRequest.label).toMatch(/^GET \/api\/v1\/namespaces\/default\/pods\?resourceVersion=\d+&watch=true$/)

    c.kubectl('run db --image=redis:7')
    c.runUntil(() => c.status('db') === 'Running')
    c.run(100) // the last event's trip to kubectl
    const streamed = streamOf(c, 'w1')!
    const rows = streamed.slice(initial.length).split('\n').filter(Boolean)
    // One row per event, no header, padded to the widest cell printed so far in each column:
    // ContainerCreating widens STATUS, and the Running row after it keeps that width.
    expect(rows.length).toBeGreaterThanOrEqual(3)
    expect(rows[0]).toMatch(/^db {5}0\/1 {5}Pending {3}0 {10}0s$/)
    expect(rows.some((r) => /^db {5}0\/1 {5}ContainerCreating {3}0 {10}\ds$/.test(r))).toBe(true)
    expect(rows.at(-1)).toMatch(/^db {5}1\/1 {5}Running {13}0 {10}\d+s$/)
    expect(resultOf(c, 'w1')).toBeUndefined()

    c.sim.interrupt('w1')
    c.run(100)
    expect(resultOf(c, 'w1')).toMatchObject({ exitCode: 130, stdout: streamed, stderr: '' })
    expect(streamOf(c, 'w1')).toBeUndefined()
    const close = c.flows({ kind: 'watch.close', from: 'kubectl' })
    expect(close).toHaveLength(1)
    expect(close[0]!.to).toBe('kube-apiserver:0')
    expect(close[0]!.stages?.[0]?.detail).toMatch(/closed by its client/)

    // The apiserver forgot the watcher: a new pod sends kubectl nothing.
    const events = c.flows({ kind: 'watch.event', to: 'kubectl' }).length
    c.kubectl('run cache --image=redis:7')
    c.run(5_000)
    expect(c.flows({ kind: 'watch.event', to: 'kubectl' })).toHaveLength(events)
  })

  it('--watch-only skips the list and prints the header with the first event', () => {
    const c = new TestCluster()
    c.kubectl('run web --image=nginx:1.27')
    c.sim.kubectl('get pods --watch-only -o wide', undefined, 'w2')
    c.run(50)
    c.kubectl('label pod web tier=front')
    c.run(50)
    const out = streamOf(c, 'w2')!
    const lines = out.split('\n').filter(Boolean)
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/)
    expect(lines.filter((l) => l.startsWith('NAME'))).toHaveLength(1)
    expect(lines.slice(1).every((l) => l.startsWith('web'))).toBe(true)
  })

  it('-o name prints kind/name per event; a watch of several kinds is refused', () => {
    const c = new TestCluster()
    c.sim.kubectl('get deploy -w -o name', undefined, 'w3')
    c.run(50)
    expect(streamOf(c, 'w3')).toBe('')
    c.kubectl('create deployment web --image=nginx:1.27')
    c.run(50)
    expect(streamOf(c, 'w3')!.split('\n')[0]).toBe('deployment.apps/web')
    expect(c.kubectl('get all -w')).toMatchObject({
      exitCode: 1,
      stderr: 'error: watch is only supported on individual resources and resource collections - more than 1 resource was found\n',
    })
  })
})

describe('kubectl get -w --output-watch-events', () => {
  it('prints the event type in an EVENT column, the listed objects as ADDED', () => {
    const c = new TestCluster()
    c.kubectl('create deployment web --image=nginx:1.27')
    c.sim.kubectl('get deploy -w --output-watch-events', undefined, 'w5')
    c.run(50)
    c.kubectl('scale deployment web --replicas=2')
    c.run(50)
    const lines = streamOf(c, 'w5')!.split('\n').filter(Boolean)
    expect(lines[0]).toMatch(/^EVENT {3}NAME {3}READY {3}UP-TO-DATE {3}AVAILABLE {3}AGE$/)
    expect(lines[1]).toMatch(/^ADDED {3}web /)
    expect(lines.slice(2).every((l) => l.startsWith('MODIFIED   web'))).toBe(true)
  })
})

describe('kubectl get NAME -w', () => {
  it('watches one object by field selector from resourceVersion 0', () => {
    const c = new TestCluster()
    c.kubectl('run web --image=nginx:1.27')
    c.sim.kubectl('get pod web -w', undefined, 'w4')
    c.run(50)
    expect(c.flows({ from: 'kubectl', kind: 'apiserver.watch' }).at(-1)!.label).toBe('GET /api/v1/namespaces/default/pods?fieldSelector=metadata.name%3Dweb&resourceVersion=0&watch=true')
    expect(streamOf(c, 'w4')).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\nweb\s+0\/1\s+Pending/)
  })
})

describe('kubectl rollout status', () => {
  it('prints each line as it comes and closes its watch when the rollout is done', () => {
    const c = new TestCluster()
    c.kubectl('create deployment web --image=nginx:1.27 --replicas=2')
    c.sim.kubectl('rollout status deployment/web', undefined, 'rs1')
    c.runUntil(() => resultOf(c, 'rs1') !== undefined)
    const r = resultOf(c, 'rs1')!
    expect(r.exitCode).toBe(0)
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('deployment "web" successfully rolled out')
    const close = c.flows({ kind: 'watch.close', from: 'kubectl' })
    expect(close).toHaveLength(1)
    c.run(100)
    const after = c.flows({ kind: 'watch.event', to: 'kubectl' }).filter((f) => f.sentAt > close[0]!.arrivesAt)
    c.kubectl('scale deployment web --replicas=3')
    c.run(10_000)
    expect(c.flows({ kind: 'watch.event', to: 'kubectl' }).filter((f) => f.sentAt > close[0]!.arrivesAt)).toHaveLength(after.length)
  })
})
