/**
 * The kubelet's side of a pod's life (FIDELITY.md §1.3, §1.4): CrashLoopBackOff with its real
 * back-off (immediate, then 10 s, 20 s, 40 s … 300 s; kuberuntime_manager.go doBackOff), OOMKilled,
 * probes with their defaults, init containers, kubelet admission (predicate.go), preStop.
 */
import { describe, expect, it } from 'vitest'
import type { KObject } from '../../protocol.ts'
import { node, scenario, TestCluster } from '../../testing/test-cluster.ts'

type Status = {
  phase: string
  reason?: string
  message?: string
  conditions: { type: string; status: string }[]
  containerStatuses: { restartCount: number; state: Record<string, { reason?: string; message?: string; exitCode?: number }>; lastState: Record<string, { reason?: string; exitCode?: number }>; ready: boolean; started: boolean }[]
  initContainerStatuses?: { state: Record<string, { reason?: string }> }[]
}

function status(pod: KObject | undefined): Status {
  return pod!.status as Status
}

/** When the kubelet asked the runtime to start the pod's container, each time (CRI StartContainer). */
function startedAt(c: TestCluster, name: string): number[] {
  const node = (c.pod(name)?.spec as { nodeName?: string } | undefined)?.nodeName
  return node ? c.flows({ from: `kubelet:${node}`, to: `container-runtime:${node}`, label: 'StartContainer' }).map((f) => f.sentAt) : []
}

describe('kubelet: restarts', () => {
  it('backs off a crashing container 10 s, 20 s, 40 s … capped at 300 s, with the real texts', () => {
    const c = new TestCluster()
    c.kubectl('run crash --image=busybox:1.36 --command -- sh -c "exit 1"')
    c.runUntil(() => startedAt(c, 'crash').length >= 9, 1_200_000)
    const t = startedAt(c, 'crash')
    const gaps = t.slice(1).map((x, i) => x - t[i]!)
    // On top of each back-off: PLEG notices the exit within its 1 s relist, then the CRI pipeline.
    const backoffs = [0, 10, 20, 40, 80, 160, 300, 300].map((s) => s * 1000)
    gaps.forEach((g, i) => {
      expect(g - backoffs[i]!).toBeGreaterThanOrEqual(0)
      expect(g - backoffs[i]!).toBeLessThan(1_500)
    })
    const s = status(c.pod('crash'))
    expect(s.phase).toBe('Running')
    expect(s.containerStatuses[0]!.restartCount).toBe(8)
    c.runUntil(() => status(c.pod('crash')).containerStatuses[0]!.state.waiting?.reason === 'CrashLoopBackOff', 60_000)
    const cs = status(c.pod('crash')).containerStatuses[0]!
    const uid = String(c.pod('crash')!.metadata.uid)
    expect(cs.state.waiting!.message).toBe(`back-off 5m0s restarting failed container=crash pod=crash_default(${uid})`)
    expect(cs.lastState.terminated).toMatchObject({ reason: 'Error', exitCode: 1 })
    const backoff = c.sim.events().find((e) => e.reason === 'BackOff' && e.involvedObject.name === 'crash')
    expect(backoff?.message).toBe(`Back-off restarting failed container crash in pod crash_default(${uid})`)
    expect(backoff?.type).toBe('Warning')
    const row = c.kubectl('get pods').stdout.split('\n')[1]!
    expect(row).toMatch(/^crash\s+0\/1\s+CrashLoopBackOff\s+8 \(/)
  })

  it('restartPolicy Never leaves a failed container alone: the pod is Failed', () => {
    const c = new TestCluster()
    c.kubectl('run once --image=busybox:1.36 --restart=Never --command -- sh -c "exit 3"')
    c.runUntil(() => status(c.pod('once'))?.phase === 'Failed', 60_000)
    c.run(30_000)
    expect(startedAt(c, 'once')).toHaveLength(1)
    expect(status(c.pod('once')).containerStatuses[0]!.state.terminated).toMatchObject({ exitCode: 3, reason: 'Error' })
  })

  it('a process that outgrows its memory limit is OOMKilled (exit 137)', () => {
    const c = new TestCluster()
    const overrides = JSON.stringify({ spec: { containers: [{ name: 'hog', image: 'nginx:1.27', resources: { limits: { memory: '128Mi' } } }] } })
    c.kubectl(`run hog --image=nginx:1.27 --annotations=kube-anatomy.dev/behaviour=leak=10Mi/s --overrides='${overrides}'`)
    c.runUntil(() => (status(c.pod('hog'))?.containerStatuses?.[0]?.restartCount ?? 0) >= 1, 120_000)
    const cs = status(c.pod('hog')).containerStatuses[0]!
    expect(cs.lastState.terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 })
  })
})

describe('kubelet: probes', () => {
  it('a failing liveness probe kills the container after 3 failures, 10 s apart', () => {
    const c = new TestCluster()
    const overrides = JSON.stringify({
      spec: { containers: [{ name: 'live', image: 'nginx:1.27', livenessProbe: { httpGet: { path: '/healthz', port: 80 } } }] },
    })
    c.kubectl(`run live --image=nginx:1.27 --annotations=kube-anatomy.dev/behaviour=liveness=fail-after=15s --overrides='${overrides}'`)
    c.runUntil(() => c.sim.events().some((e) => e.reason === 'Killing' && e.involvedObject.name === 'live'), 120_000)
    // Three failures, 10 s apart: one Event that the recorder's correlator counts up (x3 over
    // 20s); the third count's PATCH went out with the Killing event.
    const unhealthy = () => c.sim.events().filter((e) => e.reason === 'Unhealthy')
    c.runUntil(() => (unhealthy()[0]?.count ?? 0) >= 3, 5_000)
    expect(unhealthy()).toHaveLength(1)
    expect(unhealthy()[0]!).toMatchObject({ message: 'Liveness probe failed: HTTP probe failed with statuscode: 500', count: 3 })
    // lastTimestamp is written to the second.
    expect(Math.round((unhealthy()[0]!.lastTimestampMs - unhealthy()[0]!.firstTimestampMs) / 1000)).toBe(20)
    const killing = c.sim.events().find((e) => e.reason === 'Killing')!
    expect(killing.message).toBe('Container live failed liveness probe, will be restarted')
    c.runUntil(() => (status(c.pod('live')).containerStatuses[0]?.restartCount ?? 0) === 1, 60_000)
  })

  it('readiness: not ready until the probe passes; an exec probe runs its command over CRI', () => {
    const c = new TestCluster()
    const overrides = JSON.stringify({
      spec: {
        containers: [
          {
            name: 'ready',
            image: 'busybox:1.36',
            command: ['sh', '-c', 'sleep 20; touch /tmp/ready; sleep 3600'],
            readinessProbe: { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 5 },
          },
        ],
      },
    })
    c.kubectl(`run ready --image=busybox:1.36 --overrides='${overrides}'`)
    c.runUntil(() => status(c.pod('ready'))?.phase === 'Running', 30_000)
    expect(status(c.pod('ready')).containerStatuses[0]!.ready).toBe(false)
    c.runUntil(() => status(c.pod('ready')).containerStatuses[0]!.ready, 60_000)
    expect(c.flows({ kind: 'cri.call', label: 'ExecSync' }).length).toBeGreaterThanOrEqual(4)
    const failed = c.sim.events().find((e) => e.reason === 'Unhealthy')
    expect(failed?.message).toBe("Readiness probe failed: cat: can't open '/tmp/ready': No such file or directory")
  })
})

describe('kubelet: init containers and admission', () => {
  it('runs init containers one by one before the app (Init:0/1, PodInitializing)', () => {
    const c = new TestCluster()
    const overrides = JSON.stringify({
      spec: { initContainers: [{ name: 'wait', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 5'] }] },
    })
    c.kubectl(`run app --image=nginx:1.27 --overrides='${overrides}'`)
    c.runUntil(() => c.status('app') === 'Init:0/1', 30_000)
    c.runUntil(() => c.status('app') === 'Running', 60_000)
    const started = c.sim.events().filter((e) => e.reason === 'Started').map((e) => e.message)
    expect(started).toEqual(['Started container wait', 'Started container app'])
  })

  it('rejects a pod bound by hand to a node without room: OutOfcpu', () => {
    const c = new TestCluster(scenario({ cluster: { ...scenario().cluster, nodes: [node('node-1', { cpu: '1' })] } }))
    const overrides = JSON.stringify({
      spec: { nodeName: 'node-1', containers: [{ name: 'big', image: 'nginx:1.27', resources: { requests: { cpu: '2' } } }] },
    })
    c.kubectl(`run big --image=nginx:1.27 --overrides='${overrides}'`)
    c.runUntil(() => status(c.pod('big'))?.phase === 'Failed', 30_000)
    const s = status(c.pod('big'))
    expect(s.reason).toBe('OutOfcpu')
    expect(s.message).toBe("Pod was rejected: Node didn't have enough resource: cpu, requested: 2000, used: 0, capacity: 1000")
    expect(c.kubectl('get pods').stdout).toMatch(/big\s+0\/1\s+OutOfcpu\s+0/)
  })
})
