/** Builders for scheduler unit tests: nodes, pods, a cache with pods placed, and one cycle. */
import { nodeObject } from '../../cluster/bootstrap-objects.ts'
import type { KObject, NodeSpec } from '../../protocol.ts'
import { defaultConfig, newCycle, type Cycle, type OwnerCaches, type SchedulerConfig } from './cycle.ts'
import { schedulePod, type Decision } from './decide.ts'
import { addPod, newCache, upsertNode, type SchedulerCache } from './node-info.ts'

function nodeSpec(name: string, extra: Partial<NodeSpec>): NodeSpec {
  return { name, cpu: '4', memory: '8Gi', pods: 110, labels: {}, taints: [], images: [], ...extra }
}

export function testNode(name: string, extra: Partial<NodeSpec> & { unschedulable?: boolean } = {}): KObject {
  const { unschedulable, ...spec } = extra
  const n = nodeObject(nodeSpec(name, spec), { hostIP: '10.0.0.11', podCIDR: '10.244.1.0/24' }, 0, 'v1.34.0')
  if (unschedulable) n.spec = { ...(n.spec as object), unschedulable: true }
  return n
}

export interface PodOptions {
  requests?: Record<string, string>
  labels?: Record<string, string>
  namespace?: string
  image?: string
  spec?: Record<string, unknown>
  owner?: { kind: string; name: string }
  status?: Record<string, unknown>
}

export function testPod(name: string, o: PodOptions = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      uid: `uid-${name}`,
      labels: o.labels ?? {},
      ...(o.owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: o.owner.kind, name: o.owner.name, uid: 'x', controller: true }] } : {}),
    },
    spec: {
      containers: [{ name: 'c', image: o.image ?? 'nginx:1.27', ...(o.requests ? { resources: { requests: o.requests } } : {}) }],
      ...o.spec,
    },
    status: { phase: 'Pending', ...o.status },
  }
}

export interface TestWorld {
  cache: SchedulerCache
  pods: Record<string, KObject>
  owners: OwnerCaches
}

/** A cluster of nodes with pods placed: `[pod, nodeName]`. */
export function testWorld(nodes: KObject[], placed: [KObject, string][] = [], owners: Partial<OwnerCaches> = {}): TestWorld {
  const cache = newCache()
  for (const n of nodes) upsertNode(cache, n)
  const pods: Record<string, KObject> = {}
  for (const [p, node] of placed) {
    const key = `${p.metadata.namespace}/${p.metadata.name}`
    p.spec = { ...(p.spec as object), nodeName: node }
    pods[key] = p
    addPod(cache, key, p, node)
  }
  return { cache, pods, owners: { services: {}, replicasets: {}, statefulsets: {}, replicationcontrollers: {}, ...owners } }
}

export function testCycle(pod: KObject, w: TestWorld, cfg: Partial<SchedulerConfig> = {}, nominated: Record<string, string[]> = {}): Cycle {
  const key = `${pod.metadata.namespace}/${pod.metadata.name}`
  w.pods[key] ??= pod
  return newCycle(key, pod, w.pods, w.cache, w.owners, { ...defaultConfig(), ...cfg }, nominated)
}

/** One cycle from node index 0, ties going to the first candidate unless `random` says otherwise. */
export function decideFor(pod: KObject, w: TestWorld, random: () => number = () => 0.99, cfg: Partial<SchedulerConfig> = {}): Decision {
  return schedulePod(testCycle(pod, w, cfg), { atMs: 0, attempt: 1, startIndex: 0 }, random).decision
}

/** The normalised (or raw) scores of one plugin in a decision, by node name. */
export function scoresOf(d: Decision, plugin: string, which: 'raw' | 'normalized' = 'normalized'): Record<string, number> {
  const s = d.scores.find((x) => x.plugin === plugin)!
  return Object.fromEntries(d.feasible.map((n, i) => [n, s[which][i]!]))
}
