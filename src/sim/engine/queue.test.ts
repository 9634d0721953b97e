import { describe, expect, it } from 'vitest'
import { heapPop, heapPush, type Keyed } from './queue.ts'
import { mulberry32, seedFor } from './rng.ts'

describe('event queue', () => {
  it('pops by time, and equal times in insertion order', () => {
    const heap: (Keyed & { tag: string })[] = []
    const items = [
      { time: 5, seq: 0, tag: 'a' },
      { time: 1, seq: 1, tag: 'b' },
      { time: 5, seq: 2, tag: 'c' },
      { time: 0, seq: 3, tag: 'd' },
      { time: 5, seq: 4, tag: 'e' },
      { time: 1, seq: 5, tag: 'f' },
    ]
    for (const i of items) heapPush(heap, i)
    const out: string[] = []
    for (let e = heapPop(heap); e; e = heapPop(heap)) out.push(e.tag)
    expect(out).toEqual(['d', 'b', 'f', 'a', 'c', 'e'])
  })

  it('stays ordered under many random pushes and pops', () => {
    const heap: Keyed[] = []
    let state = 7
    let seq = 0
    for (let i = 0; i < 2000; i++) {
      const [next, v] = mulberry32(state)
      state = next
      heapPush(heap, { time: Math.floor(v * 100), seq: seq++ })
    }
    let last = { time: -1, seq: -1 }
    for (let e = heapPop(heap); e; e = heapPop(heap)) {
      expect(e.time > last.time || (e.time === last.time && e.seq > last.seq)).toBe(true)
      last = e
    }
  })
})

describe('per-actor randomness', () => {
  it('depends on the seed and the actor id, not on creation order', () => {
    expect(seedFor(42, 'kubelet:node-1')).toBe(seedFor(42, 'kubelet:node-1'))
    expect(seedFor(42, 'kubelet:node-1')).not.toBe(seedFor(42, 'kubelet:node-2'))
    expect(seedFor(42, 'kubelet:node-1')).not.toBe(seedFor(43, 'kubelet:node-1'))
  })
})
