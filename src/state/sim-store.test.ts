import { describe, expect, it } from 'vitest'
import type { Flow, Update } from '../sim/protocol.ts'
import { initialSimState, keepRecentFlows, recentFlowLimit, reduceUpdate } from './sim-store.ts'
import { createDisplayClock, hopProgress, interpolateVirtual } from './time.ts'

const flow = (n: number, sentAt: number, arrivesAt: number): Flow => ({
  id: `flow:${n}`,
  from: 'kubectl',
  to: 'kube-apiserver:0',
  kind: 'apiserver.create',
  label: 'POST /api/v1/namespaces/default/pods',
  sentAt,
  arrivesAt,
  causeId: null,
  outcome: 'in-flight',
  ambient: false,
})

const update = (over: Partial<Update>): Update => ({
  type: 'update',
  reset: false,
  scenarioTitle: 'test',
  anchor: { virtualAt: 0, wallAt: 0, rate: 0, maxVirtual: 0 },
  playing: false,
  speed: 1,
  flowsStarted: [],
  flowsSettled: [],
  objects: [],
  kubectl: [],
  deliveredCount: 0,
  idle: false,
  ...over,
})

describe('reduceUpdate', () => {
  it('mirrors flows, settles them, and drops arrived ones from the live set', () => {
    let s = reduceUpdate(
      initialSimState,
      update({ reset: true, flowsStarted: [flow(1, 0, 2)] }),
      100,
    )
    expect(s.epoch).toBe(1)
    expect(s.live.map((f) => f.id)).toEqual(['flow:1'])
    expect(s.anchor.wallAt).toBe(100)
    s = reduceUpdate(
      s,
      update({
        anchor: { virtualAt: 3, wallAt: 5, rate: 0, maxVirtual: 3 },
        flowsSettled: [
          {
            id: 'flow:1',
            outcome: 'delivered',
            stages: [{ name: 'authentication', outcome: 'ok', detail: '' }],
          },
        ],
      }),
      200,
    )
    expect(s.flows[0]!.outcome).toBe('delivered')
    expect(s.flows[0]!.stages).toHaveLength(1)
    expect(s.live).toEqual([])
  })

  it('keeps the recent requests when heartbeats outnumber them (an etcd cluster at speed)', () => {
    const request = flow(1, 0, 2)
    const heartbeats = Array.from({ length: 2 * recentFlowLimit }, (_, i) => ({ ...flow(i + 2, 1, 2), ambient: true }))
    const s = reduceUpdate(initialSimState, update({ reset: true, flowsStarted: [request, ...heartbeats] }), 0)
    // The one request stays, with the newest heartbeats up to the limit, oldest first.
    expect(s.flows[0]).toBe(request)
    expect(s.flows).toHaveLength(recentFlowLimit + 1)
    expect(s.flows.at(-1)!.id).toBe(`flow:${2 * recentFlowLimit + 1}`)
  })

  it('keeps the newest flows of each sort in their order', () => {
    const flows = [1, 2, 3, 4, 5, 6].map((n) => ({ ...flow(n, n, n + 1), ambient: n % 2 === 0 }))
    expect(keepRecentFlows(flows, 2).map((f) => f.id)).toEqual(['flow:3', 'flow:4', 'flow:5', 'flow:6'])
    expect(keepRecentFlows(flows, 6)).toBe(flows)
  })

  it('applies object changes and deletions', () => {
    const obj = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx' } }
    let s = reduceUpdate(
      initialSimState,
      update({ objects: [{ key: 'k', object: obj, revision: 2 }] }),
      0,
    )
    expect(s.objects['k']).toEqual(obj)
    s = reduceUpdate(s, update({ objects: [{ key: 'k', object: null, revision: 3 }] }), 0)
    expect(s.objects['k']).toBeUndefined()
  })
})

describe('display time', () => {
  it('interpolates from the anchor and clamps to maxVirtual', () => {
    const anchor = { virtualAt: 10, wallAt: 1000, rate: 0.5, maxVirtual: 12 }
    expect(interpolateVirtual(anchor, 1002)).toBe(11)
    expect(interpolateVirtual(anchor, 2000)).toBe(12)
  })

  it('never goes backwards within one simulation', () => {
    const clock = createDisplayClock()
    expect(clock({ virtualAt: 10, wallAt: 0, rate: 1, maxVirtual: 20 }, 1, 5)).toBe(15)
    expect(clock({ virtualAt: 12, wallAt: 5, rate: 0, maxVirtual: 12 }, 1, 6)).toBe(15)
    expect(clock({ virtualAt: 0, wallAt: 5, rate: 0, maxVirtual: 0 }, 2, 6)).toBe(0)
  })

  it('measures hop progress from sentAt to arrivesAt', () => {
    expect(hopProgress(10, 20, 5)).toBe(0)
    expect(hopProgress(10, 20, 15)).toBe(0.5)
    expect(hopProgress(10, 20, 25)).toBe(1)
  })
})
