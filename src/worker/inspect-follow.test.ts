import { describe, expect, it } from 'vitest'
import { defaultScenarioId, loadScenario } from '../scenarios/index.ts'
import { hostDriver } from './host-driver.ts'

const driver = hostDriver

const key = '/registry/pods/default/nginx'

describe('the worker follows what the page inspects', () => {
  it("an object's history comes when asked, grows as it is written, and ends earlier after a seek", () => {
    const d = driver()
    d.send({ type: 'load', scenario: loadScenario(defaultScenarioId) })
    d.send({ type: 'inspect-object', key })
    // Not stored yet: the answer says so.
    expect(d.last('objectHistory')).toEqual({ key, history: null })
    d.send({ type: 'speed', speed: 10 })
    d.send({ type: 'play' })
    for (let i = 0; i < 3000 && (d.last('objectHistory')?.history?.revisions.length ?? 0) < 4; i++) d.frame()
    const full = d.last('objectHistory')!.history!.revisions
    expect(full.length).toBeGreaterThanOrEqual(4)
    expect(full[0]!.request?.from).toBe('kubectl')
    d.send({ type: 'seek', t: 10 })
    const then = d.last('objectHistory')!.history!.revisions
    expect(then.length).toBeLessThan(full.length)
    expect(then.map((r) => r.revision)).toEqual(full.slice(0, then.length).map((r) => r.revision))
    d.send({ type: 'inspect-object', key: null })
    const count = d.updates.length
    d.send({ type: 'seek', t: 5_000 })
    expect(d.updates.slice(count).some((u) => u.objectHistory !== undefined)).toBe(false)
  })

  it('a seek back sends the lesson chapter current then', () => {
    const d = driver()
    d.send({ type: 'load', scenario: loadScenario('lesson-pod-hops') })
    d.send({ type: 'speed', speed: 10 })
    for (let n = 0; n < 5; n++) {
      d.send({ type: 'next-chapter' })
      for (let i = 0; i < 3000 && d.last('chapter')!.playingToNext; i++) d.frame()
    }
    expect(d.last('chapter')!.index).toBe(4)
    d.send({ type: 'seek', t: 6 })
    // Chapters 1–3 began at 3, 4 and 5 ms; the fourth at 8 ms has not begun at 6 ms.
    expect(d.last('chapter')).toMatchObject({ index: 2, title: 'Created is only a record' })
  })
})
