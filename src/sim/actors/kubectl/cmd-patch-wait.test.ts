/**
 * `kubectl patch` (strategic merge by default, JSON merge with --type=merge, RFC 6902 operations
 * with --type=json) and `kubectl wait`
 * (condition, delete, jsonpath; the 30 s default timeout), as pkg/cmd/patch and pkg/cmd/wait.
 */
import { describe, expect, it } from 'vitest'
import type { KObject } from '../../protocol.ts'
import { TestCluster } from '../../testing/test-cluster.ts'

type Json = Record<string, unknown>

describe('kubectl patch', () => {
  it('PATCHes the object with fieldManager kubectl-patch, and says (no change) when nothing changed', () => {
    const c = new TestCluster()
    c.kubectl('create deployment web --image=nginx:1.27')
    expect(c.kubectl(`patch deployment web -p '{"spec":{"replicas":3}}'`).stdout).toBe('deployment.apps/web patched\n')
    expect(((c.object('/registry/deployments/default/web') as KObject).spec as Json).replicas).toBe(3)
    const flow = c.flows({ from: 'kubectl', kind: 'apiserver.patch' }).at(-1)!
    expect(flow.label).toBe('PATCH /apis/apps/v1/namespaces/default/deployments/web?fieldManager=kubectl-patch')
    c.run(5_000) // the controllers settle: nothing else writes the Deployment between the GET and the PATCH
    expect(c.kubectl(`patch deployment web -p '{"spec":{"replicas":3}}'`).stdout).toBe('deployment.apps/web patched (no change)\n')
  })

  it('merges a list by its patchMergeKey (strategic) but replaces it with --type=merge', () => {
    const c = new TestCluster()
    c.kubectl('create configmap cfg --from-literal=a=1')
    const ref = (uid: string) => `{"apiVersion":"v1","kind":"ConfigMap","name":"owner-${uid}","uid":"${uid}"}`
    const refs = () => (((c.object('/registry/configmaps/default/cfg') as KObject).metadata.ownerReferences ?? []) as { uid: string }[]).map((r) => r.uid)
    c.kubectl(`patch configmap cfg -p '{"metadata":{"ownerReferences":[${ref('u1')}]}}'`)
    c.kubectl(`patch configmap cfg -p '{"metadata":{"ownerReferences":[${ref('u2')}]}}'`)
    // ObjectMeta.ownerReferences: patchMergeKey uid, so the second joins the first.
    expect(refs()).toEqual(['u2', 'u1'])
    c.kubectl(`patch configmap cfg --type=merge -p '{"metadata":{"ownerReferences":[${ref('u3')}]}}'`)
    expect(refs()).toEqual(['u3'])
  })

  it('removes what the patch nulls, writes nothing when nothing changes, and asks with dryRun=All', () => {
    const c = new TestCluster()
    c.kubectl('create configmap cfg --from-literal=a=1')
    c.kubectl('label configmap cfg tier=front')
    expect(c.kubectl(`-n default patch configmap cfg -p '{"metadata":{"labels":null}}'`).stdout).toBe('configmap/cfg patched\n')
    expect((c.object('/registry/configmaps/default/cfg') as KObject).metadata.labels).toBeUndefined()
    const rv = (c.object('/registry/configmaps/default/cfg') as KObject).metadata.resourceVersion
    const txns = c.flows({ kind: 'etcd.txn' }).length
    expect(c.kubectl(`patch configmap cfg --type=merge -p '{"data":{"a":"1"}}'`).stdout).toBe('configmap/cfg patched (no change)\n')
    expect((c.object('/registry/configmaps/default/cfg') as KObject).metadata.resourceVersion).toBe(rv)
    expect(c.flows({ kind: 'etcd.txn' })).toHaveLength(txns)
    expect(c.kubectl(`patch configmap cfg --dry-run=server -p '{"data":{"a":"2"}}'`).stdout).toBe('configmap/cfg patched (server dry run)\n')
    expect((c.object('/registry/configmaps/default/cfg') as Json).data).toEqual({ a: '1' })
    expect(c.kubectl(`patch configmap cfg -o name -p '{"data":{"a":"3"}}'`).stdout).toBe('configmap/cfg\n')
  })

  it('answers kubectl’s errors', () => {
    const c = new TestCluster()
    expect(c.kubectl('patch deployment web').stderr).toBe('error: must specify --patch or --patch-file containing the contents of the patch\n')
    expect(c.kubectl(`patch deployment web -p '{"spec":{}}'`).stderr).toBe('Error from server (NotFound): deployments.apps "web" not found\n')
    expect(c.kubectl(`patch deployment web --type=other -p '{}'`).stderr).toBe('error: --type must be one of [json merge strategic], not "other"\n')
    // `-p` is `--previous` for logs: the same letter takes no value there.
    c.kubectl('run x --image=nginx:1.27')
    expect(c.kubectl('logs -p x').stderr).toMatch(/previous terminated container "x" in pod "x" not found/)
  })
})

describe('kubectl patch --type=json', () => {
  it('applies RFC 6902 operations in order, with Content-Type application/json-patch+json', () => {
    const c = new TestCluster()
    c.kubectl('create deployment web --image=nginx:1.27')
    const ops = '[{"op":"replace","path":"/spec/replicas","value":3},{"op":"add","path":"/metadata/labels/app.kubernetes.io~1tier","value":"front"},{"op":"test","path":"/spec/template/spec/containers/0/image","value":"nginx:1.27"}]'
    expect(c.kubectl(`patch deployment web --type=json -p '${ops}'`)).toMatchObject({ exitCode: 0, stdout: 'deployment.apps/web patched\n' })
    const d = c.object('/registry/deployments/default/web') as KObject
    expect((d.spec as Json).replicas).toBe(3)
    expect(d.metadata.labels).toEqual({ app: 'web', 'app.kubernetes.io/tier': 'front' })
    // A changed spec is a new generation, as for any other update.
    expect(d.metadata.generation).toBe(2)
    const patch = c.flows({ from: 'kubectl', kind: 'apiserver.patch' }).at(-1)!
    expect(patch.label).toBe('PATCH /apis/apps/v1/namespaces/default/deployments/web?fieldManager=kubectl-patch')
  })

  it('answers an operation that does not apply with the apiserver’s generic 422, and writes nothing', () => {
    const c = new TestCluster()
    c.kubectl('create configmap cfg --from-literal=a=1')
    const rv = (c.object('/registry/configmaps/default/cfg') as KObject).metadata.resourceVersion
    const invalid = 'The request is invalid: the server rejected our request due to an error in our request\n'
    // A path that does not exist, a failed test, an unknown op: the same text for each (patch.go
    // wraps the library's error in NewGenericServerResponse, which keeps only the status text).
    for (const ops of ['[{"op":"replace","path":"/data/missing","value":"x"}]', '[{"op":"test","path":"/data/a","value":"2"},{"op":"replace","path":"/data/a","value":"3"}]', '[{"op":"frobnicate","path":"/data"}]']) {
      expect(c.kubectl(`patch configmap cfg --type=json -p '${ops}'`)).toMatchObject({ exitCode: 1, stdout: '', stderr: invalid })
    }
    expect((c.object('/registry/configmaps/default/cfg') as KObject).metadata.resourceVersion).toBe(rv)
    expect((c.object('/registry/configmaps/default/cfg') as Json).data).toEqual({ a: '1' })
    const answer = c.flows({ from: 'kube-apiserver:0', to: 'kubectl', kind: 'apiserver.response' }).at(-1)!
    expect(answer.label).toMatch(/^422/)
  })

  it('answers a body that is not a list of operations with the decoder’s 400', () => {
    const c = new TestCluster()
    c.kubectl('create configmap cfg --from-literal=a=1')
    expect(c.kubectl(`patch configmap cfg --type=json -p '{"data":{"a":"2"}}'`).stderr).toBe(
      'Error from server (BadRequest): json: cannot unmarshal object into Go value of type jsonpatch.Patch\n',
    )
    expect(c.kubectl(`patch configmap cfg --type=json -p '["x"]'`).stderr).toBe(
      'Error from server (BadRequest): json: cannot unmarshal string into Go value of type jsonpatch.Operation\n',
    )
    // Removing what is there, and a patch that changes nothing (no write, same resourceVersion).
    expect(c.kubectl(`patch configmap cfg --type=json -p '[{"op":"remove","path":"/data/a"}]'`).stdout).toBe('configmap/cfg patched\n')
    expect((c.object('/registry/configmaps/default/cfg') as Json).data).toEqual({})
    expect(c.kubectl(`patch configmap cfg --type=json -p '[]'`).stdout).toBe('configmap/cfg patched (no change)\n')
  })
})

describe('kubectl wait', () => {
  it('returns when a Deployment becomes Available, watching it until then', () => {
    const c = new TestCluster()
    c.kubectl('create deployment web --image=nginx:1.27 --replicas=2')
    const r = c.kubectl('wait --for=condition=Available deployment/web --timeout=60s')
    expect(r).toMatchObject({ exitCode: 0, stdout: 'deployment.apps/web condition met\n', stderr: '' })
    expect(c.flows({ from: 'kubectl', kind: 'apiserver.watch' }).at(-1)!.label).toMatch(/^GET \/apis\/apps\/v1\/namespaces\/default\/deployments\?fieldSelector=metadata.name%3Dweb&resourceVersion=\d+&watch=true$/)
    expect(c.flows({ from: 'kubectl', kind: 'watch.close' })).toHaveLength(1)
    const d = c.object('/registry/deployments/default/web') as KObject
    expect((d.status as { availableReplicas?: number }).availableReplicas).toBe(2)
  })

  it('times out with kubectl’s text, and reads a jsonpath condition', () => {
    const c = new TestCluster()
    c.kubectl('run bad --image=ngnix')
    const start = c.sim.now()
    const r = c.kubectl('wait --for=condition=Ready pod/bad --timeout=5s')
    expect(r).toMatchObject({ exitCode: 1, stderr: 'error: timed out waiting for the condition on pods/bad\n' })
    expect(r.doneAtMs - start).toBeGreaterThanOrEqual(5_000)
    c.kubectl('run web --image=nginx:1.27')
    expect(c.kubectl(`wait --for=jsonpath='{.status.phase}'=Running pod/web`).stdout).toBe('pod/web condition met\n')
  })

  it('--timeout=0 looks once; a bad --timeout is refused; the object going is NotFound', () => {
    const c = new TestCluster()
    c.kubectl('run web --image=nginx:1.27')
    expect(c.kubectl('wait --for=condition=Ready pod/web --timeout=0')).toMatchObject({ exitCode: 1, stderr: 'error: condition not met for pods/web\n' })
    expect(c.kubectl('wait --for=condition=Ready pod/web --timeout=30').stderr).toBe('error: invalid argument "30" for "--timeout" flag: time: missing unit in duration "30"\nSee \'kubectl wait --help\' for usage.\n')
    c.sim.kubectl('wait --for=condition=Ready pod/web --timeout=1m', undefined, 'w')
    c.run(50)
    expect(c.flows({ from: 'kubectl', kind: 'apiserver.list' }).at(-1)!.label).toBe('GET /api/v1/namespaces/default/pods?fieldSelector=metadata.name%3Dweb')
    c.kubectl('delete pod web --grace-period=0 --force')
    c.runUntil(() => c.sim.kubectlResults().some((r) => r.requestId === 'w'))
    expect(c.sim.kubectlResults().find((r) => r.requestId === 'w')).toMatchObject({ exitCode: 1, stderr: 'Error from server (NotFound): pods "web" not found\n' })
  })

  it('--for=delete returns when the object goes, and at once (silently) when it is gone', () => {
    const c = new TestCluster()
    c.kubectl('run web --image=nginx:1.27')
    c.runUntil(() => c.status('web') === 'Running')
    c.kubectl('delete pod web --wait=false')
    expect(c.kubectl('wait --for=delete pod/web').stdout).toBe('pod/web condition met\n')
    expect(c.pod('web')).toBeUndefined()
    expect(c.kubectl('wait --for=delete pod/web')).toMatchObject({ exitCode: 0, stdout: '', stderr: '' })
    expect(c.kubectl('wait pod/web').stderr).toBe('error: --for must be set\n')
  })
})
