import { describe, expect, it } from 'vitest'
import { scenario, TestCluster } from './testing/test-cluster.ts'

/** Two nginx pods behind Service web, a busybox client, CoreDNS running. */
function cluster(): TestCluster {
  const c = new TestCluster(scenario({ cluster: { ...scenario().cluster, addons: ['coredns'] } }))
  for (const n of ['web-1', 'web-2']) expect(c.kubectl(`run ${n} --image=nginx:1.27 --labels=app=web --port=80`).exitCode).toBe(0)
  expect(c.kubectl('expose pod web-1 --name=web --selector=app=web --port=80').exitCode).toBe(0)
  expect(c.kubectl('run bb --image=busybox:1.36 -- sleep 3600').exitCode).toBe(0)
  c.runUntil(() => ['web-1', 'web-2', 'bb'].every((n) => c.status(n) === 'Running') && c.sim.podViews().filter((p) => p.name.startsWith('coredns-') && p.ready === '1/1').length === 2)
  c.run(3_000)
  return c
}

describe('kubectl exec', () => {
  it('runs wget in the pod: apiserver → kubelet → CRI Exec, then DNS and the Service rules to an nginx pod', () => {
    const c = cluster()
    const from = c.sim.flows().length
    const r = c.kubectl('exec bb -- wget -qO- http://web')
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toContain('<title>Welcome to nginx!</title>')
    const hops = c.sim.flows().slice(from).map((f) => `${f.from.split(':')[0]}>${f.to.split(':')[0]} ${f.kind}`)
    const node = (c.pod('bb')!.spec as { nodeName: string }).nodeName
    expect(c.flows({ from: 'kubectl', label: /^POST \/api\/v1\/namespaces\/default\/pods\/bb\/exec\?command=wget&command=-qO-&command=http%3A%2F%2Fweb&container=bb&stderr=true&stdout=true$/ })).toHaveLength(1)
    expect(c.flows({ from: 'kube-apiserver:0', to: `kubelet:${node}`, label: /^POST \/exec\/default\/bb\/bb\?/ })).toHaveLength(1)
    expect(c.flows({ from: `kubelet:${node}`, to: `container-runtime:${node}`, label: 'Exec' })).toHaveLength(1)
    // The first name of the search list answers: one DNS question.
    expect(c.flows({ from: `container-runtime:${node}`, kind: 'dns.query', label: 'DNS A? web.default.svc.cluster.local' })).toHaveLength(1)
    expect(hops).toEqual(expect.arrayContaining(['container-runtime>kube-proxy traffic.request', 'coredns>container-runtime dns.answer', 'container-runtime>container-runtime traffic.response', 'kubelet>kube-apiserver apiserver.response']))
    const served = c.sim.flows().slice(from).find((f) => f.kind === 'traffic.response')!
    expect(served.label).toMatch(/^HTTP 200 from web-[12]$/)
  })

  it('follows the search list: a name in another form takes one NXDOMAIN first', () => {
    const c = cluster()
    const from = c.sim.flows().length
    expect(c.kubectl('exec bb -- nslookup web.default').stdout).toContain('Name:\tweb.default.svc.cluster.local\n')
    expect(c.sim.flows().slice(from).filter((f) => f.kind === 'dns.answer').map((f) => f.label)).toEqual([
      'NXDOMAIN web.default.default.svc.cluster.local',
      expect.stringMatching(/^web\.default\.svc\.cluster\.local A 10\./),
    ])
  })

  it('reports what the process did: its exit code, a missing program, curl to a port nothing serves', () => {
    const c = cluster()
    expect(c.kubectl('exec bb -- wget -qO- http://web/missing')).toMatchObject({ exitCode: 1, stderr: 'wget: server returned error: HTTP/1.1 404 Not Found\ncommand terminated with exit code 1\n' })
    expect(c.kubectl('exec web-1 -- nslookup web').stderr).toMatch(/^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: .*"nslookup": executable file not found in \$PATH: unknown\n$/)
    expect(c.kubectl('exec web-1 -- curl -sS -m 2 http://web:8080')).toMatchObject({ exitCode: 28, stderr: expect.stringMatching(/^curl: \(28\) Failed to connect to web port 8080 after 20\d\d ms: Timeout was reached\n/) })
    expect(c.kubectl('exec bb -- wget -qO- http://nowhere')).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/^wget: bad address 'nowhere'/) })
  })

  it("reads /etc/hosts before DNS: localhost and the pod's own name stay inside the pod", () => {
    const c = cluster()
    const from = c.sim.flows().length
    expect(c.kubectl('exec web-1 -- curl -s http://localhost').stdout).toContain('<title>Welcome to nginx!</title>')
    // BusyBox has no server: its own name is listed in /etc/hosts, and nothing listens there.
    expect(c.kubectl('exec bb -- wget -qO- http://bb')).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/^wget: can't connect to remote host \(10\.244\.\d+\.\d+\): Connection refused\n/) })
    expect(c.sim.flows().slice(from).filter((f) => f.kind === 'dns.query' || f.kind === 'traffic.request')).toHaveLength(0)
  })

  it('keeps the stream open while a long command runs: no dial timeout after 30 s', () => {
    const c = cluster()
    // Nothing answers 10.99.99.99: the SYNs are lost until curl's own 45 s limit.
    expect(c.kubectl('exec web-1 -- curl -sS -m 45 http://10.99.99.99', 120_000)).toMatchObject({ exitCode: 28, stderr: expect.stringMatching(/^curl: \(28\) Failed to connect to 10\.99\.99\.99 port 80 after 450\d\d ms: Timeout was reached\n/) })
  })

  it('a kubelet restarted keeps its --cluster-dns: resolv.conf still names kube-dns', () => {
    const c = cluster()
    const node = (c.pod('bb')!.spec as { nodeName: string }).nodeName
    c.sim.fault({ kind: 'stop-kubelet', node })
    c.run(5_000)
    c.sim.fault({ kind: 'start-kubelet', node })
    c.run(10_000)
    expect(c.kubectl('exec bb -- cat /etc/resolv.conf').stdout).toContain('nameserver 10.96.0.10\n')
  })

  it("answers kubectl's and the apiserver's errors before any process runs", () => {
    const c = cluster()
    expect(c.kubectl('exec bb ls').stderr).toBe("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n")
    expect(c.kubectl('exec bb').stderr).toBe("error: you must specify at least one command for the container\nSee 'kubectl exec -h' for help and examples\n")
    expect(c.kubectl('exec nope -- hostname').stderr).toBe('Error from server (NotFound): pods "nope" not found\n')
    expect(c.kubectl('exec bb -c app -- hostname').stderr).toBe('Error from server (BadRequest): container app is not valid for pod bb\n')
    expect(c.kubectl('exec -it bb -- sh').stderr).toMatch(/^error: kube-anatomy runs one command per exec and has no interactive shell/)
  })

  it('cannot upgrade the stream to a container that is not running yet', () => {
    const c = new TestCluster()
    expect(c.kubectl('run slow --image=nginx:1.27').exitCode).toBe(0)
    c.runUntil(() => !!(c.pod('slow')?.spec as { nodeName?: string } | undefined)?.nodeName)
    expect(c.kubectl('exec slow -- hostname').stderr).toBe('error: unable to upgrade connection: container not found ("slow")\n')
  })

  it('without CoreDNS nothing answers the nameserver address: nslookup reaches no server, wget no address', () => {
    const c = new TestCluster()
    expect(c.kubectl('run bb --image=busybox:1.36 -- sleep 3600').exitCode).toBe(0)
    c.runUntil(() => c.status('bb') === 'Running')
    expect(c.kubectl('exec bb -- nslookup web')).toMatchObject({ exitCode: 1, stdout: ';; connection timed out; no servers could be reached\n\n' })
    expect(c.kubectl('exec bb -- wget -qO- web').stderr).toBe("wget: bad address 'web'\ncommand terminated with exit code 1\n")
  })
})
