/**
 * Chapter triggers (DESIGN.md §4, STYLE.md §3.9), evaluated against the engine so "next chapter"
 * is deterministic and testable in Node. A chapter starts when its trigger holds for something
 * that happened since the previous chapter started: a virtual time, a delivered flow, a field of a
 * stored object, or quiet (the script done and only routine traffic left).
 */
import { comparePositions } from './engine/checkpoints.ts'
import { canonicalJson } from './engine/clone.ts'
import type { Chapter, Flow, KObject, SimPosition, Trigger } from './protocol.ts'

/** What a trigger may look at. */
export interface ChapterView {
  now: number
  flows: readonly Flow[]
  objects(): Record<string, KObject>
  idle(): boolean
  /** Where the engine stands: a seek back drops the chapters that started after it. */
  position?: SimPosition
}

export interface ChapterState {
  /** Index of the chapter started last; -1 before the first. */
  index: number
  /** Virtual ms each started chapter began at. */
  startedAt: number[]
  /** Flows before this index were delivered before the last chapter started (afterFlow skips them). */
  scanFrom: number
  /** The exact engine position each started chapter began at (a seek compares against it). */
  startedPos: SimPosition[]
  /** `scanFrom` as it was before each chapter started, to put back when that chapter is undone. */
  scanBefore: number[]
}

export const initialChapterState = (): ChapterState => ({
  index: -1,
  startedAt: [],
  scanFrom: 0,
  startedPos: [],
  scanBefore: [],
})

/**
 * After a seek or a step back: the chapters that began after `to` have not begun yet at `to`, so
 * the lesson shows the chapter that was current then (and "Next" aims at the one after it).
 * Returns how many chapters were undone.
 */
export function rewindChapters(state: ChapterState, to: SimPosition): number {
  let undone = 0
  while (state.index >= 0 && comparePositions(state.startedPos[state.index]!, to) > 0) {
    state.scanFrom = state.scanBefore[state.index]!
    state.startedPos.pop()
    state.scanBefore.pop()
    state.startedAt.pop()
    state.index--
    undone++
  }
  return undone
}

/** Reads a dotted path (`status.phase`, `status.containerStatuses.0.ready`) out of plain data. */
export function readPath(value: unknown, path: string): unknown {
  let v = value
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<string, unknown>)[part]
  }
  return v
}

function flowMatches(f: Flow, t: Extract<Trigger, { afterFlow: unknown }>['afterFlow']): boolean {
  return (
    f.outcome === 'delivered' &&
    f.kind === t.kind &&
    (t.from === undefined || f.from === t.from) &&
    (t.to === undefined || f.to === t.to) &&
    (t.label === undefined || f.label.includes(t.label))
  )
}

function holds(trigger: Trigger, view: ChapterView, state: ChapterState): boolean {
  if ('atTime' in trigger) return view.now >= trigger.atTime
  if ('quiescent' in trigger) return view.idle()
  if ('whenObject' in trigger) {
    const obj = view.objects()[trigger.whenObject.key]
    return canonicalJson(readPath(obj, trigger.whenObject.path)) === canonicalJson(trigger.whenObject.equals)
  }
  // Delivered at or after the previous chapter's start: what the learner has not seen yet.
  const since = state.startedAt[state.startedAt.length - 1] ?? 0
  for (let i = state.scanFrom; i < view.flows.length; i++) {
    const f = view.flows[i]!
    if (f.arrivesAt >= since && flowMatches(f, trigger.afterFlow)) return true
  }
  return false
}

/**
 * Starts every chapter whose trigger now holds, in order (one event may start several). Returns
 * how many started.
 */
export function advanceChapters(chapters: readonly Chapter[], view: ChapterView, state: ChapterState): number {
  let started = 0
  for (let next = chapters[state.index + 1]; next && holds(next.startsWhen, view, state); next = chapters[state.index + 1]) {
    state.index++
    state.startedAt.push(view.now)
    state.startedPos.push(view.position ?? { atMs: view.now })
    state.scanBefore.push(state.scanFrom)
    // Everything before the first flow still in flight was delivered already: skip it next time.
    let first = state.scanFrom
    while (first < view.flows.length && view.flows[first]!.outcome !== 'in-flight') first++
    state.scanFrom = first
    started++
  }
  return started
}
