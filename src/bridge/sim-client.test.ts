import { afterEach, describe, expect, it } from 'vitest'
import { defaultScenarioId, loadScenario } from '../scenarios/index.ts'
import type { Update } from '../sim/protocol.ts'
import { serveSimulation, type FrameScheduler, type SimHost } from '../worker/host.ts'
import type { Endpoint } from './endpoint.ts'
import { createSimClient, type SimClient } from './sim-client.ts'

/** The worker's host and the page's client over an in-process MessageChannel, with a fake clock. */
function harness() {
  let wall = 0
  let pending: (() => void) | null = null
  const frames: FrameScheduler = {
    request: (fn) => (pending = fn),
    cancel: () => (pending = null),
  }
  const channel = new MessageChannel()
  const host = serveSimulation(channel.port1 as unknown as Endpoint, {
    clock: { now: () => wall },
    frames,
  })
  const client = createSimClient(channel.port2 as unknown as Endpoint)
  const updates: Update[] = []
  client.onUpdate((u) => updates.push(u))
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0))
  /**
   * Lets messages cross and runs frames of 16 fake wall ms until `done()` holds. Messages over a
   * MessageChannel take a macrotask or more to cross, so it never assumes one tick is enough.
   */
  const until = async (done: () => boolean, maxFrames = 5000) => {
    for (let i = 0; i < maxFrames; i++) {
      await settle()
      if (done()) return
      wall += 16
      const fn = pending
      pending = null
      fn?.()
    }
    throw new Error('condition never held')
  }
  const close = () => {
    host.dispose()
    client.dispose()
    channel.port1.close()
    channel.port2.close()
  }
  return { host, client, updates, until, close }
}

describe('sim client and worker host', () => {
  let h: ReturnType<typeof harness> & { host: SimHost; client: SimClient }
  afterEach(() => h.close())

  it('loads a scenario and answers with a reset carrying every component', async () => {
    h = harness()
    h.client.send({ type: 'load', scenario: loadScenario(defaultScenarioId) })
    await h.until(() => h.updates.length > 0)
    const first = h.updates[0]!
    expect(first.reset).toBe(true)
    expect(first.playing).toBe(false)
    expect(first.actors!.map((a) => a.id)).toEqual(
      expect.arrayContaining([
        'kubectl',
        'kube-apiserver:0',
        'etcd:0',
        'kubelet:node-1',
        'image-registry',
      ]),
    )
    expect(first.pods).toEqual([])
  })

  it('steps one delivered flow at a time and glides the clock to its arrival', async () => {
    h = harness()
    h.client.send({ type: 'load', scenario: loadScenario(defaultScenarioId) })
    await h.until(() => h.updates.length > 0)
    h.client.send({ type: 'step' })
    await h.until(() => h.updates.at(-1)!.deliveredCount === 1)
    const post = h.updates
      .flatMap((u) => u.flowsStarted)
      .find((f) => f.kind === 'apiserver.create')!
    expect(post.label).toMatch(/^POST \/api\/v1\/namespaces\/default\/pods/)
    // The display glides to the flow's arrival (≈700 wall ms), then stays paused there.
    await h.until(() => h.updates.at(-1)!.anchor.rate === 0)
    const last = h.updates.at(-1)!
    expect(last.anchor.virtualAt).toBe(post.arrivesAt)
    expect(last.deliveredCount).toBe(1)
    expect(h.updates.some((u) => u.anchor.rate > 0)).toBe(true)
  })

  it('plays with time dilation until the pod runs, then answers a typed kubectl line', async () => {
    h = harness()
    h.client.send({ type: 'load', scenario: loadScenario(defaultScenarioId) })
    h.client.send({ type: 'speed', speed: 10 })
    h.client.send({ type: 'play' })
    const running = () =>
      h.updates.some((u) => u.pods?.some((p) => p.name === 'nginx' && p.status === 'Running'))
    await h.until(running)
    // A 1–5 ms hop is slowed to hundreds of wall ms: the rate drops far below the speed.
    expect(Math.min(...h.updates.filter((u) => u.playing).map((u) => u.anchor.rate))).toBeLessThan(
      0.2,
    )
    expect(h.updates.flatMap((u) => u.kubectl).map((r) => r.stdout)).toContain(
      'pod/nginx created\n',
    )

    h.client.send({ type: 'kubectl', line: 'get pods', requestId: 'ui:1' })
    const answer = () => h.updates.flatMap((u) => u.kubectl).find((r) => r.requestId === 'ui:1')
    await h.until(() => answer() !== undefined)
    expect(answer()!.stdout).toMatch(/^NAME\s+READY\s+STATUS/)
    expect(answer()!.stdout).toMatch(/nginx\s+1\/1\s+Running/)
  })

  it('with skipAmbient, a step ends on a flow that is not routine traffic', async () => {
    h = harness()
    h.client.send({ type: 'load', scenario: loadScenario(defaultScenarioId) })
    await h.until(() => h.updates.length > 0)
    for (let n = 0; n < 8; n++) {
      const before = h.updates.length
      h.client.send({ type: 'step', skipAmbient: true })
      await h.until(() => h.updates.length > before && h.updates.at(-1)!.anchor.rate === 0)
    }
    const started = h.updates.flatMap((u) => u.flowsStarted)
    const at = h.updates.at(-1)!.anchor.virtualAt
    const landed = started.filter((f) => f.arrivesAt === at)
    expect(landed.some((f) => !f.ambient)).toBe(true)
  })
})
