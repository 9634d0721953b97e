/**
 * Ctrl+C on a watch is one of the person's actions: recorded where it happened, carried by a share
 * link, and replayed to the same trace (the watch.close flow included).
 */
import { describe, expect, it } from 'vitest'
import { defaultScenarioId, loadScenario } from '../scenarios/index.ts'
import { decodeShare, encodeShare } from '../share/codec.ts'
import { scenarioYaml } from '../share/export-yaml.ts'
import { hostDriver } from './host-driver.ts'

const driver = hostDriver

describe('interrupting a watch', { timeout: 60_000 }, () => {
  it('streams to the page, records the Ctrl+C, and a link replays it to the same trace', () => {
    const scenario = loadScenario(defaultScenarioId)
    const a = driver()
    a.send({ type: 'load', scenario })
    a.send({ type: 'speed', speed: 10 })
    a.send({ type: 'kubectl', line: 'get pods -w', requestId: 'ui:1' })
    a.frame(1500)
    const streamed = a.updates.flatMap((u) => u.kubectlStreams ?? []).filter((s) => s.requestId === 'ui:1')
    expect(streamed.length).toBeGreaterThan(0)
    expect(a.updates.flatMap((u) => u.kubectl).some((r) => r.requestId === 'ui:1')).toBe(false)
    a.send({ type: 'kubectl-interrupt', requestId: 'ui:1' })
    a.frame(60)
    a.send({ type: 'pause' })
    const before = a.rest()
    const answer = a.updates.flatMap((u) => u.kubectl).find((r) => r.requestId === 'ui:1')
    expect(answer?.exitCode).toBe(130)
    expect(before.userScript).toEqual([
      expect.objectContaining({ kubectl: 'get pods -w', requestId: 'ui:1' }),
      expect.objectContaining({ kubectl: '', requestId: 'ui:1', interrupt: true }),
    ])
    expect(a.updates.flatMap((u) => u.flowsStarted).some((f) => f.kind === 'watch.close')).toBe(true)

    // Through a share link and back.
    const link = decodeShare(encodeShare({ scenario, userScript: before.userScript!, position: before.position, displayMs: before.displayMs, view: { showAmbient: false, speed: 1 } }))
    expect(link.ok).toBe(true)
    const moment = (link as { moment: { userScript: typeof before.userScript } }).moment
    expect(moment.userScript).toEqual(before.userScript)

    const b = driver()
    b.send({ type: 'replay', scenario, userScript: moment.userScript!, to: before.position, displayMs: before.displayMs })
    const after = b.rest()
    expect(after.traceHash).toBe(before.traceHash)

    // A scenario file has no step for Ctrl+C: the export keeps the typed line only.
    expect(scenarioYaml(scenario, before.userScript!)).not.toContain("kubectl: ''")
  })
})
