import { describe, expect, it } from 'vitest'
import { decodeShare, encodeShare } from '../share/codec.ts'
import type { Command, Scenario, SimPosition, Update } from '../sim/protocol.ts'
import { scenario } from '../sim/testing/test-cluster.ts'
import { createSimHost, type FrameScheduler } from './host.ts'

const web: Scenario = scenario({
  script: [
    { atMs: 0, kubectl: 'run web-1 --image=nginx:1.27 --labels=app=web --port=80' },
    { atMs: 5_000, kubectl: 'expose pod web-1 --port=80 --name=web' },
  ],
  untilMs: 40_000,
})

/** A worker host on a fake clock and frame loop. */
function host() {
  let pending: (() => void) | null = null
  const frames: FrameScheduler = { request: (fn) => (pending = fn), cancel: () => (pending = null) }
  const updates: Update[] = []
  const h = createSimHost((m) => (m.type === 'update' ? updates.push(m) : undefined), {
    clock: { now: () => 0 },
    frames,
  })
  const send = (command: Command): void => {
    h.handle(command)
    for (let i = 0; i < 5 && pending; i++) {
      const fn = pending
      pending = null
      fn()
    }
  }
  const rest = () => [...updates].reverse().find((u) => u.rest)!.rest!
  const userScript = () => [...updates].reverse().find((u) => u.userScript)!.userScript!
  return { send, rest, userScript }
}

const after = (a: SimPosition, b: SimPosition): boolean =>
  a.atMs !== b.atMs ? a.atMs > b.atMs : (a.delivered ?? Infinity) > (b.delivered ?? Infinity)

describe('a share link with traffic', () => {
  it('carries the traffic the person started, rewound, and opens on the same trace hash', () => {
    const a = host()
    a.send({ type: 'load', scenario: web })
    a.send({ type: 'seek', t: 20_000 })
    a.send({ type: 'traffic', line: 'start web --rate 50 --from node-1' })
    a.send({ type: 'seek', t: 25_000 })
    a.send({ type: 'traffic', line: 'stop' })
    a.send({ type: 'seek', t: 30_000 })
    expect(a.userScript().map((x) => ('traffic' in x ? x.traffic : ''))).toEqual([
      'start web --rate 50 --from node-1',
      'stop',
    ])
    // Rewound between start and stop: the link carries the branch up to here only.
    a.send({ type: 'seek', t: 22_000 })
    const rest = a.rest()
    const userScript = a.userScript().filter((x) => !after(x.at, rest.position))
    expect(userScript).toHaveLength(1)
    const link = encodeShare({ scenario: web, userScript, position: rest.position, view: {} })

    const decoded = decodeShare(link)
    if (!decoded.ok) throw new Error(decoded.reason)
    expect(decoded.moment.userScript).toEqual(userScript)
    const b = host()
    b.send({ type: 'replay', scenario: decoded.moment.scenario, userScript, to: rest.position })
    expect(b.rest().position).toEqual(rest.position)
    expect(b.rest().traceHash).toBe(rest.traceHash)
  })

  it('refuses a traffic action mixed with another one', () => {
    const link = encodeShare({
      scenario: web,
      userScript: [{ at: { atMs: 1 }, traffic: 'stop', kubectl: 'get pods' } as never],
      position: { atMs: 2 },
      view: {},
    })
    expect(decodeShare(link)).toMatchObject({ ok: false })
  })
})
