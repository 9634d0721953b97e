/**
 * An informer's local cache: what a component knows of the cluster, kept current by its watch.
 * Keyed `namespace/name` (or `name` for cluster-scoped objects), as client-go's store is.
 */
import type { WatchEventMessage } from '../../messages.ts'
import type { KObject } from '../../protocol.ts'

export type Cache = Record<string, KObject>

export function cacheKey(o: KObject): string {
  return o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : String(o.metadata.name)
}

export function applyWatchEvent(cache: Cache, msg: WatchEventMessage): KObject | undefined {
  const key = cacheKey(msg.object)
  const old = cache[key]
  if (msg.type === 'DELETED') delete cache[key]
  else cache[key] = msg.object
  return old
}
