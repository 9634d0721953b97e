/** Just enough of resource.Quantity to compare requests with limits and divide by a divisor. */

const SUFFIX: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
}

/** The value in base units (cores, bytes); 0 when absent or unreadable. */
export function quantityValue(text: string | number | undefined): number {
  if (text === undefined) return 0
  if (typeof text === 'number') return text
  const m = /^([+-]?[0-9.]+)(?:([eE][-+]?[0-9]+)|([a-zA-Z]*))$/.exec(text.trim())
  if (!m) return 0
  const base = Number(m[1])
  if (m[2]) return base * 10 ** Number(m[2].slice(1))
  const factor = SUFFIX[m[3] ?? '']
  return factor === undefined ? 0 : base * factor
}
