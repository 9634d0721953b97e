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
  /** Lets messages cross, then runs `n` frames of 16 wall ms each. */
  const frame = async (n = 1) => {
    await settle()
    for (let i = 0; i < n; i++) {
      wall += 16
      const fn = pending
      pending = null
      fn?.()
    }
    await settle()
  }
  const close = () => {
    host.dispose()
    client.dispose()
    channel.port1.close()
    channel.port2.close()
  }
  return { host, client, updates, frame, close }
}

describe('sim client and worker host', () => {
  let h: ReturnType<typeof harness> & { host: SimHost; client: SimClient }
  afterEach(() => h.close())

  it('loads a scenario and answers with a reset carrying every component', async () => {
    h = harness()
    h.client.send({ type: 'load', scenario: loadScenario(defaultScenarioId) })
    await h.frame()
    const first = h.updates[0]!
    expect(first.reset).toBe(true)
    expect(first.playing).toBe(false)
    expect(first.actors!.map((a) => a.id)).toEqual(
      expect.arrayContaining(['kubectl', 'kube-apiserver:0', 'etcd:0', 'kubelet:node-1', 'image-registry']),
    )
    expect(first.pods).toEqual([])
  })

  it('steps one delivered flow at a time and glides the clock to its arrival', async () => {
    h = harness()
    h.client.send({ type: 'load', scenario: loadScenario(defaultScenarioId) })
    await h.frame()
    h.client.send({ type: 'step' })
    await h.frame()
    const after = h.updates.at(-1)!
    expect(after.deliveredCount).toBe(1)
    const post = h.updates.flatMap((u) => u.flowsStarted).find((f) => f.kind === 'apiserver.create')!
    expect(post.label).toMatch(/^POST \/api\/v1\/namespaces\/default\/pods/)
    await h.frame(60)
    const last = h.updates.at(-1)!
    expect(last.anchor.virtualAt).toBe(post.arrivesAt)
    expect(last.anchor.rate).toBe(0)
    expect(last.deliveredCount).toBe(1)
  })

  it('plays with time dilation until the pod runs, then answers a typed kubectl line', async () => {
    h = harness()
    h.client.send({ type: 'load', scenario: loadScenario(defaultScenarioId) })
    h.client.send({ type: 'speed', speed: 10 })
    h.client.send({ type: 'play' })
    await h.frame()
    const running = () => h.updates.some((u) => u.pods?.some((p) => p.name === 'nginx' && p.status === 'Running'))
    for (let i = 0; i < 400 && !running(); i++) await h.frame(10)
    expect(running()).toBe(true)
    // A 1–5 ms hop is slowed to hundreds of wall ms: the rate drops far below the speed.
    expect(Math.min(...h.updates.filter((u) => u.playing).map((u) => u.anchor.rate))).toBeLessThan(0.2)
    expect(h.updates.flatMap((u) => u.kubectl).map((r) => r.stdout)).toContain('pod/nginx created\n')

    h.client.send({ type: 'kubectl', line: 'get pods', requestId: 'ui:1' })
    const answer = () => h.updates.flatMap((u) => u.kubectl).find((r) => r.requestId === 'ui:1')
    for (let i = 0; i < 200 && !answer(); i++) await h.frame(10)
    expect(answer()!.stdout).toMatch(/^NAME\s+READY\s+STATUS/)
    expect(answer()!.stdout).toMatch(/nginx\s+1\/1\s+Running/)
  })
})
