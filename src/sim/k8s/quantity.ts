/**
 * Kubernetes resource quantities (apimachinery pkg/api/resource): enough to read node
 * allocatable and container requests. Scenario validation checks the grammar; here the input is
 * already valid.
 */
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 }
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 }

const GRAMMAR = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/

/** The quantity's value as a number (cores for cpu, bytes for memory); undefined if malformed. */
export function parseQuantity(text: string | number): number | undefined {
  if (typeof text === 'number') return text
  // A cluster writes a handful of quantities over and over ("100m", "128Mi"): each is read once.
  const known = parsed.get(text)
  if (known !== undefined || parsed.has(text)) return known
  if (parsed.size >= parsedLimit) parsed.clear()
  const value = parseText(text)
  parsed.set(text, value)
  return value
}

/** Quantity texts already read; cleared when full, so a run of unique texts cannot grow it. */
const parsed = new Map<string, number | undefined>()
const parsedLimit = 4096

function parseText(text: string): number | undefined {
  const m = GRAMMAR.exec(text.trim())
  if (!m) return undefined
  const num = Number(m[1])
  const suffix = m[2] ?? ''
  if (Number.isNaN(num)) return undefined
  if (suffix in BINARY) return num * BINARY[suffix]!
  if (suffix in DECIMAL) return num * DECIMAL[suffix]!
  const exp = /^[eE]([-+]?[0-9]+)$/.exec(suffix)
  if (exp) return num * 10 ** Number(exp[1])
  return undefined
}

/** MilliValue(), rounded up as the scheduler reads cpu. */
export function milliValue(text: string | number | undefined): number {
  if (text === undefined) return 0
  return Math.ceil((parseQuantity(text) ?? 0) * 1000 - 1e-9)
}

/** Value(), rounded up as the scheduler reads memory. */
export function byteValue(text: string | number | undefined): number {
  if (text === undefined) return 0
  return Math.ceil((parseQuantity(text) ?? 0) - 1e-9)
}
