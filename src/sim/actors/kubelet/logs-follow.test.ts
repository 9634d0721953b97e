import { describe, expect, it } from 'vitest'
import { TestCluster } from '../../testing/test-cluster.ts'

describe('kubectl logs -f', () => {
  it('follows the log through the apiserver as the process prints, until Ctrl+C hangs up both connections', () => {
    const c = new TestCluster()
    c.kubectl(`run ticker --image=busybox:1.36 -- sh -c 'while true; do date; sleep 2; done'`)
    c.runUntil(() => c.status('ticker') === 'Running')
    c.run(2_000)
    const from = c.sim.flows().length
    c.sim.kubectl('logs -f ticker', undefined, 'follow-1')
    c.run(6_000)
    expect(c.sim.kubectlResults().some((r) => r.requestId === 'follow-1')).toBe(false)
    const flows = c.sim.flows().slice(from)
    const node = (c.pod('ticker')!.spec as { nodeName: string }).nodeName
    expect(flows.find((f) => f.from === 'kubectl' && f.label.includes('/log'))!.label).toBe('GET /api/v1/namespaces/default/pods/ticker/log?container=ticker&follow=true')
    // One chunk every two seconds, kubelet → apiserver → kubectl.
    expect(flows.filter((f) => f.kind === 'stream.chunk' && f.from === `kubelet:${node}`).length).toBe(3)
    expect(flows.filter((f) => f.kind === 'stream.chunk' && f.to === 'kubectl').length).toBe(3)
    c.sim.interrupt('follow-1')
    c.run(100)
    const r = c.sim.kubectlResults().find((x) => x.requestId === 'follow-1')!
    expect(r.exitCode).toBe(130)
    expect(r.stdout.split('\n').filter(Boolean).every((l) => /^Thu Jan {2}1 00:00:\d\d UTC 2026$/.test(l))).toBe(true)
    expect(c.flows({ from: 'kube-apiserver:0', to: `kubelet:${node}`, kind: 'watch.close' })).toHaveLength(1)
    const chunks = c.sim.flows().length
    c.run(5_000)
    expect(c.sim.flows().slice(chunks).filter((f) => f.kind === 'stream.chunk')).toHaveLength(0)
  })

  it('ends with the container, and kubectl exits 0', () => {
    const c = new TestCluster()
    c.kubectl(`run counter --image=busybox:1.36 --restart=Never -- sh -c 'echo one; sleep 3; echo two; sleep 3; echo three'`)
    c.runUntil(() => c.status('counter') === 'Running')
    const r = c.kubectl('logs -f counter')
    expect(r).toMatchObject({ exitCode: 0, stdout: 'one\ntwo\nthree\n' })
  })

  it("ends when the kubelet's process dies (its connection resets), leaving no stream behind", () => {
    const c = new TestCluster()
    c.kubectl(`run ticker --image=busybox:1.36 -- sh -c 'while true; do date; sleep 2; done'`)
    c.runUntil(() => c.status('ticker') === 'Running')
    const node = (c.pod('ticker')!.spec as { nodeName: string }).nodeName
    c.sim.kubectl('logs -f ticker', undefined, 'follow-2')
    c.run(3_000)
    c.sim.fault({ kind: 'stop-kubelet', node })
    c.run(100)
    expect(c.sim.kubectlResults().find((r) => r.requestId === 'follow-2')).toMatchObject({ exitCode: 0 })
    const chunks = c.sim.flows().length
    c.sim.fault({ kind: 'start-kubelet', node })
    c.run(10_000)
    expect(c.sim.flows().slice(chunks).filter((f) => f.kind === 'stream.chunk')).toHaveLength(0)
  })

  it('Ctrl+C before the stream opened still hangs it up', () => {
    const c = new TestCluster()
    c.kubectl(`run ticker --image=busybox:1.36 -- sh -c 'while true; do date; sleep 2; done'`)
    c.runUntil(() => c.status('ticker') === 'Running')
    c.sim.kubectl('logs -f ticker', undefined, 'follow-3')
    // The log request has gone out; interrupt before its answer comes back.
    c.runUntil(() => c.flows({ from: 'kubectl', label: /\/log\?/ }).length > 0)
    c.sim.interrupt('follow-3')
    c.run(10_000)
    // The answer came after the line ended: kubectl hung the stream up, and nothing more flowed.
    expect(c.flows({ from: 'kubectl', kind: 'watch.close', label: /#log/ })).toHaveLength(1)
    const chunks = c.sim.flows().filter((f) => f.kind === 'stream.chunk' && f.sentAt > c.sim.now() - 8_000)
    expect(chunks).toHaveLength(0)
  })
})
