/**
 * `kubectl events` rows from the mirrored Event objects (kubectl pkg/cmd/events/printer.go):
 * LAST SEEN as an age (with `(xN over AGE)` when the event repeated), TYPE, REASON, OBJECT as
 * `Kind/name`, MESSAGE; sorted oldest first so the newest is last, as kubectl sorts them.
 */
import type { KObject } from '../../../sim/protocol.ts'

export interface EventRow {
  key: string
  lastSeen: string
  type: string
  reason: string
  object: string
  /** The etcd key of the object the event is about, when the mirror holds it: OBJECT opens it. */
  objectKey?: string
  message: string
  /** Epoch ms of the last occurrence, for sorting. */
  at: number
}

/** apimachinery pkg/util/duration HumanDuration, the age kubectl prints. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000)
  if (seconds < -1) return '<invalid>'
  if (seconds < 0) return '0s'
  if (seconds < 60 * 2) return `${seconds}s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 10) {
    const s = seconds % 60
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`
  }
  if (minutes < 60 * 3) return `${minutes}m`
  const hours = Math.floor(minutes / 60)
  if (hours < 8) {
    const m = minutes % 60
    return m === 0 ? `${hours}h` : `${hours}h${m}m`
  }
  if (hours < 48) return `${hours}h`
  if (hours < 24 * 8) {
    const h = hours % 24
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`
  return `${Math.floor(hours / 24 / 365)}y`
}

function time(v: unknown): number {
  return typeof v === 'string' ? Date.parse(v) : NaN
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : ''
}

const refKey = (kind: string, namespace: string, name: string): string => `${kind}/${namespace}/${name}`

/**
 * The mirror's keys by kind, namespace and name, made only when some event needs one. An Event
 * names its object by kind, namespace and name (involvedObject / regarding); the mirror is keyed by
 * etcd key, whose resource part is not the kind (`minions` for Nodes), so the index goes by kind.
 */
function lazyRefIndex(objects: Record<string, KObject>): (kind: string, namespace: string, name: string) => string | undefined {
  let index: Map<string, string> | undefined
  return (kind, namespace, name) => {
    if (!index) {
      index = new Map()
      for (const [key, o] of Object.entries(objects)) {
        if (o.kind !== 'Event' && o.metadata?.name) index.set(refKey(o.kind, o.metadata.namespace ?? '', o.metadata.name), key)
      }
    }
    return index.get(refKey(kind, namespace, name))
  }
}

/** Rows for every Event in `objects`, `nowEpochMs` being the cluster's clock. */
export function eventRows(objects: Record<string, KObject>, nowEpochMs: number): EventRow[] {
  const rows: EventRow[] = []
  const keyOf = lazyRefIndex(objects)
  for (const [key, o] of Object.entries(objects)) {
    if (o.kind !== 'Event') continue
    const series = o.series as { lastObservedTime?: string; count?: number } | undefined
    const last =
      time(series?.lastObservedTime) ||
      time(o.lastTimestamp) ||
      time(o.eventTime) ||
      time(o.metadata.creationTimestamp) ||
      0
    const first = time(o.firstTimestamp) || time(o.eventTime) || last
    const count = series?.count ?? (typeof o.count === 'number' ? o.count : 1)
    const involved = (o.involvedObject ?? o.regarding ?? {}) as { kind?: string; namespace?: string; name?: string }
    const age = humanDuration(nowEpochMs - last)
    const objectKey = involved.kind && involved.name ? keyOf(involved.kind, involved.namespace ?? '', involved.name) : undefined
    rows.push({
      key,
      lastSeen: count > 1 ? `${age} (x${count} over ${humanDuration(nowEpochMs - first)})` : age,
      type: str(o.type),
      reason: str(o.reason),
      object: `${str(involved.kind)}/${str(involved.name)}`,
      ...(objectKey ? { objectKey } : {}),
      message: str(o.message ?? o.note).trim(),
      at: last,
    })
  }
  return rows.sort((a, b) => a.at - b.at || a.key.localeCompare(b.key))
}

/** The cluster's epoch ms at virtual 0: the bootstrap nodes are created then. */
export function clusterStartMs(objects: Record<string, KObject>): number {
  let start = Infinity
  for (const [key, o] of Object.entries(objects)) {
    if (!key.startsWith('/registry/minions/')) continue
    const t = time(o.metadata.creationTimestamp)
    if (t < start) start = t
  }
  return Number.isFinite(start) ? start : 0
}
