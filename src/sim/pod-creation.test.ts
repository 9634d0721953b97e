/**
 * `kubectl run nginx --image=nginx:1.27`, hop by hop, against FIDELITY.md §1.2 and §1.1 phases D–E.
 */
import { describe, expect, it } from 'vitest'
import type { Flow } from './protocol.ts'
import { TestCluster } from './testing/test-cluster.ts'

function started(c: TestCluster): { cluster: TestCluster; node: string; kubelet: string; runtime: string } {
  c.kubectl('run nginx --image=nginx:1.27')
  c.runUntil(() => c.status('nginx') === 'Running')
  const node = String((c.pod('nginx')!.spec as { nodeName: string }).nodeName)
  return { cluster: c, node, kubelet: `kubelet:${node}`, runtime: `container-runtime:${node}` }
}

/** The index of the first flow matching, after `from`. */
function at(flows: Flow[], after: number, match: (f: Flow) => boolean, what: string): number {
  const i = flows.findIndex((f, j) => j > after && match(f))
  if (i < 0) throw new Error(`no hop "${what}" after flow ${after}`)
  return i
}

describe('kubectl run, hop by hop', () => {
  it('goes kubectl → apiserver → etcd → scheduler → binding → kubelet → runtime → status', () => {
    const { cluster, kubelet, runtime } = started(new TestCluster())
    const flows = cluster.sim.flows().filter((f) => !f.ambient)
    const hops: [string, (f: Flow) => boolean][] = [
      ['kubectl POSTs the pod', (f) => f.from === 'kubectl' && f.label === 'POST /api/v1/namespaces/default/pods?fieldManager=kubectl-run'],
      ['apiserver writes it to etcd', (f) => f.to === 'etcd:0' && f.label === 'Txn PUT /registry/pods/default/nginx'],
      ['etcd commits', (f) => f.from === 'etcd:0' && f.kind === 'etcd.response'],
      ['etcd streams the write to the watch cache', (f) => f.kind === 'etcd.watch' && f.label === 'PUT /registry/pods/default/nginx'],
      ['kubectl gets 201 Created', (f) => f.to === 'kubectl' && f.label === '201 Created'],
      ['the scheduler sees the pod ADDED', (f) => f.to === 'kube-scheduler:0' && f.label === 'ADDED Pod default/nginx'],
      ['the scheduler binds it', (f) => f.from === 'kube-scheduler:0' && f.label === 'POST /api/v1/namespaces/default/pods/nginx/binding'],
      ['the binding is stored', (f) => f.to === 'etcd:0' && f.label === 'Txn PUT /registry/pods/default/nginx'],
      ['the kubelet sees the pod ADDED', (f) => f.to === kubelet && f.label === 'ADDED Pod default/nginx'],
      ['the kubelet PATCHes status (ContainerCreating)', (f) => f.from === kubelet && f.label === 'PATCH /api/v1/namespaces/default/pods/nginx/status'],
      ['RunPodSandbox', (f) => f.to === runtime && f.label === 'RunPodSandbox'],
      ['PullImage', (f) => f.to === runtime && f.label === 'PullImage'],
      ['the runtime asks the registry', (f) => f.to === 'image-registry' && f.label === 'GET /v2/library/nginx/manifests/1.27'],
      ['the layers arrive', (f) => f.from === 'image-registry' && f.label.startsWith('200 layers')],
      ['CreateContainer', (f) => f.to === runtime && f.label === 'CreateContainer'],
      ['StartContainer', (f) => f.to === runtime && f.label === 'StartContainer'],
      ['the kubelet PATCHes status (Running)', (f) => f.from === kubelet && f.label === 'PATCH /api/v1/namespaces/default/pods/nginx/status'],
    ]
    let i = -1
    for (const [what, match] of hops) i = at(flows, i, match, what)
  })

  it('the scheduler sees MODIFIED but the kubelet sees ADDED for the same binding write', () => {
    const { cluster, kubelet } = started(new TestCluster())
    const binding = cluster.flows({ label: 'POST /api/v1/namespaces/default/pods/nginx/binding' })[0]!
    const fanOut = cluster.flows({ kind: 'watch.event' }).filter((f) => f.sentAt > binding.sentAt && /Pod default\/nginx/.test(f.label))
    expect(fanOut.find((f) => f.to === kubelet)?.label).toBe('ADDED Pod default/nginx')
    expect(fanOut.find((f) => f.to === 'kube-scheduler:0')?.label).toBe('MODIFIED Pod default/nginx')
  })

  it('shows Pending, then ContainerCreating, then Running', () => {
    const c = new TestCluster()
    c.kubectl('run nginx --image=nginx:1.27')
    const seen = [c.status('nginx')]
    c.runUntil(() => {
      const s = c.status('nginx')
      if (s !== seen[seen.length - 1]) seen.push(s)
      return s === 'Running'
    })
    expect(seen).toEqual(['Pending', 'ContainerCreating', 'Running'])
  })

  it('records the Scheduled, Pulling, Pulled, Created and Started events', () => {
    const { cluster, node } = started(new TestCluster())
    cluster.run(100)
    const events = cluster.sim.events().map((e) => `${e.reason} ${e.source}: ${e.message}`)
    expect(events[0]).toBe(`Scheduled default-scheduler: Successfully assigned default/nginx to ${node}`)
    expect(events[1]).toBe('Pulling kubelet: Pulling image "nginx:1.27"')
    expect(events[2]).toMatch(/^Pulled kubelet: Successfully pulled image "nginx:1\.27" in \d+(\.\d+)?s \(\d+(\.\d+)?s including waiting\)\. Image size: 68857691 bytes\.$/)
    expect(events.slice(3)).toEqual(['Created kubelet: Created container: nginx', 'Started kubelet: Started container nginx'])
  })

  it('stores the pod as admission left it', () => {
    const { cluster } = started(new TestCluster())
    const pod = cluster.pod('nginx')!
    const spec = pod.spec as Record<string, unknown>
    expect(spec.serviceAccountName).toBe('default')
    expect(spec.schedulerName).toBe('default-scheduler')
    expect(spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ])
    const containers = spec.containers as { imagePullPolicy: string; volumeMounts: { mountPath: string }[] }[]
    expect(containers[0]!.imagePullPolicy).toBe('IfNotPresent')
    expect(containers[0]!.volumeMounts[0]!.mountPath).toBe('/var/run/secrets/kubernetes.io/serviceaccount')
    expect(pod.metadata.labels).toEqual({ run: 'nginx' })
    const status = pod.status as { phase: string; podIP: string; qosClass: string; conditions: { type: string; status: string }[] }
    expect(status.phase).toBe('Running')
    expect(status.qosClass).toBe('BestEffort')
    expect(status.podIP).toMatch(/^10\.244\.[123]\.2$/)
    expect(status.conditions.map((c) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ])
  })

  it('gives resourceVersion = the etcd revision of the last write', () => {
    const { cluster } = started(new TestCluster())
    const flows = cluster.flows({ kind: 'etcd.response' })
    const last = flows.filter((f) => f.label.startsWith('OK rev')).map((f) => Number(f.label.slice(7)))
    const rv = Number(cluster.pod('nginx')!.metadata.resourceVersion)
    expect(last).toContain(rv)
  })

  it('every hop of the creation descends from the typed line', () => {
    const { cluster, kubelet } = started(new TestCluster())
    const running = cluster.flows({ from: kubelet, label: 'PATCH /api/v1/namespaces/default/pods/nginx/status' }).at(-1)!
    const chain = cluster.causeChain(running.id)
    expect(chain[0]!.from).toBe('kubectl')
    expect(chain.map((f) => f.label)).toContain('StartContainer')
  })
})
