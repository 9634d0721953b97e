/** Manifests and readers shared by the workload controllers' tests. */
import type { KObject } from '../../protocol.ts'
import type { TestCluster } from '../../testing/test-cluster.ts'
import { isPodActive, isPodReady } from './objects.ts'

export function deployment(replicas = 3, image = 'nginx:1.25', extra: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx' } },
    spec: { replicas, selector: { matchLabels: { app: 'nginx' } }, template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image }] } }, ...extra },
  }
}

export function list(c: TestCluster, prefix: string): KObject[] {
  const all = c.sim.objects()
  return Object.keys(all)
    .filter((k) => k.startsWith(`${prefix}/`))
    .sort()
    .map((k) => all[k]!)
}

export const pods = (c: TestCluster): KObject[] => list(c, '/registry/pods/default')
export const activePods = (c: TestCluster): KObject[] => pods(c).filter(isPodActive)
export const readyPods = (c: TestCluster): KObject[] => activePods(c).filter(isPodReady)
export const replicaSets = (c: TestCluster): KObject[] => list(c, '/registry/replicasets/default')

export function eventsOf(c: TestCluster, reason: string): string[] {
  return c.sim
    .events()
    .filter((e) => e.reason === reason)
    .map((e) => e.message)
}
