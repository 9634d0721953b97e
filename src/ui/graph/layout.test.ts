import { describe, expect, it } from 'vitest'
import type { ActorView } from '../../sim/protocol.ts'
import { flowPath, layoutCluster, linkId, pointAlong, type LayoutNode } from './layout.ts'

const actor = (id: string, kind: ActorView['kind'], extra: Partial<ActorView> = {}): ActorView => ({
  id,
  kind,
  running: true,
  ...extra,
})

const cluster = (nodes = ['node-1', 'node-2', 'node-3']): ActorView[] => [
  actor('kubectl', 'kubectl'),
  actor('kube-apiserver:0', 'kube-apiserver'),
  actor('etcd:0', 'etcd'),
  actor('kube-scheduler:0', 'kube-scheduler'),
  actor('kube-controller-manager:0', 'kube-controller-manager'),
  actor('cloud-controller-manager:0', 'cloud-controller-manager', {
    running: false,
    dormant: 'only with a cloud provider',
  }),
  ...nodes.flatMap((n) => [
    actor(`kubelet:${n}`, 'kubelet', { node: n }),
    actor(`kube-proxy:${n}`, 'kube-proxy', { node: n }),
    actor(`container-runtime:${n}`, 'container-runtime', { node: n }),
  ]),
  actor('image-registry', 'image-registry'),
]

const overlaps = (a: LayoutNode, b: LayoutNode): boolean =>
  a.absolute.x < b.absolute.x + b.width &&
  b.absolute.x < a.absolute.x + a.width &&
  a.absolute.y < b.absolute.y + b.height &&
  b.absolute.y < a.absolute.y + a.height

const inside = (inner: LayoutNode, outer: LayoutNode): boolean =>
  inner.absolute.x >= outer.absolute.x &&
  inner.absolute.y >= outer.absolute.y &&
  inner.absolute.x + inner.width <= outer.absolute.x + outer.width &&
  inner.absolute.y + inner.height <= outer.absolute.y + outer.height

describe('layoutCluster', () => {
  const actors = cluster()
  const layout = layoutCluster(actors, [
    { key: '/registry/pods/default/nginx', node: 'node-2' },
    { key: '/registry/pods/default/web' },
  ])
  const node = (id: string): LayoutNode => {
    const n = layout.nodes.find((x) => x.id === id)
    if (!n) throw new Error(`no node ${id}`)
    return n
  }

  it('places every component', () => {
    for (const a of actors) expect(layout.centers[a.id], a.id).toBeDefined()
  })

  it('is a pure function of its input', () => {
    expect(
      layoutCluster(cluster(), [
        { key: '/registry/pods/default/nginx', node: 'node-2' },
        { key: '/registry/pods/default/web' },
      ]),
    ).toEqual(layout)
  })

  it('lists parents before their children, as React Flow requires', () => {
    const seen = new Set<string>()
    for (const n of layout.nodes) {
      if (n.parentId) expect(seen.has(n.parentId), n.id).toBe(true)
      seen.add(n.id)
    }
  })

  it('keeps children inside their parent and siblings apart', () => {
    for (const n of layout.nodes)
      if (n.parentId) expect(inside(n, node(n.parentId)), n.id).toBe(true)
    const leaves = layout.nodes.filter((n) => n.type === 'component' || n.type === 'pod')
    for (const a of leaves)
      for (const b of leaves) if (a !== b) expect(overlaps(a, b), `${a.id} ${b.id}`).toBe(false)
  })

  it('draws the control plane above the worker nodes, kubectl top left, the registry at the right', () => {
    const api = layout.centers['kube-apiserver:0']!
    expect(api.y).toBeLessThan(layout.centers['kubelet:node-1']!.y)
    expect(node('control-plane').absolute.y + node('control-plane').height).toBeLessThan(
      node('node:node-1').absolute.y,
    )
    expect(layout.centers['kubectl']!.x).toBeLessThan(api.x)
    expect(layout.centers['kubectl']!.y).toBeLessThan(api.y)
    expect(layout.centers['image-registry']!.x).toBeGreaterThan(api.x)
  })

  it('puts each node component and its pods in its worker node box', () => {
    for (const n of ['node-1', 'node-2', 'node-3']) {
      for (const kind of ['kubelet', 'kube-proxy', 'container-runtime']) {
        expect(node(`${kind}:${n}`).parentId).toBe(`node:${n}`)
      }
    }
    expect(node('pod:/registry/pods/default/nginx').parentId).toBe('node:node-2')
    expect(node('pod:/registry/pods/default/web').parentId).toBe('pending-pods')
  })

  it('links the components that talk, and routes flows along them', () => {
    const ids = new Set(layout.links.map((l) => l.id))
    expect(ids.has(linkId('kubectl', 'kube-apiserver:0'))).toBe(true)
    expect(ids.has(linkId('kube-apiserver:0', 'etcd:0'))).toBe(true)
    expect(ids.has(linkId('kube-apiserver:0', 'kube-scheduler:0'))).toBe(true)
    expect(ids.has(linkId('kube-apiserver:0', 'kubelet:node-3'))).toBe(true)
    expect(ids.has(linkId('kubelet:node-3', 'container-runtime:node-3'))).toBe(true)
    expect(ids.has(linkId('container-runtime:node-1', 'image-registry'))).toBe(true)
    const path = flowPath(layout, 'kubelet:node-1', 'kube-apiserver:0')!
    expect(path[0]).toEqual(layout.centers['kubelet:node-1'])
    expect(path[path.length - 1]).toEqual(layout.centers['kube-apiserver:0'])
    expect(pointAlong(path, 0)).toEqual(path[0])
    expect(pointAlong(path, 1)).toEqual(path[path.length - 1])
  })

  it('fits a 16:10 screen without being a strip', () => {
    expect(layout.width / layout.height).toBeGreaterThan(1)
    expect(layout.width / layout.height).toBeLessThan(2)
  })
})
