/**
 * kube-controller-manager's informers for its workload controllers (Deployment, ReplicaSet,
 * ReplicationController, DaemonSet, StatefulSet, Job, CronJob, garbage collector): a watch per
 * resource, opened at bootstrap with the cache already listed, as a started KCM has them.
 */
import type { ApiserverState } from '../actors/apiserver/state.ts'
import { cacheKey } from '../actors/client/informer.ts'
import type { ControllerManagerState } from '../actors/controller-manager/state.ts'
import type { EtcdState } from '../actors/etcd/etcd.ts'
import { resourceByName } from '../k8s/resources.ts'
import { ensureWatcher } from './shared-watch.ts'

const workloadResources: [resource: string, group: string][] = [
  ['nodes', ''],
  ['pods', ''],
  ['replicationcontrollers', ''],
  ['deployments', 'apps'],
  ['replicasets', 'apps'],
  ['daemonsets', 'apps'],
  ['statefulsets', 'apps'],
  ['controllerrevisions', 'apps'],
  ['jobs', 'batch'],
  ['cronjobs', 'batch'],
]

export function watchWorkloads(api: ApiserverState, kcm: ControllerManagerState, etcd: EtcdState, controllerManagerId: string): void {
  for (const [resource, group] of workloadResources) {
    const info = resourceByName(resource, group)
    if (!info) continue
    ensureWatcher(api, { client: controllerManagerId, prefix: info.etcdPrefix, fieldSelector: '', labelSelector: '' })
    const cache = kcm.caches[resource]!
    for (const kv of Object.values(etcd.store.kv)) if (kv.key.startsWith(`${info.etcdPrefix}/`)) cache[cacheKey(kv.value)] = kv.value
  }
}
