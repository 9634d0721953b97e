/**
 * The timeline as the worker last described it (the branch's head, its end, the markers), and the
 * moves it offers: seek to a time, step back one flow. Seeking pauses; the mirror is reset by the
 * worker's next update.
 */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import type { TimelineInfo, Update } from '../sim/protocol.ts'
import { connectedClient } from './connect.ts'
import { playbackStore } from './playback-store.ts'
import { uiStore } from './ui-store.ts'

export interface TimelineState {
  info: TimelineInfo | null
}

export const timelineStore = createStore<TimelineState>()(() => ({ info: null }))

export function useTimelineStore<T>(selector: (state: TimelineState) => T): T {
  return useStore(timelineStore, selector)
}

/** Folds an update's `timeline` into the store (called by connect). */
export function applyTimeline(update: Update): void {
  if (update.timeline) timelineStore.setState({ info: update.timeline })
}

/** Puts the cluster as it was at virtual ms `t` (paused). */
export function seek(t: number): void {
  playbackStore.setState({ playing: false })
  connectedClient()?.send({ type: 'seek', t: Math.max(0, Math.round(t)) })
}

/** Undoes the last delivered message (the last visible one when heartbeats are hidden). */
export function stepBack(): void {
  playbackStore.setState({ playing: false })
  connectedClient()?.send({ type: 'step-back', skipAmbient: !uiStore.getState().showAmbient })
}

export const selectTimelineInfo = (s: TimelineState): TimelineInfo | null => s.info
