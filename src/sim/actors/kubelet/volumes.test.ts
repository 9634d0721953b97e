import { describe, expect, it } from 'vitest'
import { base64 } from '../../k8s/base64.ts'
import type { KObject } from '../../protocol.ts'
import { TestCluster } from '../../testing/test-cluster.ts'
import { mountBackoffMs, mountedFiles, volumeFiles } from './volumes.ts'

const pod = (volumes: unknown[]): KObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { volumes } })
const cm: KObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { a: '1', 'b.conf': 'x=y\n' } }

describe('ConfigMap and Secret volumes (pkg/volume/configmap, pkg/volume/secret)', () => {
  it('writes every key, or the items chosen at their paths; Secret values decoded', () => {
    const secret: KObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { PASSWORD: base64('s3cr3t') } }
    const r = volumeFiles(pod([{ name: 'c', configMap: { name: 'cfg' } }, { name: 's', secret: { secretName: 's', items: [{ key: 'PASSWORD', path: 'db/pw' }] } }]), { 'configmap/cfg': cm, 'secret/s': secret })
    expect(r).toEqual({ files: { c: { a: '1', 'b.conf': 'x=y\n' }, s: { 'db/pw': 's3cr3t' } } })
    const c = { volumeMounts: [{ name: 'c', mountPath: '/etc/cfg/' }, { name: 'c', mountPath: '/app/b.conf', subPath: 'b.conf' }] }
    expect(mountedFiles(c, (r as { files: Record<string, Record<string, string>> }).files)).toEqual({ '/etc/cfg/a': '1', '/etc/cfg/b.conf': 'x=y\n', '/app/b.conf': 'x=y\n' })
  })

  it('fails each volume with the kubelet text; optional sources mount empty', () => {
    expect(volumeFiles(pod([{ name: 'c', configMap: { name: 'cfg' } }, { name: 's', secret: { secretName: 's' } }]), { 'configmap/cfg': null, 'secret/s': null })).toEqual({
      errors: ['MountVolume.SetUp failed for volume "c" : configmap "cfg" not found', 'MountVolume.SetUp failed for volume "s" : secret "s" not found'],
    })
    expect(volumeFiles(pod([{ name: 'c', configMap: { name: 'cfg', items: [{ key: 'zz', path: 'z' }] } }]), { 'configmap/cfg': cm })).toEqual({
      errors: ['MountVolume.SetUp failed for volume "c" : configmap references non-existent config key: zz'],
    })
    expect(volumeFiles(pod([{ name: 'c', configMap: { name: 'cfg', optional: true } }]), { 'configmap/cfg': null })).toEqual({ files: { c: {} } })
    // An error other than NotFound is not "not found": the mount fails with what the apiserver said.
    expect(volumeFiles(pod([{ name: 'c', configMap: { name: 'cfg', optional: true } }]), { 'configmap/cfg': { error: 'etcdserver: request timed out' } })).toEqual({
      errors: ['MountVolume.SetUp failed for volume "c" : etcdserver: request timed out'],
    })
  })

  it('backs off 500 ms doubling to 2m2s', () => {
    expect([1, 2, 3, 8, 9, 20].map(mountBackoffMs)).toEqual([500, 1000, 2000, 64_000, 122_000, 122_000])
  })

  it('keeps the pod ContainerCreating with FailedMount until the ConfigMap exists, then exec cat reads the file', () => {
    const c = new TestCluster()
    const yaml = `apiVersion: v1
kind: Pod
metadata: {name: vol}
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3600"]
    volumeMounts: [{name: config, mountPath: /etc/config}]
  volumes:
  - name: config
    configMap: {name: app-config}
`
    expect(c.kubectlStdin('apply -f -', yaml).exitCode).toBe(0)
    c.run(15_000)
    expect(c.status('vol')).toBe('ContainerCreating')
    expect(c.sim.events().find((e) => e.reason === 'FailedMount')).toMatchObject({ message: 'MountVolume.SetUp failed for volume "config" : configmap "app-config" not found' })
    // No sandbox until the volumes are mounted.
    expect(c.flows({ kind: 'cri.call', label: 'RunPodSandbox' }).filter((f) => f.sentAt > 1_000)).toHaveLength(0)
    expect(c.kubectl('create configmap app-config --from-literal=log_level=debug').exitCode).toBe(0)
    c.runUntil(() => c.status('vol') === 'Running', 20_000)
    expect(c.kubectl('exec vol -- cat /etc/config/log_level').stdout).toBe('debug')
  })
})
