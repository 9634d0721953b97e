import { parseTime } from './time.ts'

const second = 1000
const minute = 60 * second
const hour = 60 * minute

/**
 * apimachinery pkg/util/duration HumanDuration: about two significant figures, as the AGE column
 * shows them. Go truncates toward zero, and up to 2s in the future still reads as "0s".
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / second)
  if (seconds < -1) return '<invalid>'
  if (seconds < 0) return '0s'
  if (seconds < 120) return `${seconds}s`
  const minutes = Math.trunc(ms / minute)
  if (minutes < 10) {
    const s = seconds % 60
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`
  }
  if (minutes < 180) return `${minutes}m`
  const hours = Math.trunc(ms / hour)
  if (hours < 8) {
    const m = minutes % 60
    return m === 0 ? `${hours}h` : `${hours}h${m}m`
  }
  if (hours < 48) return `${hours}h`
  const days = Math.trunc(hours / 24)
  if (hours < 24 * 8) {
    const h = hours % 24
    return h === 0 ? `${days}d` : `${days}d${h}h`
  }
  if (hours < 24 * 365 * 2) return `${days}d`
  const years = Math.trunc(days / 365)
  if (hours < 24 * 365 * 8) {
    const d = days % 365
    return d === 0 ? `${years}y` : `${years}y${d}d`
  }
  return `${years}y`
}

/** apimachinery ShortHumanDuration: one unit only (`5s`, `3m`, `2h`, `4d`, `1y`). */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / second)
  if (seconds < -1) return '<invalid>'
  if (seconds < 0) return '0s'
  if (seconds < 60) return `${seconds}s`
  const minutes = Math.trunc(ms / minute)
  if (minutes < 60) return `${minutes}m`
  const hours = Math.trunc(ms / hour)
  if (hours < 24) return `${hours}h`
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`
  return `${Math.trunc(hours / 24 / 365)}y`
}

/** kubectl translateTimestampSince: `<unknown>` for a missing time, else HumanDuration(now - t). */
export function since(timestamp: string | null | undefined, nowMs: number): string {
  const t = timestamp ? parseTime(timestamp) : undefined
  return t === undefined ? '<unknown>' : humanDuration(nowMs - t)
}
