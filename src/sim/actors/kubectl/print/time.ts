/** Kubernetes timestamps: RFC 3339 in, Go's RFC1123Z out. Never reads the clock. */

const TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/

/** Epoch ms of an RFC 3339 time (metav1.Time or MicroTime); undefined when absent or malformed. */
export function parseTime(text: string | null | undefined): number | undefined {
  if (!text) return undefined
  const m = TIME.exec(text)
  if (!m) return undefined
  const [, y, mo, d, h, mi, s, frac, , sign, oh, om] = m
  const ms = frac ? Math.trunc(Number(`0.${frac}`) * 1000) : 0
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms)
  const offset = sign ? (Number(oh) * 60 + Number(om)) * 60_000 * (sign === '-' ? -1 : 1) : 0
  return utc - offset
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

const two = (n: number): string => String(n).padStart(2, '0')

/**
 * Go time.RFC1123Z (`Mon, 02 Jan 2006 15:04:05 -0700`), as kubectl describe prints Start Time,
 * Started and Finished. kubectl uses the terminal's local zone; the simulation's terminal is UTC.
 */
export function formatRfc1123z(epochMs: number): string {
  const t = new Date(epochMs)
  const date = `${DAYS[t.getUTCDay()]}, ${two(t.getUTCDate())} ${MONTHS[t.getUTCMonth()]}`
  const clock = `${two(t.getUTCHours())}:${two(t.getUTCMinutes())}:${two(t.getUTCSeconds())}`
  return `${date} ${t.getUTCFullYear()} ${clock} +0000`
}

/** RFC1123Z of a stored timestamp; Go prints the zero time for a missing one. */
export function describeTime(text: string | null | undefined): string {
  const t = parseTime(text)
  return t === undefined ? 'Mon, 01 Jan 0001 00:00:00 +0000' : formatRfc1123z(t)
}
