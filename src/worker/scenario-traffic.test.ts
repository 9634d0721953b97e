import { describe, expect, it } from 'vitest'
import { parseScenario } from '../scenarios/parse.ts'
import type { Scenario, TrafficView } from '../sim/protocol.ts'
import { hostDriver } from './host-driver.ts'

const yaml = `title: traffic from the script
seed: 3
cluster:
  nodes:
    - {name: node-1}
    - {name: node-2}
script:
  - {at: 0s, kubectl: "create deployment web --image=nginx:1.27 --replicas=2 --port=80"}
  - {at: 3s, kubectl: "expose deployment web --port=80"}
  - {at: 20s, traffic: "start web --rate 200 --from node-1"}
  - {at: 22s, traffic: stop}
until: 40s
`

function driver() {
  const d = hostDriver()
  const { updates } = d
  /** The page's mirror of the counters, folded as network-store.ts folds them. */
  const traffic = (): TrafficView | undefined => {
    let view: TrafficView | undefined
    for (const u of updates) {
      if (u.reset && !u.traffic) view = undefined
      if (u.traffic) view = u.traffic
    }
    return view
  }
  return { ...d, traffic }
}

function parsed(): Scenario {
  const result = parseScenario(yaml)
  if (!result.ok) throw new Error(JSON.stringify(result))
  return result.scenario
}

describe('a traffic step in a scenario file', () => {
  it('starts the traffic source in the worker, seen by the page after a seek and while playing', () => {
    const d = driver()
    d.send({ type: 'load', scenario: parsed() })
    d.send({ type: 'seek', t: 21_000 })
    const seen = d.traffic()
    expect(seen).toMatchObject({ running: true, service: 'default/web', from: 'node-1' })
    expect(seen!.sent).toBeGreaterThan(150)
    d.send({ type: 'play' })
    d.frame(200)
    expect(d.traffic()!.sent).toBeGreaterThan(seen!.sent)
  })

  it('keeps the counters on the page across seeks once the traffic has stopped', () => {
    const d = driver()
    d.send({ type: 'load', scenario: parsed() })
    d.send({ type: 'seek', t: 25_000 })
    const stopped = d.traffic()
    expect(stopped).toMatchObject({ running: false })
    expect(stopped!.sent).toBeGreaterThan(350)
    // Counters unchanged since the last update: the reset must still carry them.
    d.send({ type: 'seek', t: 30_000 })
    expect(d.traffic()).toEqual(stopped)
    d.send({ type: 'seek', t: 30_000 })
    expect(d.traffic()).toEqual(stopped)
  })

  it('shows the same counters after the same file is imported again', () => {
    const d = driver()
    d.send({ type: 'load', scenario: parsed() })
    d.send({ type: 'seek', t: 25_000 })
    const first = d.traffic()
    d.send({ type: 'load', scenario: parsed() })
    d.send({ type: 'seek', t: 25_000 })
    expect(d.traffic()).toEqual(first)
  })

  it('shows the counters when a share link to the same moment opens twice', () => {
    const d = driver()
    const open = (): void =>
      d.send({ type: 'replay', scenario: parsed(), userScript: [], to: { atMs: 25_000 } })
    open()
    const first = d.traffic()
    expect(first!.sent).toBeGreaterThan(350)
    open()
    expect(d.traffic()).toEqual(first)
  })
})
