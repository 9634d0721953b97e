import { describe, expect, it } from 'vitest'
import { loadScenario } from '../scenarios/index.ts'
import { createSimulation } from '../sim/index.ts'
import { createTimelineTracker } from './timeline-track.ts'

describe('timeline marks for chapters', () => {
  it('marks each chapter where it began, keeps the marks after a seek back, forgets them after a fork', () => {
    const scenario = loadScenario('lesson-pod-hops')
    const sim = createSimulation(scenario)
    const track = createTimelineTracker()
    track.reset(sim)
    for (let i = 0; i < 5; i++) sim.runToNextChapter()
    track.observe(sim, [])
    const marks = () => track.take(sim, true)!.markers.filter((m) => m.kind === 'chapter')
    const started = sim.chapters().startedAt
    expect(marks().map((m) => m.label)).toEqual(scenario.chapters.slice(0, 5).map((c) => c.title))
    expect(marks().map((m) => m.atMs)).toEqual(started)
    sim.seek(started[2]! - 1)
    track.observe(sim, [])
    expect(marks()).toHaveLength(5)
    sim.kubectl('get pods')
    track.fork(sim)
    expect(marks().map((m) => m.atMs)).toEqual(started.slice(0, 2))
  })
})
