/** The lesson's current chapter, as the worker last sent it, and its "Next". */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import type { ChapterView, Update } from '../sim/protocol.ts'
import { connectedClient } from './connect.ts'
import { playbackStore } from './playback-store.ts'

export interface LessonState {
  chapter: ChapterView | null
}

export const lessonStore = createStore<LessonState>()(() => ({ chapter: null }))

export function useLessonStore<T>(selector: (state: LessonState) => T): T {
  return useStore(lessonStore, selector)
}

/** Folds an update's `chapter` into the store (called by connect); a scenario without chapters clears it. */
export function applyLesson(update: Update): void {
  if (update.chapter) lessonStore.setState({ chapter: update.chapter })
  else if (update.reset && update.chapter === undefined) lessonStore.setState({ chapter: null })
}

/** Plays until the next chapter starts, then pauses there. */
export function nextChapter(): void {
  playbackStore.setState({ playing: true })
  connectedClient()?.send({ type: 'next-chapter' })
}
