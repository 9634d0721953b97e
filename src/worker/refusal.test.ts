import { describe, expect, it } from 'vitest'
import { defaultScenarioId, loadScenario } from '../scenarios/index.ts'
import type { WorkerMessage } from '../sim/protocol.ts'
import { createSimHost, type FrameScheduler } from './host.ts'

describe('a scenario the engine cannot run', () => {
  it('is refused by name and the running simulation is kept', () => {
    const messages: WorkerMessage[] = []
    let pending: (() => void) | null = null
    const frames: FrameScheduler = { request: (fn) => (pending = fn), cancel: () => (pending = null) }
    const host = createSimHost((m) => messages.push(m), { clock: { now: () => 0 }, frames })
    const flush = (): void => {
      const fn = pending
      pending = null
      fn?.()
    }
    const scenario = loadScenario(defaultScenarioId)
    host.handle({ type: 'load', scenario })
    flush()
    const before = messages.length
    const threeMembers = {
      ...scenario,
      cluster: { ...scenario.cluster, controlPlane: { ...scenario.cluster.controlPlane, etcd: 3 } },
    }
    host.handle({ type: 'load', scenario: threeMembers })
    flush()
    const after = messages.slice(before)
    expect(after).toContainEqual({
      type: 'error',
      message:
        'This scenario cannot run here: cluster.controlPlane.etcd: 3 etcd members are not simulated yet (only 1)',
    })
    // No reset: the page keeps the cluster it shows.
    expect(after.some((m) => m.type === 'update' && m.reset)).toBe(false)
  })
})
