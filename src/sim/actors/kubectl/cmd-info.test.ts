/**
 * `kubectl version`, `kubectl cluster-info` and `kubectl top` as a kubeadm v1.34 cluster answers
 * them (pkg/cmd/version, pkg/cmd/clusterinfo, pkg/cmd/top).
 */
import { describe, expect, it } from 'vitest'
import { TestCluster, scenario } from '../../testing/test-cluster.ts'

const withCoreDns = () => new TestCluster(scenario({ cluster: { ...scenario().cluster, addons: ['coredns'] } }))

describe('kubectl version', () => {
  it('asks the apiserver for /version and prints client, kustomize and server versions', () => {
    const c = new TestCluster()
    const r = c.kubectl('version')
    expect(r).toMatchObject({ exitCode: 0, stderr: '', stdout: 'Client Version: v1.34.0\nKustomize Version: v5.7.1\nServer Version: v1.34.0\n' })
    const get = c.flows({ from: 'kubectl', label: 'GET /version' })
    expect(get).toHaveLength(1)
    expect(get[0]!.kind).toBe('apiserver.get')
    expect(get[0]!.stages?.at(-1)?.detail).toMatch(/nothing read from etcd/)
    expect(c.flows({ to: 'etcd:0' }).filter((f) => f.sentAt >= get[0]!.sentAt)).toHaveLength(0)
  })

  it('--client answers without a request', () => {
    const c = new TestCluster()
    expect(c.kubectl('version --client').stdout).toBe('Client Version: v1.34.0\nKustomize Version: v5.7.1\n')
    expect(c.flows({ from: 'kubectl' })).toHaveLength(0)
  })

  it('-o json has the server build and its compatibility version; -o yaml sorts the keys', () => {
    const c = new TestCluster()
    const json = JSON.parse(c.kubectl('version -o json').stdout) as Record<string, Record<string, string>>
    expect(Object.keys(json)).toEqual(['clientVersion', 'kustomizeVersion', 'serverVersion'])
    expect(json.serverVersion).toMatchObject({ major: '1', minor: '34', gitVersion: 'v1.34.0', minCompatibilityMinor: '33', platform: 'linux/amd64' })
    expect(json.clientVersion!.emulationMajor).toBeUndefined()
    const yaml = c.kubectl('version -o yaml').stdout
    expect(yaml).toMatch(/^clientVersion:\n {2}buildDate: "2025-08-27T10:09:04Z"\n {2}compiler: gc\n/)
    expect(yaml).toContain('kustomizeVersion: v5.7.1\nserverVersion:\n')
    expect(c.kubectl('version -o wide')).toMatchObject({ exitCode: 1, stderr: "error: --output must be 'yaml' or 'json'\n" })
  })
})

describe('kubectl cluster-info', () => {
  it('prints the control plane and CoreDNS through the apiserver proxy URL', () => {
    const c = withCoreDns()
    const r = c.kubectl('cluster-info')
    expect(r.stdout).toBe(
      'Kubernetes control plane is running at https://10.0.0.10:6443\n' +
        'CoreDNS is running at https://10.0.0.10:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n' +
        "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
    )
    expect(c.flows({ from: 'kubectl' }).map((f) => f.label)).toEqual(['GET /api/v1/namespaces/kube-system/services?labelSelector=kubernetes.io%2Fcluster-service%3Dtrue'])
  })

  it('lists only the control plane without the add-on or in another namespace', () => {
    expect(new TestCluster().kubectl('cluster-info').stdout).toBe("Kubernetes control plane is running at https://10.0.0.10:6443\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n")
    expect(withCoreDns().kubectl('cluster-info -n default').stdout).not.toContain('CoreDNS')
  })
})

describe('kubectl top', () => {
  it('finds no metrics API: a kubeadm cluster has no metrics-server', () => {
    const c = new TestCluster()
    expect(c.kubectl('top nodes')).toMatchObject({ exitCode: 1, stdout: '', stderr: 'error: Metrics API not available\n' })
    expect(c.kubectl('top pod').stderr).toBe('error: Metrics API not available\n')
    expect(c.kubectl('top deployments').stderr).toBe('error: unknown command "deployments"\nSee \'kubectl top -h\' for help and examples\n')
    expect(c.flows({ from: 'kubectl' })).toHaveLength(0)
  })
})
