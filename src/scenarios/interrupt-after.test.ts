/**
 * `interruptAfter` on a kubectl step: Ctrl+C that long after the line was typed, so a scenario
 * file (and an export of a session in which someone pressed Ctrl+C) can end a `get -w`.
 */
import { describe, expect, it } from 'vitest'
import { scenarioToFile } from '../share/scenario-file.ts'
import { scenarioYaml } from '../share/export-yaml.ts'
import { createSimulation } from '../sim/index.ts'
import { parseScenario } from './parse.ts'

const file = `title: a watch ended by the script
cluster:
  nodes: [{name: node-1}]
script:
  - {at: 1s, kubectl: get pods -w, interruptAfter: 20s}
  - {at: 5s, kubectl: run web --image=nginx:1.27}
until: 40s
`

function parsed(text: string) {
  const result = parseScenario(text)
  if (!result.ok) throw new Error(result.error)
  return result.scenario
}

describe('interruptAfter', () => {
  it('parses to interruptAfterMs and writes back as a duration', () => {
    const scenario = parsed(file)
    expect(scenario.script[0]).toEqual({ atMs: 1_000, kubectl: 'get pods -w', interruptAfterMs: 20_000 })
    expect((scenarioToFile(scenario).script as unknown[])[0]).toEqual({ at: '1s', kubectl: 'get pods -w', interruptAfter: '20s' })
  })

  it('goes with a kubectl line only', () => {
    const result = parseScenario(file.replace('kubectl: run web --image=nginx:1.27', 'traffic: stop, interruptAfter: 2s'))
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error).toContain('interruptAfter goes with a kubectl line only')
  })

  it('ends the watch then: exit 130, a watch.close flow, the rows streamed before it', () => {
    const sim = createSimulation(parsed(file))
    sim.runUntil(40_000)
    const watch = sim.kubectlResults().find((r) => r.line === 'get pods -w')!
    expect(watch.exitCode).toBe(130)
    expect(watch.doneAtMs).toBeGreaterThanOrEqual(21_000)
    expect(watch.stdout).toMatch(/^web\s+1\/1\s+Running/m)
    const close = sim.flows().filter((f) => f.kind === 'watch.close')
    expect(close).toHaveLength(1)
    expect(close[0]!.sentAt).toBe(21_000)
  })

  it('is how an export keeps a Ctrl+C typed in the app', () => {
    const scenario = parsed(file.replace('get pods -w, interruptAfter: 20s', 'get nodes'))
    const text = scenarioYaml(scenario, [
      { at: { atMs: 2_000 }, kubectl: 'get pods -w', requestId: 'ui:7' },
      { at: { atMs: 9_500 }, kubectl: '', requestId: 'ui:7', interrupt: true },
    ])
    const back = parsed(text)
    expect(back.script).toContainEqual({ atMs: 2_000, kubectl: 'get pods -w', interruptAfterMs: 7_500 })
    expect(back.script.some((s) => 'kubectl' in s && s.kubectl === '')).toBe(false)
  })
})
