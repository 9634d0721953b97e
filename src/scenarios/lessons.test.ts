import { describe, expect, it } from 'vitest'
import { createSimulation } from '../sim/index.ts'
import { loadScenario, scenarios } from './index.ts'

/** Plays a lesson with "next" only, as a learner would, and returns when each chapter began. */
function play(id: string): { started: number[]; count: number } {
  const scenario = loadScenario(id)
  const sim = createSimulation(scenario)
  for (let i = 0; i < scenario.chapters.length; i++) {
    const fired = sim.runToNextChapter(scenario.untilMs)
    expect(fired, `${id}: chapter ${scenario.chapters[i]!.id} never started`).toBe(i)
  }
  return { started: [...sim.chapters().startedAt], count: scenario.chapters.length }
}

/** Every built-in lesson: the scenarios whose id starts with `lesson-`. */
const lessonIds = scenarios.filter((s) => s.id.startsWith('lesson-')).map((s) => s.id)

describe('lessons', () => {
  it('the library holds at least eight lessons', () => {
    expect(lessonIds.length).toBeGreaterThanOrEqual(8)
  })

  for (const id of lessonIds) {
    it(`${id}: every chapter's trigger fires, in order`, () => {
      const { started, count } = play(id)
      expect(started).toHaveLength(count)
      for (let i = 1; i < started.length; i++) expect(started[i]!).toBeGreaterThanOrEqual(started[i - 1]!)
    })
  }

  it('chapters are deterministic: two plays start each chapter at the same virtual ms', () => {
    expect(play('lesson-pod-hops').started).toEqual(play('lesson-pod-hops').started)
  })
})
