/** Field and label selectors, as list and watch requests use them. */
import type { KObject } from '../../protocol.ts'

function fieldValue(obj: KObject, path: string): string {
  let cur: unknown = obj
  for (const part of path.split('.')) {
    if (typeof cur !== 'object' || cur === null) return ''
    cur = (cur as Record<string, unknown>)[part]
  }
  return cur === undefined || cur === null ? '' : String(cur)
}

/** `a=b,c!=d`: every requirement must hold. An empty selector matches everything. */
export function matchesFieldSelector(obj: KObject, selector: string): boolean {
  if (!selector) return true
  return selector.split(',').every((req) => {
    const ne = req.indexOf('!=')
    if (ne >= 0) return fieldValue(obj, req.slice(0, ne)) !== req.slice(ne + 2)
    const eq = req.indexOf('=')
    const value = req.slice(eq + (req[eq + 1] === '=' ? 2 : 1))
    return fieldValue(obj, req.slice(0, eq)) === value
  })
}

/** Equality-based label selectors: `app=web,tier!=db`, and bare `key` for existence. */
export function matchesLabelSelector(obj: KObject, selector: string): boolean {
  if (!selector) return true
  const labels = obj.metadata.labels ?? {}
  return selector.split(',').every((req) => {
    const ne = req.indexOf('!=')
    if (ne >= 0) return labels[req.slice(0, ne)] !== req.slice(ne + 2)
    const eq = req.indexOf('=')
    if (eq < 0) return req in labels
    return labels[req.slice(0, eq)] === req.slice(eq + (req[eq + 1] === '=' ? 2 : 1))
  })
}
