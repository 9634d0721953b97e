/**
 * `kubectl patch` (strategic merge by default, JSON merge with --type=merge) and `kubectl wait`
 * (condition, delete, jsonpath; the 30 s default timeout), as pkg/cmd/patch and pkg/cmd/wait.
 */
import { describe, expect, it } from 'vitest'
import type { KObject } from '../../protocol.ts'
import { TestCluster } from '../../testing/test-cluster.ts'

type Json = Record<string, unknown>

describe('kubectl patch', () => {
  it('sends the patch with its content type, and says (no change) when nothing changed', () => {
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
