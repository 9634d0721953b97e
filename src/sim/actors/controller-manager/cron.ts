/**
 * Standard five-field cron schedules as the CronJob controller reads them (robfig/cron's standard
 * parser): minute hour day-of-month month day-of-week, with `*`, lists, ranges, steps and the
 * `@hourly`-style shorthands. Times are UTC.
 */
const shorthands: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
}

export interface Schedule {
  fields: Set<number>[]
  domStar: boolean
  dowStar: boolean
}

function parseField(text: string, min: number, max: number): Set<number> | undefined {
  const out = new Set<number>()
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/')
    const step = stepText === undefined ? 1 : Number(stepText)
    if (!Number.isInteger(step) || step < 1) return undefined
    let lo = min
    let hi = max
    if (range !== '*' && range !== '?') {
      const [a, b] = range!.split('-')
      lo = Number(a)
      hi = b === undefined ? (stepText === undefined ? lo : max) : Number(b)
      if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < min || hi > max || lo > hi) return undefined
    }
    for (let v = lo; v <= hi; v += step) out.add(v === 7 && max === 7 ? 0 : v)
  }
  return out
}

export function parseSchedule(text: string): Schedule | undefined {
  const spec = (shorthands[text.trim()] ?? text).trim().replace(/^(TZ|CRON_TZ)=\S+\s+/, '')
  const parts = spec.split(/\s+/)
  if (parts.length !== 5) return undefined
  const ranges: [number, number][] = [[0, 59], [0, 23], [1, 31], [1, 12], [0, 7]]
  const fields = parts.map((p, i) => parseField(p, ranges[i]![0], ranges[i]![1]))
  if (fields.some((f) => !f)) return undefined
  return { fields: fields as Set<number>[], domStar: parts[2] === '*' || parts[2] === '?', dowStar: parts[4] === '*' || parts[4] === '?' }
}

/** The first scheduled minute strictly after `afterMs` (epoch ms), searching at most ~5 years. */
export function nextRun(s: Schedule, afterMs: number): number | undefined {
  let t = Math.floor(afterMs / 60_000) * 60_000 + 60_000
  const limit = t + 5 * 366 * 86_400_000
  while (t < limit) {
    const d = new Date(t)
    if (!s.fields[3]!.has(d.getUTCMonth() + 1)) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)
      continue
    }
    const dom = s.fields[2]!.has(d.getUTCDate())
    const dow = s.fields[4]!.has(d.getUTCDay())
    const dayOk = s.domStar || s.dowStar ? dom && dow : dom || dow
    if (!dayOk) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1)
      continue
    }
    if (!s.fields[1]!.has(d.getUTCHours())) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1)
      continue
    }
    if (s.fields[0]!.has(d.getUTCMinutes())) return t
    t += 60_000
  }
  return undefined
}
