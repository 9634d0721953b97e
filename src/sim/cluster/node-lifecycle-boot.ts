/**
 * kube-controller-manager's node lifecycle and taint-eviction controllers at boot: their shared
 * informers (nodes, node Leases, pods) already synced with what the cluster holds, their watches
 * open, and the node monitor loop started (it runs at once, then every --node-monitor-period).
 */
import type { ApiserverState } from '../actors/apiserver/state.ts'
import { cacheKey } from '../actors/client/informer.ts'
import { knowNodes, nodeLifecycleOf } from '../actors/controller-manager/node-lifecycle.ts'
import type { EtcdKv } from '../messages.ts'
import { startTimer } from '../engine/engine.ts'
import { ensureWatcher } from './shared-watch.ts'
import type { World } from '../engine/world.ts'

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
  ensureWatcher(api, { client: kcmId, prefix: '/registry/minions', fieldSelector: '', labelSelector: '' })
  ensureWatcher(api, { client: kcmId, prefix: '/registry/leases', namespace: 'kube-node-lease', fieldSelector: '', labelSelector: '' })
  ensureWatcher(api, { client: kcmId, prefix: '/registry/pods', fieldSelector: '', labelSelector: '' })
  knowNodes(s, 0)
  // The disruption controller's PodDisruptionBudget informer (it shares the pods one).
  ensureWatcher(api, { client: kcmId, prefix: '/registry/poddisruptionbudgets', fieldSelector: '', labelSelector: '' })
  startTimer(world, kcmId, 'node-monitor', 0)
}
