/**
 * Which resources kube-apiserver keeps a watch cache for: all but events. DefaultWatchCacheSizes
 * (pkg/kubeapiserver/default_storage_factory_builder.go) sets events and events.k8s.io events to
 * 0, so they get no cacher: an event write is not streamed from etcd to the apiserver unless a
 * client watches events, reads and updates of events go to etcd, and a client's watch of events is
 * a watch the apiserver opens on etcd for it (etcd3 store Watch).
 */

/** etcd prefixes kept out of the watch cache; etcd's cache stream skips them (etcd.ts). */
export const uncachedPrefixes: readonly string[] = ['/registry/events/']

/** Whether `key` (an etcd key or a resource prefix such as `/registry/events`) has no watch cache. */
export function isUncached(key: string): boolean {
  for (const p of uncachedPrefixes) if (key.startsWith(p) || `${key}/` === p) return true
  return false
}
