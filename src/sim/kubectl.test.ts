/** kubectl's answers, byte for byte as real kubectl v1.34 prints them. */
import { describe, expect, it } from 'vitest'
import { TestCluster } from './testing/test-cluster.ts'

describe('kubectl', () => {
  it('run prints pod/<name> created', () => {
    const r = new TestCluster().kubectl('run nginx --image=nginx:1.27')
    expect(r).toMatchObject({ exitCode: 0, stdout: 'pod/nginx created\n', stderr: '' })
  })

  it('run takes --env and --annotations once per occurrence (stringArray flags), keeping every one', () => {
    const c = new TestCluster()
    c.kubectl('run web --image=nginx:1.27 --env=MODE=prod --env=URL=http://a/?x=1 --annotations=team=web --annotations=tier=front')
    const pod = c.object('/registry/pods/default/web')!
    expect((pod.spec as { containers: { env?: unknown }[] }).containers[0]!.env).toEqual([
      { name: 'MODE', value: 'prod' },
      { name: 'URL', value: 'http://a/?x=1' },
    ])
    expect(pod.metadata.annotations).toEqual({ team: 'web', tier: 'front' })
  })

  it('run twice answers AlreadyExists', () => {
    const c = new TestCluster()
    c.kubectl('run nginx --image=nginx:1.27')
    expect(c.kubectl('run nginx --image=nginx:1.27')).toMatchObject({
      exitCode: 1,
      stdout: '',
      stderr: 'Error from server (AlreadyExists): pods "nginx" already exists\n',
    })
  })

  it('run without --image is refused before any request', () => {
    const c = new TestCluster()
    expect(c.kubectl('run nginx')).toMatchObject({ exitCode: 1, stderr: 'error: required flag(s) "image" not set\n' })
    expect(c.flows({ from: 'kubectl' })).toHaveLength(0)
  })

  it('an invalid name gets the apiserver text', () => {
    const r = new TestCluster().kubectl('run web.Server --image=nginx')
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toContain('The Pod "web.Server" is invalid: \n* metadata.name: Invalid value: "web.Server": a lowercase RFC 1123 subdomain must consist of')
  })

  it('get pods tells when there are none', () => {
    expect(new TestCluster().kubectl('get pods')).toMatchObject({ exitCode: 0, stdout: '', stderr: 'No resources found in default namespace.\n' })
  })

  it('get pods -o wide shows the running pod with IP and node', () => {
    const c = new TestCluster()
    c.kubectl('run nginx --image=nginx:1.27')
    c.runUntil(() => c.status('nginx') === 'Running')
    c.run(20_000 - c.sim.now())
    const node = String((c.pod('nginx')!.spec as { nodeName: string }).nodeName)
    const ip = String((c.pod('nginx')!.status as { podIP: string }).podIP)
    expect(c.kubectl('get pods -o wide').stdout).toBe(
      'NAME    READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES\n' +
        `nginx   1/1     Running   0          20s   ${ip}   ${node}   <none>           <none>\n`,
    )
  })

  it('get nodes lists the three Ready workers', () => {
    const c = new TestCluster()
    c.run(65_000)
    expect(c.kubectl('get nodes').stdout).toBe(
      'NAME     STATUS   ROLES    AGE   VERSION\n' +
        'node-1   Ready    <none>   65s   v1.34.0\n' +
        'node-2   Ready    <none>   65s   v1.34.0\n' +
        'node-3   Ready    <none>   65s   v1.34.0\n',
    )
  })

  it('describe pod of a missing pod is NotFound', () => {
    expect(new TestCluster().kubectl('describe pod nope')).toMatchObject({ exitCode: 1, stderr: 'Error from server (NotFound): pods "nope" not found\n' })
  })

  it('describe pod shows the events the cluster recorded', () => {
    const c = new TestCluster()
    c.kubectl('run nginx --image=nginx:1.27')
    c.runUntil(() => c.status('nginx') === 'Running').run(1000)
    const out = c.kubectl('describe pod nginx').stdout
    expect(out).toMatch(/^Name:             nginx\nNamespace:        default\nPriority:         0\nService Account:  default\nNode:             node-\d\/10\.0\.0\.1\d\n/)
    expect(out).toContain('  Normal  Scheduled  ')
    expect(out).toContain('default-scheduler  Successfully assigned default/nginx to node-')
    expect(out).toContain('kubelet            Started container nginx\n')
  })

  it('delete pod waits for the kubelet and prints pod "<name>" deleted', () => {
    const c = new TestCluster()
    c.kubectl('run nginx --image=nginx:1.27')
    c.runUntil(() => c.status('nginx') === 'Running')
    const r = c.kubectl('delete pod nginx')
    expect(r).toMatchObject({ exitCode: 0, stdout: 'pod "nginx" deleted\n', stderr: '' })
    expect(c.pod('nginx')).toBeUndefined()
    expect(c.flows({ label: 'StopContainer' })).toHaveLength(1)
  })

  it('a bare pod is gone for good: nothing recreates it', () => {
    const c = new TestCluster()
    c.kubectl('run nginx --image=nginx:1.27')
    c.runUntil(() => c.status('nginx') === 'Running')
    c.kubectl('delete pod nginx')
    c.run(30_000)
    expect(c.sim.podViews()).toEqual([])
  })

  it('a sleeping shell ignores SIGTERM and is killed after the grace period', () => {
    const c = new TestCluster()
    c.kubectl('run sleeper --image=busybox:1.36 -- sleep 3600')
    c.runUntil(() => c.status('sleeper') === 'Running')
    const t0 = c.sim.now()
    c.kubectl('delete pod sleeper')
    expect(c.sim.now() - t0).toBeGreaterThanOrEqual(30_000)
  })

  it('a typo gets cobra\'s suggestion', () => {
    expect(new TestCluster().kubectl('gte pods')).toMatchObject({
      exitCode: 1,
      stderr: 'error: unknown command "gte" for "kubectl"\n\nDid you mean this?\n\tget\n',
    })
  })

  it('a create subcommand kubectl has but the simulation does not is named; any other word is refused as kubectl does', () => {
    const c = new TestCluster()
    expect(c.kubectl('create token default')).toMatchObject({ exitCode: 1, stderr: 'error: kube-anatomy does not simulate "kubectl create token" yet\n' })
    expect(c.kubectl('create pdb web --selector=app=web --min-available=1').stderr).toBe('error: kube-anatomy does not simulate "kubectl create pdb" yet\n')
    expect(c.kubectl('create frobnicator x').stderr).toBe("error: Unexpected args: [frobnicator]\nSee 'kubectl create -h' for help and examples\n")
    // --raw is a GET of any URL; the simulation says so rather than reading the path as a resource.
    expect(c.kubectl('get --raw /healthz').stderr).toBe('error: kube-anatomy does not simulate "kubectl get --raw" yet\n')
  })

  it('an unknown resource type is named', () => {
    expect(new TestCluster().kubectl('get pdos').stderr).toBe('error: the server doesn\'t have a resource type "pdos"\n')
  })

  it('an unknown image fails to pull with ErrImagePull, then ImagePullBackOff', () => {
    const c = new TestCluster()
    c.kubectl('run web --image=nginx:9.99')
    c.runUntil(() => c.status('web') === 'ErrImagePull')
    c.runUntil(() => c.status('web') === 'ImagePullBackOff')
    const failed = c.sim.events().filter((e) => e.reason === 'Failed').map((e) => e.message)
    expect(failed[0]).toBe(
      'Failed to pull image "nginx:9.99": failed to pull and unpack image "docker.io/library/nginx:9.99": failed to resolve reference "docker.io/library/nginx:9.99": docker.io/library/nginx:9.99: not found',
    )
    expect(failed[1]).toBe('Error: ErrImagePull')
  })
})
