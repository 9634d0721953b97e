/** Field and label selectors, as list and watch requests use them. */
import type { KObject } from '../../protocol.ts'

function fieldValue(obj: KObject, parts: readonly string[]): string {
  let cur: unknown = obj
  for (const part of parts) {
    if (typeof cur !== 'object' || cur === null) return ''
    cur = (cur as Record<string, unknown>)[part]
  }
  return cur === undefined || cur === null ? '' : String(cur)
}

interface Requirement {
  /** The field path split at dots, or the label key. */
  path: string
  parts: readonly string[]
  op: '=' | '!=' | 'exists'
  value: string
}

/**
 * Selectors parsed once per text: every write is matched against each watcher's selector (a
 * kubelet's `spec.nodeName=<node>`, the scheduler's `status.phase!=…`), and the texts are few.
 */
const parsed = new Map<string, readonly Requirement[]>()

function requirements(selector: string, bare: boolean): readonly Requirement[] {
  const key = bare ? `l\u0000${selector}` : selector
  let list = parsed.get(key)
  if (list) return list
  list = selector.split(',').map((req): Requirement => {
    const ne = req.indexOf('!=')
    if (ne >= 0) return requirement(req.slice(0, ne), '!=', req.slice(ne + 2))
    const eq = req.indexOf('=')
    if (bare && eq < 0) return requirement(req, 'exists', '')
    return requirement(req.slice(0, eq), '=', req.slice(eq + (req[eq + 1] === '=' ? 2 : 1)))
  })
  parsed.set(key, list)
  return list
}

const requirement = (path: string, op: Requirement['op'], value: string): Requirement => ({ path, parts: path.split('.'), op, value })

/** `a=b,c!=d`: every requirement must hold. An empty selector matches everything. */
export function matchesFieldSelector(obj: KObject, selector: string): boolean {
  if (!selector) return true
  for (const r of requirements(selector, false)) {
    const v = fieldValue(obj, r.parts)
    if (r.op === '!=' ? v === r.value : v !== r.value) return false
  }
  return true
}

/** Equality-based label selectors: `app=web,tier!=db`, and bare `key` for existence. */
export function matchesLabelSelector(obj: KObject, selector: string): boolean {
  if (!selector) return true
  const labels = obj.metadata.labels ?? {}
  for (const r of requirements(selector, true)) {
    if (r.op === 'exists' ? !(r.path in labels) : r.op === '!=' ? labels[r.path] === r.value : labels[r.path] !== r.value) return false
  }
  return true
}
