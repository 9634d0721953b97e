/**
 * An index over the apiserver's watchers so a write is matched against the watchers that can see
 * it rather than all of them: by resource prefix, and, for the common `field=value` selector (each
 * kubelet's `spec.nodeName=<node>`), by the value. It is derived data, rebuilt whenever the
 * watcher list changes, and returns candidates in the list's order, so fan-out sends exactly what
 * and in exactly the order a scan of every watcher would (the real cacher indexes the same way:
 * storage/cacher's indexed triggers on spec.nodeName).
 */
import type { KObject } from '../../protocol.ts'
import type { Watcher } from './state.ts'

/** The watchers selecting on one field path, by the value they select. */
interface FieldIndex {
  /** The path split at dots once, not on every write. */
  parts: readonly string[]
  values: Map<string, [number, Watcher][]>
}

interface Group {
  /** Watchers that need the full check, with their position in the list. */
  scan: [number, Watcher][]
  /** path → watchers with exactly `path=value` as their whole selector, by value. */
  byField: Map<string, FieldIndex>
}

interface Index {
  list: Watcher[]
  length: number
  prefixes: Map<string, Group>
}

let cached: Index | undefined

function fieldValue(obj: KObject, parts: readonly string[]): string {
  let cur: unknown = obj
  for (const part of parts) {
    if (typeof cur !== 'object' || cur === null) return ''
    cur = (cur as Record<string, unknown>)[part]
  }
  return cur === undefined || cur === null ? '' : String(cur)
}

/** `spec.nodeName=node-1` → ['spec.nodeName', 'node-1']; anything else → undefined. */
function simpleEquality(selector: string): [string, string] | undefined {
  if (!selector || selector.includes(',') || selector.includes('!=')) return undefined
  const m = /^([^=]+)==?(.*)$/.exec(selector)
  return m ? [m[1]!, m[2]!] : undefined
}

function build(list: Watcher[]): Index {
  const prefixes = new Map<string, Group>()
  list.forEach((w, i) => {
    let g = prefixes.get(w.prefix)
    if (!g) prefixes.set(w.prefix, (g = { scan: [], byField: new Map() }))
    const eq = !w.namespace && !w.labelSelector ? simpleEquality(w.fieldSelector) : undefined
    if (!eq) {
      g.scan.push([i, w])
      return
    }
    let field = g.byField.get(eq[0])
    if (!field) g.byField.set(eq[0], (field = { parts: eq[0].split('.'), values: new Map() }))
    const values = field.values
    const bucket = values.get(eq[1])
    if (bucket) bucket.push([i, w])
    else values.set(eq[1], [[i, w]])
  })
  return { list, length: list.length, prefixes }
}

function pushAll(out: [number, Watcher][], bucket: [number, Watcher][] | undefined): void {
  if (bucket) for (const c of bucket) out.push(c)
}

/** The watchers that may see a write to `key` (before or after), in watcher-list order. */
export function candidates(list: Watcher[], key: string, prev: KObject | null, next: KObject | null): Watcher[] {
  if (!cached || cached.list !== list || cached.length !== list.length) cached = build(list)
  const out: [number, Watcher][] = []
  // The groups whose prefix the key extends at a '/': looked up at each '/' of the key rather
  // than every group tried (a write's key has 3-5 of them, the index ~20 prefixes).
  for (let i = key.indexOf('/', 1); i > 0; i = key.indexOf('/', i + 1)) {
    const g = cached.prefixes.get(key.slice(0, i))
    if (!g) continue
    for (const c of g.scan) out.push(c)
    for (const { parts, values } of g.byField.values()) {
      const a = prev ? fieldValue(prev, parts) : undefined
      const b = next ? fieldValue(next, parts) : undefined
      if (a !== undefined) pushAll(out, values.get(a))
      if (b !== undefined && b !== a) pushAll(out, values.get(b))
    }
  }
  if (out.length > 1) out.sort((x, y) => x[0] - y[0])
  return out.map(([, w]) => w)
}
