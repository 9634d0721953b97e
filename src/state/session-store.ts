/**
 * The session a share link or an export is made from: which scenario the worker runs, what the
 * person typed or broke since the load, and — while the simulation rests — its exact position
 * and trace hash. Also the workshop modes (presenter, embed) and a damaged link's reason.
 */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import type { Scenario, SimPosition, Update, UserAction } from '../sim/protocol.ts'

export interface Rest {
  position: SimPosition
  displayMs: number
  traceHash: string
  commands: number
}

export interface SessionState {
  scenario: Scenario | null
  /** The built-in lesson's id when the scenario is one. */
  scenarioId: string | null
  userScript: UserAction[]
  /** Null while time moves (playing, gliding). */
  rest: Rest | null
  /** Large type, high contrast, panels hidden; a clicker steps. */
  presenter: boolean
  /** `?embed=1`: the graph and minimal controls, for an iframe. */
  embed: boolean
  /** Why the link in the address could not be opened; null when there is none. */
  linkError: string | null
  /** Why a dropped or chosen file could not be imported. */
  importError: string | null
}

export const sessionStore = createStore<SessionState>()(() => ({
  scenario: null,
  scenarioId: null,
  userScript: [],
  rest: null,
  presenter: false,
  embed: false,
  linkError: null,
  importError: null,
}))

export function useSessionStore<T>(selector: (state: SessionState) => T): T {
  return useStore(sessionStore, selector)
}

/**
 * Folds the session parts of a worker update in (called from connect.ts). `sent` is how many
 * commands the page has sent: a rest from before the worker handled the last one is stale.
 */
export function applySessionUpdate(update: Update, sent: number): void {
  const prev = sessionStore.getState()
  const userScript = update.userScript ?? (update.reset ? [] : prev.userScript)
  const rest = update.rest && update.rest.commands >= sent ? update.rest : null
  if (userScript !== prev.userScript || !sameRest(rest, prev.rest)) {
    sessionStore.setState({ userScript, rest })
  }
}

function sameRest(a: Rest | null, b: Rest | null): boolean {
  if (a === null || b === null) return a === b
  return (
    a.traceHash === b.traceHash &&
    a.displayMs === b.displayMs &&
    a.position.atMs === b.position.atMs &&
    a.position.delivered === b.position.delivered
  )
}
