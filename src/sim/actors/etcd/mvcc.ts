/**
 * etcd's multi-version store, reduced to what Kubernetes uses: one global revision bumped by
 * every committed write, and per key its create revision, mod revision and version.
 */
import type { KObject } from '../../protocol.ts'
import type { EtcdKv } from '../../messages.ts'

export interface Mvcc {
  revision: number
  kv: Record<string, EtcdKv>
}

export function range(store: Mvcc, key: string, prefix: boolean): EtcdKv[] {
  if (!prefix) {
    const kv = store.kv[key]
    return kv ? [kv] : []
  }
  const p = `${key}/`
  return Object.keys(store.kv)
    .filter((k) => k.startsWith(p))
    .sort()
    .map((k) => store.kv[k]!)
}

/** Puts a value at a new revision; the stored object carries resourceVersion = that revision. */
export function put(store: Mvcc, key: string, value: KObject): EtcdKv {
  store.revision++
  const prev = store.kv[key]
  const stored: KObject = { ...value, metadata: { ...value.metadata, resourceVersion: String(store.revision) } }
  const kv: EtcdKv = {
    key,
    value: stored,
    createRevision: prev?.createRevision ?? store.revision,
    modRevision: store.revision,
    version: (prev?.version ?? 0) + 1,
  }
  store.kv[key] = kv
  return kv
}

export function remove(store: Mvcc, key: string): EtcdKv | undefined {
  const prev = store.kv[key]
  if (!prev) return undefined
  store.revision++
  delete store.kv[key]
  return prev
}
