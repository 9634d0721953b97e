import { describe, expect, it } from 'vitest'
import { TestCluster } from '../../testing/test-cluster.ts'

describe('kubectl auth, config and api-versions', () => {
  it('auth whoami and can-i ask the apiserver, which answers without storing anything', () => {
    const c = new TestCluster()
    expect(c.kubectl('auth whoami').stdout).toBe('ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [kubeadm:cluster-admins system:authenticated]\n')
    expect(c.flows({ from: 'kubectl', label: 'POST /apis/authentication.k8s.io/v1/selfsubjectreviews' })).toHaveLength(1)
    expect(c.kubectl('auth can-i create deployments')).toMatchObject({ exitCode: 0, stdout: 'yes\n' })
    expect(c.kubectl('auth can-i list widgets')).toMatchObject({ stdout: 'yes\n', stderr: "Warning: the server doesn't have a resource type 'widgets'\n" })
    expect(c.kubectl('auth can-i get pods --as=jane').exitCode).toBe(1)
    // Reviews are answered by the apiserver itself: nothing reached etcd for them.
    expect(c.flows({ kind: 'etcd.txn', label: /review/ })).toHaveLength(0)
  })

  it('config set-context --current --namespace makes later lines use that namespace', () => {
    const c = new TestCluster()
    expect(c.kubectl('create namespace dev').exitCode).toBe(0)
    // The ServiceAccount controller gives the new namespace its `default` ServiceAccount first.
    c.run(2_000)
    expect(c.kubectl('config set-context --current --namespace=dev').stdout).toBe('Context "kubernetes-admin@kubernetes" modified.\n')
    expect(c.kubectl('run web --image=nginx:1.27').exitCode).toBe(0)
    expect(c.pod('web', 'dev')).toBeDefined()
    expect(c.kubectl('config get-contexts').stdout).toMatch(/^\*\s+kubernetes-admin@kubernetes\s+kubernetes\s+kubernetes-admin\s+dev\n$/m)
    expect(c.kubectl('config view').stdout).toContain('    namespace: dev\n')
    expect(c.kubectl('get pods -n default').stderr).toBe('No resources found in default namespace.\n')
    expect(c.kubectl('config use-context other').stderr).toBe('error: no context exists with the name: "other"\n')
  })

  it('api-versions asks discovery again (GET /api, GET /apis) and lists every served group/version, core last', () => {
    const c = new TestCluster()
    const out = c.kubectl('api-versions').stdout.split('\n').filter(Boolean)
    expect(c.flows({ from: 'kubectl' }).map((f) => f.label)).toEqual(['GET /api', 'GET /apis'])
    expect(out).toEqual([...out].sort())
    expect(out).toEqual(expect.arrayContaining(['apps/v1', 'autoscaling/v1', 'autoscaling/v2', 'events.k8s.io/v1', 'authorization.k8s.io/v1', 'flowcontrol.apiserver.k8s.io/v1']))
    expect(out.at(-1)).toBe('v1')
  })
})
