/**
 * Durations as the scenario format writes them: `500ms`, `30s`, `2m`, `1h`, and combinations
 * such as `1m30s` (Go's time.ParseDuration, minus the units a simulation has no use for).
 */

const unitMs = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const

const wholePattern = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/
const partPattern = /(\d+(?:\.\d+)?)(ms|s|m|h)/g

/** A day of virtual time: longer runs are a typo, not a lesson. */
export const maxDurationMs = 24 * unitMs.h

export const durationHint = 'write a number with a unit: ms, s, m or h (e.g. 500ms, 30s, 1m30s)'

/** Parses a duration into whole virtual milliseconds, or says why it cannot. */
export function parseDuration(
  input: unknown,
): { ok: true; ms: number } | { ok: false; reason: string } {
  if (typeof input === 'number') {
    return { ok: false, reason: `${String(input)} has no unit; ${durationHint}` }
  }
  if (typeof input !== 'string') return { ok: false, reason: `must be a duration; ${durationHint}` }
  const text = input.trim()
  if (!wholePattern.test(text)) {
    return { ok: false, reason: `${JSON.stringify(input)} is not a duration; ${durationHint}` }
  }
  let ms = 0
  for (const [, amount, unit] of text.matchAll(partPattern)) {
    ms += Number(amount) * unitMs[unit as keyof typeof unitMs]
  }
  // Float sums like 0.1s + 0.2s must not turn a whole millisecond into 300.00000000000006.
  const rounded = Math.round(ms * 1000) / 1000
  if (!Number.isInteger(rounded)) {
    return { ok: false, reason: `${JSON.stringify(input)} is not a whole number of milliseconds` }
  }
  if (rounded > maxDurationMs) {
    return {
      ok: false,
      reason: `${JSON.stringify(input)} is longer than the 24h a scenario may run`,
    }
  }
  return { ok: true, ms: rounded }
}

/** The shortest way to write `ms` as a duration: 90000 → `1m30s`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s'
  let rest = ms
  let out = ''
  for (const unit of ['h', 'm', 's', 'ms'] as const) {
    const n = Math.floor(rest / unitMs[unit])
    if (n > 0) out += `${n}${unit}`
    rest -= n * unitMs[unit]
  }
  return out
}
