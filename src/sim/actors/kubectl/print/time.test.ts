import { describe, expect, it } from 'vitest'
import { describeTime, formatRfc1123z, parseTime } from './time.ts'

describe('parseTime', () => {
  it('reads metav1.Time and MicroTime', () => {
    expect(parseTime('2025-06-01T12:00:00Z')).toBe(Date.UTC(2025, 5, 1, 12))
    expect(parseTime('2025-06-01T12:00:00.183412Z')).toBe(Date.UTC(2025, 5, 1, 12, 0, 0, 183))
  })

  it('applies a numeric offset', () => {
    expect(parseTime('2025-06-01T14:00:00+02:00')).toBe(Date.UTC(2025, 5, 1, 12))
  })

  it('is undefined for absent or malformed text', () => {
    expect(parseTime(null)).toBeUndefined()
    expect(parseTime('yesterday')).toBeUndefined()
  })
})

describe('formatRfc1123z', () => {
  it('formats like Go time.RFC1123Z in UTC', () => {
    expect(formatRfc1123z(Date.UTC(2025, 5, 1, 12, 0, 1))).toBe('Sun, 01 Jun 2025 12:00:01 +0000')
    expect(formatRfc1123z(Date.UTC(2006, 0, 2, 15, 4, 5))).toBe('Mon, 02 Jan 2006 15:04:05 +0000')
  })

  it('prints the Go zero time for a missing timestamp', () => {
    expect(describeTime(undefined)).toBe('Mon, 01 Jan 0001 00:00:00 +0000')
  })
})
