/** Playback: changes on clicks, mirrored back from the worker's updates. */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'

/** The speeds the toolbar offers, virtual seconds per wall second (before time dilation). */
export const speeds = [0.1, 0.25, 0.5, 1, 2, 5, 10] as const

export interface PlaybackState {
  playing: boolean
  speed: number
  reducedMotion: boolean
}

export const playbackStore = createStore<PlaybackState>()(() => ({
  playing: false,
  speed: 1,
  reducedMotion: false,
}))

export function usePlaybackStore<T>(selector: (state: PlaybackState) => T): T {
  return useStore(playbackStore, selector)
}
