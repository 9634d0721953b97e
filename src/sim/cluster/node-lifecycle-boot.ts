/**
 * kube-controller-manager's node lifecycle and taint-eviction controllers at boot: their shared
 * informers (nodes, node Leases, pods) already synced with what the cluster holds, their watches
 * open, and the node monitor loop started (it runs at once, then every --node-monitor-period).
 */
import { addWatcher } from '../actors/apiserver/watch.ts'
import type { ApiserverState, Watcher } from '../actors/apiserver/state.ts'
import { cacheKey } from '../actors/client/informer.ts'
import { knowNodes, nodeLifecycleOf } from '../actors/controller-manager/node-lifecycle.ts'
import type { EtcdKv } from '../messages.ts'
import { startTimer } from '../engine/engine.ts'
import type { World } from '../engine/world.ts'

/** One watch per resource for the whole process, as a shared informer factory opens them. */
function ensureWatch(api: ApiserverState, w: Omit<Watcher, 'id'>): void {
  const same = api.watchers.some(
    (x) => x.client === w.client && x.prefix === w.prefix && x.namespace === w.namespace && x.fieldSelector === w.fieldSelector && x.labelSelector === w.labelSelector,
  )
  if (!same) addWatcher(api, w)
}

export function startNodeLifecycle(
  world: World,
  kcm: object,
  api: ApiserverState,
  kv: Record<string, EtcdKv>,
  kcmId: string,
  clusterCIDR = '',
): void {
  const s = nodeLifecycleOf(kcm)
  // --allocate-node-cidrs with kubeadm's --cluster-cidr: node-ipam allocates for nodes that join later.
  if (clusterCIDR) s.ipam = { clusterCIDR, pending: {} }
  for (const item of Object.values(kv)) {
    if (item.key.startsWith('/registry/minions/')) s.nodes[cacheKey(item.value)] = item.value
    else if (item.key.startsWith('/registry/leases/kube-node-lease/')) s.leases[cacheKey(item.value)] = item.value
    else if (item.key.startsWith('/registry/pods/')) s.pods[cacheKey(item.value)] = item.value
  }
  ensureWatch(api, { client: kcmId, prefix: '/registry/minions', fieldSelector: '', labelSelector: '' })
  ensureWatch(api, { client: kcmId, prefix: '/registry/leases', namespace: 'kube-node-lease', fieldSelector: '', labelSelector: '' })
  ensureWatch(api, { client: kcmId, prefix: '/registry/pods', fieldSelector: '', labelSelector: '' })
  knowNodes(s, 0)
  // The disruption controller's PodDisruptionBudget informer (it shares the pods one).
  ensureWatch(api, { client: kcmId, prefix: '/registry/poddisruptionbudgets', fieldSelector: '', labelSelector: '' })
  startTimer(world, kcmId, 'node-monitor', 0)
}
