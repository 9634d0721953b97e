/**
 * One watch per resource and selector for a whole process, as client-go's shared informer factory
 * opens them: kube-controller-manager's controllers (workloads, node lifecycle, taint eviction,
 * disruption, EndpointSlice and Endpoints) all read pods from one informer, fed by one watch.
 */
import type { ApiserverState, Watcher } from '../actors/apiserver/state.ts'
import { addWatcher } from '../actors/apiserver/watch.ts'

/** The client's watch on this prefix with these selectors, opened if it has none yet. */
export function ensureWatcher(api: ApiserverState, w: Omit<Watcher, 'id'>): Watcher {
  const same = api.watchers.find(
    (x) => x.client === w.client && x.prefix === w.prefix && x.namespace === w.namespace && x.fieldSelector === w.fieldSelector && x.labelSelector === w.labelSelector,
  )
  return same ?? addWatcher(api, w)
}
