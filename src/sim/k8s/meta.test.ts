import { describe, expect, it } from 'vitest'
import { microTime, rfc3339 } from './meta.ts'

const iso = (ms: number): string => new Date(ms).toISOString()

describe('timestamps', () => {
  it('microTime writes the ISO text with microseconds, whatever second was written before', () => {
    for (const ms of [0, 7, 99, 999, 1000, 1767225600000, 1767225600007, 1767225600999, 1767225601050, 1767225600123.7, -1, -1001]) {
      expect(microTime(ms)).toBe(iso(ms).replace(/\.(\d{3})Z$/, '.$1000Z'))
    }
  })

  it('rfc3339 writes whole seconds', () => {
    expect(rfc3339(1767225600999)).toBe('2026-01-01T00:00:00Z')
    expect(microTime(1767225612345)).toBe('2026-01-01T00:00:12.345000Z')
    expect(rfc3339(1767225612345)).toBe('2026-01-01T00:00:12Z')
  })
})
