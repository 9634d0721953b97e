/**
 * etcd's multi-version store, reduced to what Kubernetes uses: one global revision bumped by
 * every committed write, and per key its create revision, mod revision and version.
 */
import type { KObject } from '../../protocol.ts'
import type { EtcdKv } from '../../messages.ts'

export interface Mvcc {
  revision: number
  kv: Record<string, EtcdKv>
  /**
   * Keys in order per resource (`/registry/pods` → every pod's key, sorted), as etcd's B-tree keeps
   * them: a prefix range reads one resource's keys, not every key in the store, and needs no sort.
   */
  index?: Record<string, string[]>
}

/** `/registry/pods/default/web` → `/registry/pods`: the resource a key or prefix belongs to. */
function bucketOf(key: string): string | undefined {
  const second = key.indexOf('/', 1)
  if (second < 0) return undefined
  const third = key.indexOf('/', second + 1)
  return third < 0 ? key : key.slice(0, third)
}

/** First position in sorted `keys` not before `key` (JS string order, as Array.prototype.sort). */
function lowerBound(keys: string[], key: string): number {
  let lo = 0
  let hi = keys.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (keys[mid]! < key) lo = mid + 1
    else hi = mid
  }
  return lo
}

function indexOf(store: Mvcc): Record<string, string[]> {
  if (store.index) return store.index
  const index: Record<string, string[]> = {}
  for (const key of Object.keys(store.kv).sort()) {
    const b = bucketOf(key)
    if (b !== undefined) (index[b] ??= []).push(key)
  }
  return (store.index = index)
}

export function range(store: Mvcc, key: string, prefix: boolean): EtcdKv[] {
  if (!prefix) {
    const kv = store.kv[key]
    return kv ? [kv] : []
  }
  const p = `${key}/`
  // A prefix inside one resource (`/registry/pods/`, `/registry/pods/default/`) reads its bucket;
  // a wider one (`/registry/`) scans every key.
  const parts = p.split('/')
  const bucket = parts.length >= 4 ? `/${parts[1]}/${parts[2]}` : undefined
  if (bucket === undefined) return Object.keys(store.kv).filter((k) => k.startsWith(p)).sort().map((k) => store.kv[k]!)
  const keys = indexOf(store)[bucket] ?? []
  const out: EtcdKv[] = []
  for (let i = lowerBound(keys, p); i < keys.length && keys[i]!.startsWith(p); i++) out.push(store.kv[keys[i]!]!)
  return out
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
  if (!prev) addKey(store, key)
  store.kv[key] = kv
  return kv
}

export function remove(store: Mvcc, key: string): EtcdKv | undefined {
  const prev = store.kv[key]
  if (!prev) return undefined
  store.revision++
  delete store.kv[key]
  const b = bucketOf(key)
  const keys = b === undefined ? undefined : store.index?.[b]
  if (keys) {
    // In place: a checkpoint holds its own copy of the index (checkpoints.ts never shares a live array).
    const at = lowerBound(keys, key)
    if (keys[at] === key) keys.splice(at, 1)
  }
  return prev
}

function addKey(store: Mvcc, key: string): void {
  const b = bucketOf(key)
  if (b === undefined || !store.index) return
  const keys = (store.index[b] ??= [])
  keys.splice(lowerBound(keys, key), 0, key)
}
