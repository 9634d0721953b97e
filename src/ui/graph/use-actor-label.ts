import { useCallback } from 'react'
import { selectEtcdCluster } from '../../state/selectors.ts'
import { useSimStore } from '../../state/sim-store.ts'
import { actorLabel } from './actor-styles.ts'

/**
 * `actorLabel` for the cluster on screen: the message list, the cause tree and the inspector name
 * the first etcd member `etcd-0` when the graph does (an etcd cluster), and `etcd` when it is alone.
 */
export function useActorLabel(): (id: string) => string {
  const etcdCluster = useSimStore(selectEtcdCluster)
  return useCallback((id: string) => actorLabel(id, etcdCluster), [etcdCluster])
}
