import { describe, expect, it } from 'vitest'
import { TestCluster } from './testing/test-cluster.ts'

const pod = `apiVersion: v1
kind: Pod
metadata: {name: app}
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3600"]
    env:
    - name: LOG_LEVEL
      valueFrom:
        configMapKeyRef: {name: app-config, key: log_level}
`

describe('a container whose environment reads a ConfigMap', () => {
  it('waits in CreateContainerConfigError until the ConfigMap exists, retrying every 10–15 s', () => {
    const c = new TestCluster()
    expect(c.kubectlStdin('apply -f -', pod).exitCode).toBe(0)
    c.runUntil(() => c.status('app') === 'CreateContainerConfigError')
    const node = (c.pod('app')!.spec as { nodeName: string }).nodeName
    // The kubelet asked the apiserver for it, and was told 404.
    expect(c.flows({ from: `kubelet:${node}`, label: 'GET /api/v1/namespaces/default/configmaps/app-config' }).length).toBeGreaterThanOrEqual(1)
    const waiting = (c.pod('app')!.status as { containerStatuses: { state: { waiting: { reason: string; message: string } } }[] }).containerStatuses[0]!.state.waiting
    expect(waiting).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "app-config" not found' })
    expect(c.kubectl('describe pod app').stdout).toMatch(/Warning\s+Failed\s+\S+\s+kubelet\s+Error: configmap "app-config" not found/)
    const asked = c.flows({ from: `kubelet:${node}`, label: 'GET /api/v1/namespaces/default/configmaps/app-config' }).length
    c.run(16_000)
    expect(c.flows({ from: `kubelet:${node}`, label: 'GET /api/v1/namespaces/default/configmaps/app-config' }).length).toBe(asked + 1)
    // The repeat is not a new Event: the recorder's correlator PATCHes the first one's count.
    c.run(1_000)
    expect(c.flows({ from: `kubelet:${node}`, kind: 'apiserver.patch', label: /^PATCH \/api\/v1\/namespaces\/default\/events\/app\./ }).length).toBeGreaterThanOrEqual(1)
    expect(c.kubectl('get events').stdout).toMatch(/\(x2 over 1\ds\)\s+Warning\s+Failed\s+pod\/app\s+Error: configmap "app-config" not found/)

    expect(c.kubectl('create configmap app-config --from-literal=log_level=debug').exitCode).toBe(0)
    c.runUntil(() => c.status('app') === 'Running', 20_000)
    expect(c.kubectl('exec app -- printenv LOG_LEVEL KUBERNETES_SERVICE_HOST').stdout).toBe('debug\n10.96.0.1\n')
  })

  it('gives a pod the Service links of Services that existed when its container was created, not later ones', () => {
    const c = new TestCluster()
    expect(c.kubectl('create service clusterip before --tcp=80:80').exitCode).toBe(0)
    expect(c.kubectl('run app --image=busybox:1.36 -- sleep 3600').exitCode).toBe(0)
    c.runUntil(() => c.status('app') === 'Running')
    expect(c.kubectl('create service clusterip after --tcp=80:80').exitCode).toBe(0)
    c.run(1_000)
    const env = c.kubectl('exec app -- env').stdout
    expect(env).toMatch(/^BEFORE_SERVICE_HOST=10\./m)
    expect(env).not.toMatch(/^AFTER_SERVICE_HOST=/m)
  })
})
