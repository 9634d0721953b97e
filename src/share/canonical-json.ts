/**
 * Canonical JSON: object keys sorted, `undefined` fields dropped, no spaces. Equal payloads give
 * equal links, so a link can be compared, cached or cited.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value))
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value === null || typeof value !== 'object') return value
  const record = value as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(record).sort()) {
    if (record[key] !== undefined) out[key] = sortKeys(record[key])
  }
  return out
}
