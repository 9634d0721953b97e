import { describe, expect, it } from 'vitest'
import { actorDisplayName, actorLabel } from './actor-styles.ts'

describe('actorLabel', () => {
  it('names the one instance of a component by the component alone', () => {
    expect(actorLabel('kube-apiserver:0')).toBe('kube-apiserver')
    expect(actorLabel('etcd:0')).toBe('etcd')
    expect(actorLabel('kubectl')).toBe('kubectl')
  })

  it('names a node-local component by its node', () => {
    expect(actorLabel('kubelet:node-1')).toBe('kubelet (node-1)')
    expect(actorDisplayName('kubelet:node-1', 'kubelet')).toBe('kubelet')
    expect(actorDisplayName('container-runtime:node-1', 'container-runtime')).toBe('containerd')
  })

  it('numbers every member of an etcd cluster, the first one too, as the graph does', () => {
    expect(actorLabel('etcd:0', true)).toBe('etcd-0')
    expect(actorLabel('etcd:2', true)).toBe('etcd-2')
    expect(actorDisplayName('etcd:0', 'etcd', true)).toBe('etcd-0')
    // Only etcd members are numbered from 0; a single apiserver keeps its plain name.
    expect(actorLabel('kube-apiserver:0', true)).toBe('kube-apiserver')
  })
})
