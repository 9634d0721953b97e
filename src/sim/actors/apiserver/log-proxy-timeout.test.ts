/**
 * kubectl logs of a pod on a machine that answers nothing (powered off, or partitioned from the
 * control plane): the apiserver's dial to the kubelet's :10250 times out after Go's 30 s dialer
 * timeout and kubectl prints the apiserver's error, exit 1 — instead of waiting forever.
 */
import { describe, expect, it } from 'vitest'
import { TestCluster } from '../../testing/test-cluster.ts'
import { KUBELET_DIAL_TIMEOUT_MS } from './kubelet-proxy.ts'

function runningWeb(): { c: TestCluster; nodeName: string; ip: string } {
  const c = new TestCluster()
  c.kubectl('run web --image=nginx:1.27')
  c.runUntil(() => c.status('web') === 'Running')
  const nodeName = String((c.pod('web')!.spec as { nodeName: string }).nodeName)
  const node = c.object(`/registry/minions/${nodeName}`)!
  const ip = (node.status as { addresses: { type: string; address: string }[] }).addresses.find((a) => a.type === 'InternalIP')!.address
  return { c, nodeName, ip }
}

describe('kubectl logs through a dead link', () => {
  for (const fault of ['stop-node', 'partition-node'] as const) {
    it(`${fault}: the dial times out after 30 s and kubectl prints the apiserver's i/o timeout`, () => {
      const { c, nodeName, ip } = runningWeb()
      c.sim.fault({ kind: fault, node: nodeName })
      const typedAt = c.sim.now()
      const r = c.kubectl('logs web', 60_000)
      expect(r.exitCode).toBe(1)
      expect(r.stdout).toBe('')
      expect(r.stderr).toBe(`Error from server: Get "https://${ip}:10250/containerLogs/default/web/web": dial tcp ${ip}:10250: i/o timeout\n`)
      // The answer comes at the dial timeout, not before (plus a few ms of hops).
      const waited = c.sim.now() - typedAt
      expect(waited).toBeGreaterThanOrEqual(KUBELET_DIAL_TIMEOUT_MS)
      expect(waited).toBeLessThan(KUBELET_DIAL_TIMEOUT_MS + 1_000)
      // The proxied request was a flow that never arrived; the 500 to kubectl is caused by the log request.
      const proxied = c.flows({ from: 'kube-apiserver:0', to: `kubelet:${nodeName}`, label: 'GET /containerLogs/default/web/web' })
      expect(proxied.map((f) => f.outcome)).toEqual(['dropped'])
      const answer = c.flows({ from: 'kube-apiserver:0', to: 'kubectl', kind: 'apiserver.response' }).at(-1)!
      expect(answer.label).toBe('500 Internal Server Error')
      expect(c.causeChain(answer.id).some((f) => f.label.startsWith('GET /api/v1/namespaces/default/pods/web/log'))).toBe(true)
    })
  }

  it('a kubelet that answers cancels the timer: no late second answer', () => {
    const { c } = runningWeb()
    const r = c.kubectl('logs web')
    expect(r.exitCode).toBe(0)
    const answers = c.sim.kubectlResults().length
    c.run(KUBELET_DIAL_TIMEOUT_MS + 5_000)
    expect(c.sim.kubectlResults()).toHaveLength(answers)
    expect(c.flows({ from: 'kube-apiserver:0', to: 'kubectl', kind: 'apiserver.response' }).filter((f) => f.label.includes('500'))).toHaveLength(0)
  })
})
