/** kubectl apply/create/get/delete/scale/rollout of the workload kinds, against real kubectl texts. */
import { describe, expect, it } from 'vitest'
import { TestCluster } from './testing/test-cluster.ts'

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
`

function apply(c: TestCluster, yaml: string) {
  c.sim.kubectl('apply -f -', yaml)
  const before = c.sim.kubectlResults().length
  c.runUntil(() => c.sim.kubectlResults().length > before - 1 + 1 || false, 60_000)
  return c.sim.kubectlResults()[before - 1 + 1 - 1]!
}

describe('kubectl apply', () => {
  it('creates, then is unchanged, then configured', () => {
    const c = new TestCluster()
    expect(c.kubectlStdin('apply -f -', deployment)).toMatchObject({ exitCode: 0, stdout: 'deployment.apps/nginx created\n', stderr: '' })
    const d = c.object('/registry/deployments/default/nginx')!
    expect(d.metadata.generation).toBe(1)
    expect(d.metadata.annotations!['kubectl.kubernetes.io/last-applied-configuration']).toBe(
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"labels":{"app":"nginx"},"name":"nginx","namespace":"default"},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"nginx"}},"template":{"metadata":{"labels":{"app":"nginx"}},"spec":{"containers":[{"image":"nginx:1.14.2","name":"nginx","ports":[{"containerPort":80}]}]}}}}\n',
    )
    expect(d.spec).toMatchObject({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }, revisionHistoryLimit: 10, progressDeadlineSeconds: 600 })
    expect(c.kubectlStdin('apply -f -', deployment)).toMatchObject({ exitCode: 0, stdout: 'deployment.apps/nginx unchanged\n' })
    expect(c.kubectlStdin('apply -f -', deployment.replace('replicas: 3', 'replicas: 5'))).toMatchObject({ exitCode: 0, stdout: 'deployment.apps/nginx configured\n' })
    const after = c.object('/registry/deployments/default/nginx')!
    expect((after.spec as { replicas: number }).replicas).toBe(5)
    expect(after.metadata.generation).toBe(2)
  })
})
void apply
