import { describe, expect, it } from 'vitest'
import type { Flow } from '../sim/protocol.ts'
import { createPacer, dataHopWallMs, dilatedRate, hopWallMs } from './pacer.ts'

const flow = (sentAt: number, arrivesAt: number, ambient = false, kind: Flow['kind'] = 'apiserver.create'): Flow => ({
  id: `flow:${sentAt}`,
  from: 'a',
  to: 'b',
  kind,
  label: 'x',
  sentAt,
  arrivesAt,
  causeId: null,
  outcome: 'in-flight',
  ambient,
})

describe('dilatedRate', () => {
  it('runs at plain speed when nothing but heartbeats is in flight', () => {
    expect(dilatedRate(2, [])).toBe(2)
    expect(dilatedRate(2, [flow(0, 2, true)])).toBe(2)
  })

  it('slows a 2 ms hop to take hopWallMs of wall time at 1×', () => {
    expect(dilatedRate(1, [flow(0, 2)])).toBeCloseTo(2 / hopWallMs)
    expect(dilatedRate(10, [flow(0, 2), flow(0, 7000)])).toBeCloseTo((10 * 2) / hopWallMs)
  })
})

describe('dilatedRate with traffic', () => {
  it('slows for a request hop only to dataHopWallMs, however many requests are in flight', () => {
    const requests = Array.from({ length: 300 }, (_, i) => flow(i, i + 1, false, i % 2 ? 'traffic.request' : 'dns.answer'))
    expect(dilatedRate(10, requests)).toBeCloseTo(10 / dataHopWallMs)
    // A control-plane message in flight still sets the pace.
    expect(dilatedRate(10, [...requests, flow(0, 2)])).toBeCloseTo((10 * 2) / hopWallMs)
  })
})

describe('createPacer', () => {
  const fakeClock = () => {
    let t = 1000
    return { now: () => t, advance: (ms: number) => (t += ms) }
  }

  it('does not move while paused', () => {
    const clock = fakeClock()
    const pacer = createPacer(clock)
    clock.advance(50)
    pacer.tick(
      () => 1,
      () => undefined,
      () => {},
    )
    expect(pacer.virtual()).toBe(0)
  })

  it('stops at each event so a new hop can slow time down', () => {
    const clock = fakeClock()
    const pacer = createPacer(clock)
    const seen: number[] = []
    let rate = 1
    pacer.play()
    clock.advance(16)
    pacer.tick(
      () => rate,
      () => (pacer.virtual() < 5 ? 5 : undefined),
      (v) => {
        seen.push(v)
        if (v >= 5) rate = 0.01
      },
    )
    expect(seen).toContain(5)
    // 5 ms at rate 1, then 11 wall ms at 0.01.
    expect(pacer.virtual()).toBeCloseTo(5 + 11 * 0.01)
    expect(pacer.rate()).toBe(0.01)
  })

  it('glides to a target and stays paused there', () => {
    const clock = fakeClock()
    const pacer = createPacer(clock)
    pacer.glideTo(10, 100)
    clock.advance(50)
    pacer.tick(
      () => 1,
      () => undefined,
      () => {},
    )
    expect(pacer.virtual()).toBeCloseTo(5)
    clock.advance(80)
    pacer.tick(
      () => 1,
      () => undefined,
      () => {},
    )
    expect(pacer.virtual()).toBe(10)
    expect(pacer.gliding()).toBe(false)
    expect(pacer.playing()).toBe(false)
  })
})
