/**
 * The anatomy, hand-laid out: kubectl top left, the control plane on top (apiserver in the
 * middle), worker nodes below as boxes holding their components and pods, the image registry at
 * the bottom right on the bus the runtimes pull through. A pure function of the component list
 * and pod placement, so it is stable and tested.
 *
 * Links are orthogonal polylines in absolute flow coordinates. The edges draw them and the tokens
 * travel along them, so a token always rides the line it belongs to.
 */
import type { ActorKind, ActorView } from '../../sim/protocol.ts'

export interface Point {
  x: number
  y: number
}

export type LayoutNodeType = 'component' | 'control-plane' | 'worker-node' | 'pending-pods' | 'pod'

export interface LayoutNode {
  /** React Flow node id: the actor id for components, `node:<name>` for worker nodes, `pod:<key>` for pods. */
  id: string
  type: LayoutNodeType
  parentId?: string
  /** Position relative to the parent (React Flow's convention). */
  position: Point
  /** Absolute position, top left. */
  absolute: Point
  width: number
  height: number
  /** The worker node's name, for groups; the etcd key for pods. */
  ref?: string
}

export interface Link {
  /** `link:<a>--<b>` with a < b. */
  id: string
  a: string
  b: string
  /** From a to b, absolute. */
  points: Point[]
}

export interface ClusterLayout {
  nodes: LayoutNode[]
  links: Link[]
  /** Absolute centre of every component, by actor id. */
  centers: Record<string, Point>
  width: number
  height: number
}

export interface PodPlacement {
  key: string
  node?: string
}

/** Components on worker nodes, kubectl and the registry. */
export const componentSize = { width: 130, height: 46 }
/** Control-plane components have the long names (kube-controller-manager). */
export const controlPlaneSize = { width: 222, height: 46 }
/** kubectl and the registry, outside the cluster. */
export const outsideSize = { width: 160, height: 46 }
export const podSize = { width: 130, height: 40 }

const pad = 16
const groupTitle = 36
const gapX = 36
const gapY = 24
const nodeGap = 28
const corridor = 56

export function linkId(a: string, b: string): string {
  return a < b ? `link:${a}--${b}` : `link:${b}--${a}`
}

const center = (n: LayoutNode): Point => ({
  x: n.absolute.x + n.width / 2,
  y: n.absolute.y + n.height / 2,
})

const byId = (a: ActorView, b: ActorView): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

function ofKind(actors: readonly ActorView[], kind: ActorKind): ActorView[] {
  return actors.filter((a) => a.kind === kind).sort(byId)
}

/** Rows inside a worker node box: kubelet, containerd, kube-proxy, then its pods. */
const rowStep = componentSize.height + 14
const podsTop = groupTitle + rowStep * 3 + 4

function podSlot(i: number): Point {
  return { x: pad, y: podsTop + i * (podSize.height + 8) }
}

export function layoutCluster(
  actors: readonly ActorView[],
  pods: readonly PodPlacement[] = [],
): ClusterLayout {
  const nodes: LayoutNode[] = []
  const links: Link[] = []
  const add = (n: LayoutNode): LayoutNode => {
    nodes.push(n)
    return n
  }
  const child = (
    id: string,
    type: LayoutNodeType,
    parent: LayoutNode,
    x: number,
    y: number,
    size = componentSize,
    ref?: string,
  ): LayoutNode =>
    add({
      id,
      type,
      parentId: parent.id,
      position: { x, y },
      absolute: { x: parent.absolute.x + x, y: parent.absolute.y + y },
      ...size,
      ...(ref !== undefined ? { ref } : {}),
    })
  const root = (
    id: string,
    type: LayoutNodeType,
    x: number,
    y: number,
    size: { width: number; height: number },
    ref?: string,
  ): LayoutNode =>
    add({
      id,
      type,
      position: { x, y },
      absolute: { x, y },
      ...size,
      ...(ref !== undefined ? { ref } : {}),
    })

  const workerNames = [
    ...new Set(
      actors
        .filter((a) => a.node !== undefined)
        .map((a) => a.node!)
        .concat(pods.filter((p) => p.node).map((p) => p.node!)),
    ),
  ].sort()
  const podsByNode = new Map<string, PodPlacement[]>()
  for (const p of [...pods].sort((a, b) => (a.key < b.key ? -1 : 1))) {
    const k = p.node && workerNames.includes(p.node) ? p.node : ''
    podsByNode.set(k, [...(podsByNode.get(k) ?? []), p])
  }

  // Control plane: left column etcd + KCM, centre apiservers, right scheduler + CCM.
  const apiservers = ofKind(actors, 'kube-apiserver')
  const etcds = ofKind(actors, 'etcd')
  const schedulers = ofKind(actors, 'kube-scheduler')
  const kcms = ofKind(actors, 'kube-controller-manager')
  const ccms = ofKind(actors, 'cloud-controller-manager')
  const left = [...etcds, ...kcms]
  const middle = apiservers
  const right = [...schedulers, ...ccms]
  const rows = Math.max(1, left.length, middle.length, right.length)
  const cpWidth = pad * 2 + controlPlaneSize.width * 3 + gapX * 2
  const cpHeight = groupTitle + rows * controlPlaneSize.height + (rows - 1) * gapY + pad

  // Worker nodes: one column each (kubelet, containerd, kube-proxy, pods); the box for pods
  // nobody has scheduled yet stands at the end of the row; all boxes share the tallest height.
  const groupWidth = pad * 2 + componentSize.width
  const pending = podsByNode.get('') ?? []
  const mostPods = Math.max(
    1,
    pending.length,
    ...workerNames.map((n) => podsByNode.get(n)?.length ?? 0),
  )
  const groupHeight = podSlot(mostPods - 1).y + podSize.height + pad
  const boxes = workerNames.length + 1
  const rowWidth = boxes * groupWidth + (boxes - 1) * nodeGap
  const width = Math.max(cpWidth, rowWidth, outsideSize.width)
  const rowX = Math.round((width - rowWidth) / 2)

  const top = outsideSize.height + 30
  const cpX = Math.round((width - cpWidth) / 2)
  const cp = root('control-plane', 'control-plane', cpX, top, { width: cpWidth, height: cpHeight })
  const colX = [pad, pad + controlPlaneSize.width + gapX, pad + (controlPlaneSize.width + gapX) * 2]
  const placeColumn = (list: ActorView[], col: number): void => {
    list.forEach((a, i) => {
      const y = groupTitle + i * (controlPlaneSize.height + gapY)
      child(a.id, 'component', cp, colX[col]!, y, controlPlaneSize)
    })
  }
  placeColumn(left, 0)
  placeColumn(middle, 1)
  placeColumn(right, 2)

  const kubectl = ofKind(actors, 'kubectl')
  kubectl.forEach((a, i) => root(a.id, 'component', i * (outsideSize.width + pad), 0, outsideSize))

  const nodesTop = top + cpHeight + corridor
  const groupX = (i: number): number => rowX + i * (groupWidth + nodeGap)
  workerNames.forEach((name, i) => {
    const group = root(
      `node:${name}`,
      'worker-node',
      groupX(i),
      nodesTop,
      { width: groupWidth, height: groupHeight },
      name,
    )
    const here = actors.filter((a) => a.node === name)
    const row: Partial<Record<ActorKind, number>> = {
      kubelet: 0,
      'container-runtime': 1,
      'kube-proxy': 2,
    }
    for (const a of here) {
      const r = row[a.kind]
      if (r !== undefined) child(a.id, 'component', group, pad, groupTitle + r * rowStep)
    }
    ;(podsByNode.get(name) ?? []).forEach((p, slot) => {
      const s = podSlot(slot)
      child(`pod:${p.key}`, 'pod', group, s.x, s.y, podSize, p.key)
    })
  })
  const trayX = groupX(workerNames.length)
  const tray = root('pending-pods', 'pending-pods', trayX, nodesTop, {
    width: groupWidth,
    height: groupHeight,
  })
  pending.forEach((p, i) => {
    const s = podSlot(i)
    child(`pod:${p.key}`, 'pod', tray, s.x, groupTitle + (s.y - podsTop), podSize, p.key)
  })

  const busY = nodesTop + groupHeight + corridor / 2 + 6
  const registries = ofKind(actors, 'image-registry')
  registries.forEach((a, i) => {
    const x = Math.min(width - outsideSize.width, trayX) - i * (outsideSize.width + pad)
    root(a.id, 'component', x, busY - outsideSize.height / 2, outsideSize)
  })

  // The traffic source sits outside the cluster on the bus row, left of the nodes.
  const clients = ofKind(actors, 'traffic-client')
  clients.forEach((a, i) => root(a.id, 'component', i * (outsideSize.width + pad), busY - outsideSize.height / 2, outsideSize))
  // The DNS add-on (it stands for the coredns pods drawn on their nodes) sits under the client.
  const dnsServers = ofKind(actors, 'coredns')
  const dnsY = busY + outsideSize.height / 2 + gapY
  dnsServers.forEach((a, i) => root(a.id, 'component', i * (outsideSize.width + pad), dnsY, outsideSize))
  // The ingress controller add-on (it stands for its pod drawn on a node) sits under the DNS add-on.
  const ingressControllers = ofKind(actors, 'ingress-nginx')
  const ingressY = dnsServers.length ? dnsY + outsideSize.height + gapY : dnsY
  ingressControllers.forEach((a, i) => root(a.id, 'component', i * (outsideSize.width + pad), ingressY, outsideSize))

  const nodeById = new Map(nodes.map((n) => [n.id, n]))
  const centers: Record<string, Point> = {}
  for (const a of actors) {
    const n = nodeById.get(a.id)
    if (n) centers[a.id] = center(n)
  }

  const addLink = (from: string, to: string, points: Point[]): void => {
    if (!centers[from] || !centers[to]) return
    const ordered = from < to ? points : [...points].reverse()
    links.push({
      id: linkId(from, to),
      a: from < to ? from : to,
      b: from < to ? to : from,
      points: ordered,
    })
  }
  const corridorY = top + cpHeight + corridor / 2
  const nodeIndex = (name: string | undefined): number =>
    name === undefined ? -1 : workerNames.indexOf(name)

  for (const api of apiservers) {
    const c = centers[api.id]!
    for (const k of kubectl) {
      const s = centers[k.id]!
      addLink(k.id, api.id, [s, { x: c.x, y: s.y }, c])
    }
    for (const other of [...etcds, ...schedulers, ...kcms, ...ccms]) {
      const o = centers[other.id]!
      addLink(api.id, other.id, o.y === c.y ? [c, o] : [c, { x: c.x, y: o.y }, o])
    }
    for (const a of actors) {
      const o = centers[a.id]
      if (!o) continue
      if (a.kind === 'kubelet') {
        addLink(api.id, a.id, [c, { x: c.x, y: corridorY }, { x: o.x, y: corridorY }, o])
      } else if (a.kind === 'kube-proxy') {
        // Down the gutter left of its node, so the line passes beside the kubelet, not through it.
        const gutter = groupX(nodeIndex(a.node)) - 8
        addLink(api.id, a.id, [
          c,
          { x: c.x, y: corridorY },
          { x: gutter, y: corridorY },
          { x: gutter, y: o.y },
          o,
        ])
      }
    }
  }
  workerNames.forEach((name, i) => {
    const kubelet = actors.find((a) => a.node === name && a.kind === 'kubelet')
    const runtime = actors.find((a) => a.node === name && a.kind === 'container-runtime')
    if (kubelet && runtime)
      addLink(kubelet.id, runtime.id, [centers[kubelet.id]!, centers[runtime.id]!])
    if (runtime) {
      const r = centers[runtime.id]!
      const gutter = groupX(i) + groupWidth + 8
      for (const reg of registries) {
        const g = centers[reg.id]!
        addLink(runtime.id, reg.id, [r, { x: gutter, y: r.y }, { x: gutter, y: busY }, g])
      }
    }
  })

  // A client reaches each node along the bus, then up the node's left gutter to its kube-proxy.
  for (const cl of clients) {
    const c = centers[cl.id]
    if (!c) continue
    for (const kp of ofKind(actors, 'kube-proxy')) {
      const o = centers[kp.id]
      if (!o) continue
      const gutter = groupX(nodeIndex(kp.node)) - 8
      addLink(cl.id, kp.id, [c, { x: gutter, y: c.y }, { x: gutter, y: o.y }, o])
    }
  }

  // A query reaches CoreDNS from a node's rules down its left gutter; the answer goes back up to the client.
  for (const dns of dnsServers) {
    const d = centers[dns.id]
    if (!d) continue
    for (const kp of ofKind(actors, 'kube-proxy')) {
      const o = centers[kp.id]
      if (!o) continue
      const gutter = groupX(nodeIndex(kp.node)) - 8
      addLink(kp.id, dns.id, [o, { x: gutter, y: o.y }, { x: gutter, y: d.y }, d])
    }
    for (const cl of clients) {
      const c = centers[cl.id]
      if (c) addLink(dns.id, cl.id, [d, { x: c.x, y: d.y }, c])
    }
  }

  // A request DNATed to the controller pod reaches it from a node's rules down its left gutter; its
  // proxied request goes back up to the backend pod's node; its answer goes to the client along the left edge.
  for (const ing of ingressControllers) {
    const g = centers[ing.id]
    if (!g) continue
    for (const kp of ofKind(actors, 'kube-proxy')) {
      const o = centers[kp.id]
      if (!o) continue
      const gutter = groupX(nodeIndex(kp.node)) - 14
      addLink(kp.id, ing.id, [o, { x: gutter, y: o.y }, { x: gutter, y: g.y }, g])
    }
    for (const cl of clients) {
      const c = centers[cl.id]
      const edge = -pad
      if (c) addLink(ing.id, cl.id, [g, { x: edge, y: g.y }, { x: edge, y: c.y }, c])
    }
  }

  let maxX = 0
  let maxY = 0
  for (const n of nodes) {
    maxX = Math.max(maxX, n.absolute.x + n.width)
    maxY = Math.max(maxY, n.absolute.y + n.height)
  }
  return { nodes, links, centers, width: maxX, height: maxY }
}

/** Total length of a polyline. */
export function polylineLength(points: readonly Point[]): number {
  let total = 0
  for (let i = 1; i < points.length; i++) {
    total += Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y)
  }
  return total
}

/** The point at fraction `t` (0..1) of a polyline's length. */
export function pointAlong(points: readonly Point[], t: number): Point {
  if (points.length === 0) return { x: 0, y: 0 }
  if (points.length === 1 || t <= 0) return points[0]!
  const target = polylineLength(points) * Math.min(1, t)
  let walked = 0
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!
    const b = points[i]!
    const seg = Math.hypot(b.x - a.x, b.y - a.y)
    if (walked + seg >= target && seg > 0) {
      const f = (target - walked) / seg
      return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f }
    }
    walked += seg
  }
  return points[points.length - 1]!
}

/** The path a flow from `from` to `to` travels: its link, or a straight line when none exists. */
export function flowPath(layout: ClusterLayout, from: string, to: string): Point[] | null {
  const link = layout.links.find((l) => l.id === linkId(from, to))
  if (link) return link.a === from ? link.points : [...link.points].reverse()
  const a = layout.centers[from]
  const b = layout.centers[to]
  return a && b ? [a, b] : null
}

/** SVG path data for a polyline. */
export function polylinePath(points: readonly Point[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ')
}
