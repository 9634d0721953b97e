import { describe, expect, it } from 'vitest'
import { humanDuration, shortHumanDuration, since } from './duration.ts'

const s = 1000
const m = 60 * s
const h = 60 * m
const d = 24 * h

describe('humanDuration', () => {
  it.each([
    [0, '0s'],
    [999, '0s'],
    [59 * s, '59s'],
    [60 * s, '60s'],
    [119 * s + 999, '119s'],
    [120 * s, '2m'],
    [121 * s, '2m1s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m, '10m'],
    [10 * m + 59 * s, '10m'],
    [179 * m + 59 * s, '179m'],
    [3 * h, '3h'],
    [3 * h + 30 * m, '3h30m'],
    [7 * h + 59 * m, '7h59m'],
    [8 * h, '8h'],
    [47 * h, '47h'],
    [48 * h, '2d'],
    [2 * d + 3 * h, '2d3h'],
    [7 * d + 23 * h, '7d23h'],
    [8 * d, '8d'],
    [729 * d, '729d'],
    [730 * d, '2y'],
    [731 * d, '2y1d'],
    [8 * 365 * d, '8y'],
  ])('%i ms reads %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text)
  })

  describe('when the time is in the future', () => {
    it('tolerates up to two seconds of skew as 0s', () => {
      expect(humanDuration(-1999)).toBe('0s')
      expect(humanDuration(-1000)).toBe('0s')
    })

    it('is <invalid> beyond that', () => {
      expect(humanDuration(-2000)).toBe('<invalid>')
      expect(humanDuration(-30 * s)).toBe('<invalid>')
    })
  })
})

describe('shortHumanDuration', () => {
  it.each([
    [59 * s, '59s'],
    [60 * s, '1m'],
    [59 * m, '59m'],
    [23 * h, '23h'],
    [2 * d + 3 * h, '2d'],
    [400 * d, '1y'],
  ])('%i ms reads %s', (ms, text) => {
    expect(shortHumanDuration(ms)).toBe(text)
  })
})

describe('since', () => {
  it('reads <unknown> for a missing timestamp', () => {
    expect(since(undefined, 0)).toBe('<unknown>')
    expect(since(null, 0)).toBe('<unknown>')
  })

  it('measures from an RFC 3339 time', () => {
    expect(since('2025-06-01T12:00:00Z', Date.UTC(2025, 5, 1, 12, 0, 42, 900))).toBe('42s')
  })
})
