import { describe, expect, it } from 'vitest'
import { loadScenario } from '../scenarios/index.ts'
import { createSimulation } from './index.ts'

/** Plays the pod's-creation lesson chapter by chapter, as "Next" does, to its fifth chapter. */
function playToFifth() {
  const scenario = loadScenario('lesson-pod-hops')
  const sim = createSimulation(scenario)
  for (let i = 0; i < 5; i++) expect(sim.runToNextChapter(scenario.untilMs)).toBe(i)
  return sim
}

describe('a seek rewinds the lesson', () => {
  it('seeking back to a moment shows the chapter that was current then', () => {
    const sim = playToFifth()
    const started = [...sim.chapters().startedAt]
    // Between the second and third chapter's start: the second is current.
    const t = started[2]! - 1
    sim.seek(t)
    expect(sim.chapters().index).toBe(1)
    expect(sim.chapters().startedAt).toEqual(started.slice(0, 2))
    // Next runs to the third again, and it begins where it began the first time.
    expect(sim.runToNextChapter()).toBe(2)
    expect(sim.chapters().startedAt[2]).toBe(started[2])
  })

  it('seeking to the start undoes every chapter; playing on starts them again at the same times', () => {
    const sim = playToFifth()
    const started = [...sim.chapters().startedAt]
    sim.seek(0)
    expect(sim.chapters().index).toBe(started[0] === 0 ? 0 : -1)
    for (let i = sim.chapters().index + 1; i < 5; i++) expect(sim.runToNextChapter()).toBe(i)
    expect(sim.chapters().startedAt).toEqual(started)
  })

  it('a step back past a chapter start undoes that chapter', () => {
    const sim = playToFifth()
    const index = sim.chapters().index
    // Step back until the engine stands before the fifth chapter's start.
    const fifth = sim.chapters().startedPos[index]!
    for (let i = 0; i < 500 && sim.chapters().index === index; i++) sim.stepBack()
    expect(sim.chapters().index).toBe(index - 1)
    const here = sim.position()
    expect(here.atMs < fifth.atMs || (here.atMs === fifth.atMs && here.delivered !== undefined)).toBe(true)
  })

  it('seeking forward keeps the chapters already begun', () => {
    const sim = playToFifth()
    const index = sim.chapters().index
    sim.seek(sim.now() + 1_000)
    sim.pollChapters()
    expect(sim.chapters().index).toBeGreaterThanOrEqual(index)
  })
})
