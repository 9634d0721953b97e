/**
 * kubectl cordon, uncordon, taint, drain (through the Eviction API, honouring a
 * PodDisruptionBudget) and logs: the requests and the exact output of k8s.io/kubectl.
 */
import { describe, expect, it } from 'vitest'
import { TestCluster } from '../../testing/test-cluster.ts'

function nodeOf(c: TestCluster, pod: string): string {
  return String((c.pod(pod)!.spec as { nodeName: string }).nodeName)
}

describe('kubectl cordon / uncordon / taint', () => {
  it('cordons with a PATCH of spec.unschedulable and says so', () => {
    const c = new TestCluster()
    expect(c.kubectl('cordon node-1').stdout).toBe('node/node-1 cordoned\n')
    expect((c.object('/registry/minions/node-1')!.spec as { unschedulable?: boolean }).unschedulable).toBe(true)
    expect(c.flows({ kind: 'apiserver.patch', label: 'PATCH /api/v1/nodes/node-1' })).toHaveLength(1)
    expect(c.kubectl('cordon node-1').stdout).toBe('node/node-1 already cordoned\n')
    expect(c.kubectl('uncordon node-1').stdout).toBe('node/node-1 uncordoned\n')
    expect((c.object('/registry/minions/node-1')!.spec as { unschedulable?: boolean }).unschedulable).toBeUndefined()
    expect(c.kubectl('cordon node-9').stderr).toBe('Error from server (NotFound): nodes "node-9" not found\n')
  })

  it('taints and untaints a node', () => {
    const c = new TestCluster()
    expect(c.kubectl('taint nodes node-2 dedicated=gpu:NoSchedule').stdout).toBe('node/node-2 tainted\n')
    const taints = (c.object('/registry/minions/node-2')!.spec as { taints: unknown[] }).taints
    expect(taints).toEqual([{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }])
    const again = c.kubectl('taint nodes node-2 dedicated=cpu:NoSchedule')
    expect(again.exitCode).toBe(1)
    expect(again.stderr).toBe('error: node node-2 already has dedicated taint(s) with same effect(s) and --overwrite is false\n')
    expect(c.kubectl('taint nodes node-2 dedicated:NoSchedule-').stdout).toBe('node/node-2 untainted\n')
    expect((c.object('/registry/minions/node-2')!.spec as { taints?: unknown[] }).taints).toBeUndefined()
  })
})

describe('kubectl logs', () => {
  it('shows what the container printed, proxied by the apiserver to the kubelet', () => {
    const c = new TestCluster()
    c.kubectl('run hello --image=busybox:1.36 --restart=Never --command -- sh -c "echo hi; echo there"')
    c.runUntil(() => (c.pod('hello')?.status as { phase?: string })?.phase === 'Succeeded', 60_000)
    const r = c.kubectl('logs hello')
    expect(r.stdout).toBe('hi\nthere\n')
    const node = nodeOf(c, 'hello')
    expect(c.flows({ from: 'kube-apiserver:0', to: `kubelet:${node}`, label: 'GET /containerLogs/default/hello/hello' })).toHaveLength(1)
  })

  it('nginx prints its real startup lines', () => {
    const c = new TestCluster()
    c.kubectl('run web --image=nginx:1.27')
    c.runUntil(() => c.status('web') === 'Running', 60_000)
    const out = c.kubectl('logs web').stdout.split('\n')
    expect(out[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration')
    expect(out[8]).toBe('/docker-entrypoint.sh: Configuration complete; ready for start up')
    expect(out[10]).toMatch(/^2026\/01\/01 00:00:\d\d \[notice\] 1#1: nginx\/1\.27\.5$/)
  })

  it('--previous reads the last terminated run; without one it is the kubelet error', () => {
    const c = new TestCluster()
    c.kubectl('run web --image=nginx:1.27')
    c.runUntil(() => c.status('web') === 'Running', 60_000)
    expect(c.kubectl('logs web --previous').stderr).toBe('Error from server (BadRequest): previous terminated container "web" in pod "web" not found\n')
  })

  it('TYPE/NAME reads the first pod the workload selects, saying which when it had a choice', () => {
    const c = new TestCluster()
    c.kubectl('create deployment web --image=nginx:1.27 --replicas=2')
    c.runUntil(() => c.sim.podViews().filter((p) => p.status === 'Running').length === 2, 60_000)
    const r = c.kubectl('logs deploy/web --tail=1')
    const pod = /^Found 2 pods, using pod\/(web-\w+-\w+)\n$/.exec(r.stderr)?.[1]
    expect(pod).toBeDefined()
    expect(r.stdout).toMatch(/\[notice\] 1#1: start worker process \d+\n$/)
    expect(c.flows({ from: 'kubectl' }).map((f) => f.label)).toEqual([
      'POST /apis/apps/v1/namespaces/default/deployments?fieldManager=kubectl-create&fieldValidation=Strict',
      'GET /apis/apps/v1/namespaces/default/deployments/web',
      'GET /api/v1/namespaces/default/pods?labelSelector=app%3Dweb&limit=500',
      `GET /api/v1/namespaces/default/pods/${pod}/log?container=nginx&tailLines=1`,
    ])
    expect(c.kubectl('logs svc/kubernetes').stderr).toBe("error: invalid service 'kubernetes': Service is defined without a selector\n")
    expect(c.kubectl('logs cm/kube-root-ca.crt').stderr).toBe('error: cannot attach to *v1.ConfigMap: not implemented\n')
  })
})

describe('kubectl drain', () => {
  it('refuses bare pods without --force, then evicts them with it', () => {
    const c = new TestCluster()
    c.kubectl('run web --image=nginx:1.27')
    c.runUntil(() => c.status('web') === 'Running', 60_000)
    const node = nodeOf(c, 'web')
    const refused = c.kubectl(`drain ${node}`)
    expect(refused.exitCode).toBe(1)
    expect(refused.stdout).toBe(`node/${node} cordoned\n`)
    expect(refused.stderr).toBe(
      `error: unable to drain node "${node}" due to error: cannot delete Pods that declare no controller (use --force to override): default/web, continuing command...\n` +
        `There are pending nodes to be drained:\n ${node}\ncannot delete Pods that declare no controller (use --force to override): default/web\n`,
    )
    const r = c.kubectl(`drain ${node} --force`, 120_000)
    expect(r.stdout).toBe(`node/${node} already cordoned\nevicting pod default/web\npod/web evicted\nnode/${node} drained\n`)
    expect(r.stderr).toBe('Warning: deleting Pods that declare no controller: default/web\n')
    expect(c.flows({ kind: 'apiserver.create', label: 'POST /api/v1/namespaces/default/pods/web/eviction' })).toHaveLength(1)
    expect(c.pod('web')).toBeUndefined()
  })
})


describe('kubectl logs -l', () => {
  it("prints each selected pod's last 10 lines (or --tail), in the list's order, with --prefix naming the source", () => {
    const c = new TestCluster()
    expect(c.kubectl('create deployment web --image=nginx:1.27 --replicas=2').exitCode).toBe(0)
    c.runUntil(() => c.sim.podViews().filter((p) => p.name.startsWith('web-') && p.status === 'Running').length === 2)
    c.run(2_000)
    const all = c.kubectl('logs -l app=web')
    expect(all.exitCode).toBe(0)
    expect(all.stdout.split('\n').filter(Boolean)).toHaveLength(20)
    const from = c.sim.flows().length
    const prefixed = c.kubectl('logs -l app=web --prefix --tail=1').stdout.split('\n').filter(Boolean)
    const pods = c.sim.podViews().filter((p) => p.name.startsWith('web-')).map((p) => p.name).sort()
    expect(prefixed.map((l) => l.slice(0, l.indexOf(']') + 1))).toEqual(pods.map((p) => `[pod/${p}/nginx]`))
    expect(c.sim.flows().slice(from).filter((f) => f.from === 'kubectl' && f.label.includes('/log?')).map((f) => f.label)).toEqual(pods.map((p) => `GET /api/v1/namespaces/default/pods/${p}/log?container=nginx&tailLines=1`))
    expect(c.kubectl('logs -l app=nope')).toMatchObject({ exitCode: 0, stdout: '', stderr: 'No resources found in default namespace.\n' })
  })
})
