import { describe, expect, it } from 'vitest'
import { defaultScenarioId, loadScenario } from '../scenarios/index.ts'
import type { Command, Update } from '../sim/protocol.ts'
import { createSimHost, type FrameScheduler } from './host.ts'

/** A host with a fake wall clock and frames run by hand. */
function driver() {
  let wall = 0
  let pending: (() => void) | null = null
  const frames: FrameScheduler = { request: (fn) => (pending = fn), cancel: () => (pending = null) }
  const updates: Update[] = []
  const errors: string[] = []
  const host = createSimHost(
    (m) => {
      if (m.type === 'update') updates.push(m)
      else if (m.type === 'error') errors.push(m.message)
    },
    { clock: { now: () => wall }, frames },
  )
  const frame = (n = 1): void => {
    for (let i = 0; i < n && pending; i++) {
      wall += 16
      const fn = pending
      pending = null
      fn()
    }
  }
  const send = (command: Command): void => {
    host.handle(command)
    frame()
  }
  /** Runs frames until the host rests (paused, glide over) and returns the resting update. */
  const rest = (): NonNullable<Update['rest']> & { userScript: Update['userScript'] } => {
    frame(2000)
    const last = [...updates].reverse().find((u) => u.rest)!
    const script = [...updates].reverse().find((u) => u.userScript)?.userScript
    return { ...last.rest!, userScript: script }
  }
  return { send, frame, rest, updates, errors }
}

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
