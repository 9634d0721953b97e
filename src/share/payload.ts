/**
 * What a share link carries (STYLE.md §3.10): the scenario, every command typed and fault injected
 * so far, the exact position, and the view. `SharePayload` is what the app hands to the codec;
 * `ShareMoment` is what a decoded link gives back, every part validated.
 */
import type { Scenario, SimPosition, UserAction } from '../sim/protocol.ts'

export type PanelName = 'flows' | 'details' | 'console'

/** How the moment was being looked at. Cosmetic: a bad field is dropped, never fatal. */
export interface ShareView {
  selectedFlowId?: string
  showAmbient?: boolean
  /** Playback speed, 0.1–10. */
  speed?: number
  panels?: Partial<Record<PanelName, boolean>>
  /** `presenter`: large type, high contrast, panels hidden. */
  mode?: 'presenter'
}

export interface SharePayload {
  scenario: Scenario
  /** The built-in lesson it came from, if any: shown, never trusted over `scenario`. */
  scenarioId?: string
  userScript: UserAction[]
  position: SimPosition
  /** Display time at the position (within 1 ms of it), so the clock reads the same. */
  displayMs?: number
  view: ShareView
}

/** A decoded link: the same parts, the scenario re-validated by the file parser. */
export type ShareMoment = SharePayload

export type DecodeResult =
  | { ok: true; moment: ShareMoment; version: number }
  | { ok: false; reason: string }
