/**
 * A lesson's "Next": plays until the next chapter's trigger fires, then pauses there. Tells the
 * page which chapter it is in, with its title and narration.
 */
import type { Simulation } from '../sim/index.ts'
import type { ChapterView, Update } from '../sim/protocol.ts'

export interface ChapterFollower {
  /** "Next": the index to stop at, or null when the lesson is over. */
  next(sim: Simulation): number | null
  /** After the engine moved: true when the chapter "Next" aims at has just started (pause now). */
  reached(sim: Simulation): boolean
  /** A new simulation, or the person took the wheel (play, seek): stop aiming. */
  cancel(): void
  attach(sim: Simulation, update: Update): void
}

export function createChapterFollower(): ChapterFollower {
  let target: number | null = null
  let sent = ''
  const view = (sim: Simulation): ChapterView => {
    const chapters = sim.scenario.chapters
    const index = sim.chapters().index
    const c = chapters[index]
    return {
      index,
      count: chapters.length,
      title: c?.title ?? '',
      narration: c?.narration ?? '',
      playingToNext: target !== null,
    }
  }
  return {
    next(sim) {
      const want = sim.pollChapters() + 1
      target = want < sim.scenario.chapters.length ? want : null
      return target
    },
    reached(sim) {
      if (sim.scenario.chapters.length === 0) return false
      const index = sim.pollChapters()
      if (target === null || index < target) return false
      target = null
      return true
    },
    cancel() {
      target = null
    },
    attach(sim, update) {
      if (sim.scenario.chapters.length === 0) return
      const v = view(sim)
      const sig = `${v.index}:${v.playingToNext}`
      if (sig === sent && !update.reset) return
      sent = sig
      update.chapter = v
    },
  }
}
