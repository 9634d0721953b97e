/** Object metadata the apiserver fills in: uids, timestamps, generated names. */

/** RFC 3339 at second precision, as metav1.Time serialises: `2026-01-01T00:00:12Z`. */
/** The last second written: most timestamps of a run fall in the second before (one write per ms). */
let lastSecond = Number.NaN
let lastText = ''

export function rfc3339(epochMs: number): string {
  const second = Math.floor(epochMs / 1000)
  if (second !== lastSecond) {
    lastText = new Date(second * 1000).toISOString().replace('.000Z', 'Z')
    lastSecond = second
  }
  return lastText
}

/** metav1.MicroTime: `2026-01-01T00:00:12.345000Z`. */
let lastMicroMs = Number.NaN
let lastMicro = ''

export function microTime(epochMs: number): string {
  // Several writes share a virtual ms (an Event and its object's update): the last one is kept.
  if (epochMs !== lastMicroMs) {
    // The second's text comes from rfc3339's cache; only the milliseconds are written here
    // (a Date and its ISO text per event cost more than the rest of the Event body).
    const whole = Math.floor(epochMs)
    const ms = whole - Math.floor(whole / 1000) * 1000
    lastMicro = `${rfc3339(whole).slice(0, -1)}.${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}000Z`
    lastMicroMs = epochMs
  }
  return lastMicro
}

export function parseTime(text: string): number {
  return Date.parse(text)
}

/** Char codes of 0-9a-f. */
const hexCodes = Array.from('0123456789abcdef', (c) => c.charCodeAt(0))
const dash = 45

/**
 * Ids are written as char codes and made a string at once: appending a character at a time
 * leaves a rope of one node per character past the 13th (V8 cons strings), and every object
 * keeps its uid for life, so each held ~1 KB instead of ~60 bytes.
 */
function hex(random: () => number, digits: number): string {
  const codes = new Array<number>(digits)
  for (let i = 0; i < digits; i++) codes[i] = hexCodes[Math.floor(random() * 16)]!
  return String.fromCharCode.apply(null, codes)
}

/**
 * A version 4 UUID from the caller's seeded stream: 32 hex draws, the 13th shown as the version
 * digit 4 and the 17th as the variant (8-b), written in one pass (every object created gets one).
 */
export function uuid(random: () => number): string {
  const codes = new Array<number>(36)
  let at = 0
  for (let i = 0; i < 32; i++) {
    const digit = Math.floor(random() * 16)
    if (i === 8 || i === 12 || i === 16 || i === 20) codes[at++] = dash
    codes[at++] = i === 12 ? hexCodes[4]! : hexCodes[i === 16 ? (digit & 0x3) | 0x8 : digit]!
  }
  return String.fromCharCode.apply(null, codes)
}

/** A container or sandbox id as containerd prints it: 64 hex digits. */
export function containerId(random: () => number): string {
  return hex(random, 64)
}

/** The alphabet of apimachinery's rand.String: no vowels, no confusable digits. */
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'

/** 5 characters appended to a generateName (base truncated to 58). */
export function randomSuffix(random: () => number, n = 5): string {
  let out = ''
  for (let i = 0; i < n; i++) out += SAFE_ALPHABET[Math.floor(random() * SAFE_ALPHABET.length)]
  return out
}

export function generatedName(base: string, random: () => number): string {
  return base.slice(0, 58) + randomSuffix(random)
}

/** Event names: `<involved name>.<hex of unix nanoseconds>` (client-go tools/record). */
export function eventName(involvedName: string, epochMs: number, random: () => number): string {
  const nanos = BigInt(epochMs) * 1_000_000n + BigInt(Math.floor(random() * 1_000_000))
  return `${involvedName}.${nanos.toString(16)}`
}
