import { describe, expect, it } from 'vitest'
import { cloneSharing, comparePositions } from './checkpoints.ts'

describe('cloneSharing', () => {
  it('reuses equal parts of the previous copy and copies what changed', () => {
    const live = { kv: { a: { v: 1 }, b: { v: 2 } }, list: [1, 2], now: 5 }
    const first = cloneSharing(live, undefined)
    expect(first).toEqual(live)
    expect(first.kv.a).not.toBe(live.kv.a)
    live.kv.b.v = 3
    live.now = 6
    const second = cloneSharing(live, first)
    expect(second).toEqual(live)
    expect(second.kv.a).toBe(first.kv.a)
    expect(second.list).toBe(first.list)
    expect(second.kv.b).not.toBe(first.kv.b)
    expect(first.kv.b.v).toBe(2)
  })

  it('notices a removed key and a shorter array', () => {
    const first = cloneSharing({ a: 1, b: 2, xs: [1, 2, 3] }, undefined)
    const second = cloneSharing({ a: 1, xs: [1, 2] }, first)
    expect(second).toEqual({ a: 1, xs: [1, 2] })
    expect(second).not.toBe(first)
  })
})

describe('comparePositions', () => {
  it('orders by time, and a mid-step stop before the full run of the same ms', () => {
    expect(comparePositions({ atMs: 5 }, { atMs: 6, delivered: 1 })).toBeLessThan(0)
    expect(comparePositions({ atMs: 5, delivered: 9 }, { atMs: 5 })).toBeLessThan(0)
    expect(comparePositions({ atMs: 5, delivered: 2 }, { atMs: 5, delivered: 3 })).toBeLessThan(0)
    expect(comparePositions({ atMs: 5 }, { atMs: 5 })).toBe(0)
  })
})
