import { describe, expect, it } from 'vitest'
import { cloneSharing, comparePositions } from './checkpoints.ts'
import { cloneUnfrozen, freezeDeep, freezeLevels } from './clone.ts'

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

describe('frozen (committed) values', () => {
  it('are kept by reference by a checkpoint copy and by a restore copy, the rest is copied', () => {
    const committed = freezeLevels({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c' }] } })
    const world = { cache: { a: committed }, counter: { n: 1 } }
    const copy = cloneSharing(world, undefined)
    expect(copy.cache.a).toBe(committed)
    expect(copy.counter).not.toBe(world.counter)
    const restored = cloneUnfrozen(copy)
    expect(restored.cache.a).toBe(committed)
    expect(restored.cache).not.toBe(copy.cache)
    expect(restored).toEqual(world)
  })

  it('freezeLevels freezes an object, its fields and theirs, so a stray write throws', () => {
    const o = freezeLevels({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c' }] } })
    expect(() => {
      o.metadata.labels.app = 'x'
    }).toThrow(TypeError)
    expect(() => o.spec.containers.push({ name: 'd' })).toThrow(TypeError)
    expect(Object.isFrozen(o.spec.containers[0])).toBe(false)
  })

  it('freezeDeep freezes every level and skips parts already frozen', () => {
    const shared = Object.freeze({ x: 1 })
    const o = freezeDeep({ a: { b: [{ c: 1 }] }, shared })
    expect(Object.isFrozen(o.a.b[0])).toBe(true)
    expect(o.shared).toBe(shared)
  })
})
