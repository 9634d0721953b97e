/**
 * Which stored object a name kubectl printed is: its etcd key, found in the page's mirror of the
 * cluster by kind, namespace and name. A name whose object is gone (or a kind the mirror never
 * saw) has no key, and the console prints it as plain text.
 */
import type { KObject } from '../../../sim/protocol.ts'
import { typeOf } from './completion.ts'
import type { NameSpan } from './name-spans.ts'

interface Stored {
  kind: string
  namespace: string
  key: string
}

export type NameIndex = Map<string, Stored[]>

/** The mirror by object name (names are few per name, so a lookup scans a short list). */
export function indexByName(objects: Record<string, KObject>): NameIndex {
  const index: NameIndex = new Map()
  for (const [key, o] of Object.entries(objects)) {
    const name = o.metadata?.name
    if (!name) continue
    const list = index.get(name) ?? []
    list.push({ kind: o.kind, namespace: o.metadata.namespace ?? '', key })
    index.set(name, list)
  }
  return index
}

/**
 * Whether a type word names this kind: kubectl's short names (`po`, `svc`), the singular the
 * `kind/name` form prints (`pod`, `deployment.apps`: the resource before the group) and plurals.
 */
export function typeNamesKind(word: string, kind: string): boolean {
  const known = typeOf(word)
  if (known) return known.kind === kind
  const w = word.split('.')[0]!.toLowerCase()
  const k = kind.toLowerCase()
  return w === k || w === `${k}s` || w === `${k}es` || (k.endsWith('y') && w === `${k.slice(0, -1)}ies`)
}

/** The etcd key of the object a printed name is, or null. */
export function keyOf(span: NameSpan, index: NameIndex): string | null {
  const fits = (index.get(span.name) ?? []).filter((s) => typeNamesKind(span.type, s.kind))
  // Cluster-scoped objects have no namespace, whatever -n said.
  const hit = fits.find((s) => s.namespace === span.namespace) ?? fits.find((s) => s.namespace === '')
  return hit?.key ?? null
}
