import { describe, expect, it } from 'vitest'
import { defaultScenarioId, loadScenario } from '../scenarios/index.ts'
import type { Command } from '../sim/protocol.ts'
import { hostDriver } from './host-driver.ts'

const driver = hostDriver

describe('user script and replay', { timeout: 60_000 }, () => {
  it('replays typed lines, faults, steps and play to the same position and trace hash', () => {
    const scenario = loadScenario(defaultScenarioId)
    const a = driver()
    a.send({ type: 'load', scenario })
    for (let i = 0; i < 3; i++) a.send({ type: 'step', skipAmbient: true })
    a.frame(100)
    // Typed mid-step: same-time events may still be queued behind it.
    a.send({ type: 'kubectl', line: 'get pods', requestId: 'ui:1' })
    a.frame(40)
    a.send({ type: 'pause' })
    a.send({ type: 'fault', fault: { kind: 'stop-kubelet', node: 'node-2' } } as unknown as Command)
    a.send({ type: 'kubectl', line: 'run web --image=nginx:1.27', requestId: 'ui:2' })
    a.frame(120)
    a.send({ type: 'pause' })
    a.send({ type: 'step', skipAmbient: true })
    const before = a.rest()
    expect(before.userScript).toHaveLength(3)
    expect(before.position.delivered).toBeGreaterThan(0)

    const b = driver()
    b.send({
      type: 'replay',
      scenario,
      userScript: before.userScript!,
      to: before.position,
      displayMs: before.displayMs,
    })
    const after = b.rest()
    expect(after.position).toEqual(before.position)
    expect(after.displayMs).toBe(before.displayMs)
    expect(after.traceHash).toBe(before.traceHash)
    expect(after.userScript).toEqual(before.userScript)
    expect(b.updates.at(-1)!.playing).toBe(false)
  })

  it('records nothing for display commands and starts over on load', () => {
    const a = driver()
    a.send({ type: 'load', scenario: loadScenario(defaultScenarioId) })
    a.send({ type: 'speed', speed: 2 })
    a.send({ type: 'kubectl', line: 'get nodes', requestId: 'ui:1' })
    expect(a.rest().userScript).toHaveLength(1)
    a.send({ type: 'load', scenario: loadScenario(defaultScenarioId) })
    expect(a.rest().userScript).toEqual([])
  })
})
