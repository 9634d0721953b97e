import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { defaultScenarioId, loadScenario, parseScenario, scenarios } from './index.ts'

describe('the scenario registry', () => {
  it.each(scenarios.map((s) => [s.id, s] as const))(
    'parses %s, and its title matches the file',
    (_id, entry) => {
      const parsed = parseScenario(entry.source)
      if (!parsed.ok) throw new Error(parsed.error)
      expect(parsed.scenario.title).toBe(entry.title)
    },
  )

  it('has unique ids and contains the default', () => {
    const ids = scenarios.map((s) => s.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toContain(defaultScenarioId)
  })

  it('loads a scenario by id and throws only for an unknown id', () => {
    expect(loadScenario('pod-creation').seed).toBe(42)
    expect(() => loadScenario('no-such-scenario')).toThrow(/no scenario "no-such-scenario"/)
  })

  it('keeps examples/pod-creation.yaml identical to the built-in default', () => {
    const example = readFileSync(
      new URL('../../examples/pod-creation.yaml', import.meta.url),
      'utf8',
    )
    expect(example).toBe(scenarios.find((s) => s.id === 'pod-creation')!.source)
  })
})

describe('pod-creation', () => {
  const scenario = loadScenario('pod-creation')

  it('is three 4-cpu 8Gi nodes behind one apiserver and one etcd member', () => {
    expect(scenario.cluster.controlPlane).toEqual({ apiservers: 1, etcd: 1 })
    expect(scenario.cluster.nodes.map((n) => [n.name, n.cpu, n.memory])).toEqual([
      ['node-1', '4', '8Gi'],
      ['node-2', '4', '8Gi'],
      ['node-3', '4', '8Gi'],
    ])
    expect(scenario.cluster.addons).toEqual([])
  })

  it('runs nginx first and inspects it before the run ends', () => {
    expect(scenario.script[0]).toEqual({ atMs: 0, kubectl: 'run nginx --image=nginx:1.27' })
    const last = Math.max(...scenario.script.map((s) => s.atMs))
    expect(last).toBeLessThan(scenario.untilMs)
  })
})
