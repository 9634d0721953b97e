import { describe, expect, it } from 'vitest'
import { defaultScenarioId, loadScenario } from '../scenarios/index.ts'
import { hostDriver } from './host-driver.ts'

function driver() {
  const d = hostDriver()
  const { updates } = d
  const nginx = (): string | undefined =>
    [...updates].reverse().find((u) => u.pods)?.pods?.find((p) => p.name === 'nginx')?.status
  /** Loads the default scenario and plays it at 10× until nginx runs. */
  const playUntilRunning = (): void => {
    d.send({ type: 'load', scenario: loadScenario(defaultScenarioId) })
    d.send({ type: 'speed', speed: 10 })
    d.send({ type: 'play' })
    for (let i = 0; i < 3000 && nginx() !== 'Running'; i++) d.frame()
  }
  return { ...d, nginx, playUntilRunning }
}

describe('seek and step back in the worker', () => {
  it('a seek resets the mirror to the cluster as it was, paused, with the timeline', () => {
    const d = driver()
    d.playUntilRunning()
    expect(d.nginx()).toBe('Running')
    d.send({ type: 'seek', t: 2 })
    const reset = [...d.updates].reverse().find((u) => u.reset)!
    expect(reset.playing).toBe(false)
    expect(reset.anchor.virtualAt).toBe(2)
    expect(reset.timeline!.headMs).toBeGreaterThan(1_000)
    expect(reset.timeline!.markers.map((m) => m.label)).toContain(
      'kubectl run nginx --image=nginx:1.27',
    )
    // At 2 ms the pod is not even stored yet; the create request is in flight.
    expect(reset.pods).toEqual([])
    expect(reset.flowsStarted.some((f) => f.outcome === 'in-flight')).toBe(true)
  })

  it('the page gets every stage with its text, before and after a seek (some are written on read)', () => {
    const d = driver()
    d.playUntilRunning()
    d.send({ type: 'seek', t: 1_500 })
    d.send({ type: 'play' })
    d.frame(200)
    const stages = d.updates.flatMap((u) => [...u.flowsStarted, ...u.flowsSettled].flatMap((f) => f.stages ?? []))
    expect(stages.filter((s) => typeof s.detail !== 'string')).toEqual([])
    const texts = stages.map((s) => s.detail)
    expect(texts).toContainEqual(expect.stringMatching(/^committed at revision \d+$/))
    expect(texts).toContainEqual(expect.stringMatching(/^GuaranteedUpdate \/registry\/pods\/default\/nginx: Txn If\(mod_revision == \d+\) Then Put$/))
  })

  it('step back puts the last visible flow back in flight', () => {
    const d = driver()
    d.send({ type: 'load', scenario: loadScenario(defaultScenarioId) })
    for (let i = 0; i < 4; i++) {
      d.send({ type: 'step', skipAmbient: true })
      d.frame(100)
    }
    const last = d.updates.at(-1)!
    const delivered = last.deliveredCount
    d.send({ type: 'step-back', skipAmbient: true })
    const reset = d.updates.at(-1)!
    expect(reset.reset).toBe(true)
    expect(reset.deliveredCount).toBeLessThan(delivered)
    expect(reset.flowsStarted.filter((f) => f.outcome === 'in-flight' && !f.ambient)).not.toEqual(
      [],
    )
  })

  it('a command typed while rewound forks: later actions are gone from the user script', () => {
    const d = driver()
    d.send({ type: 'load', scenario: loadScenario(defaultScenarioId) })
    d.send({ type: 'speed', speed: 10 })
    d.send({ type: 'play' })
    for (let i = 0; i < 3000 && d.updates.at(-1)!.anchor.virtualAt < 500; i++) d.frame()
    d.send({ type: 'kubectl', line: 'get pods', requestId: 'ui:1' })
    d.frame(200)
    d.send({ type: 'seek', t: 100 })
    d.send({ type: 'kubectl', line: 'get nodes', requestId: 'ui:2' })
    d.frame(5)
    const script = [...d.updates].reverse().find((u) => u.userScript)!.userScript!
    expect(script.map((a) => ('kubectl' in a ? a.kubectl : ''))).toEqual(['get nodes'])
    const timeline = [...d.updates].reverse().find((u) => u.timeline)!.timeline!
    expect(timeline.headMs).toBeLessThan(200)
    expect(timeline.markers.filter((m) => m.kind === 'action').map((m) => m.label)).toEqual([
      'kubectl get nodes',
    ])
  })
})
