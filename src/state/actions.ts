/**
 * Everything the UI can ask of the simulation, as plain module functions (no store actions).
 * The one place commands are sent from, so it is the one place to log or replay them.
 */
import type { Command, Scenario } from '../sim/protocol.ts'
import { connectedClient } from './connect.ts'
import { playbackStore } from './playback-store.ts'
import { sessionStore } from './session-store.ts'
import { simStore } from './sim-store.ts'
import { uiStore } from './ui-store.ts'

function send(command: Command): void {
  connectedClient()?.send(command)
}

/** `id` names the built-in lesson, if it is one (share links and exports mention it). */
export function loadScenario(scenario: Scenario, id?: string): void {
  sessionStore.setState({ scenario, scenarioId: id ?? null })
  uiStore.setState({ selectedFlowId: null })
  simStore.setState({ error: null })
  send({ type: 'load', scenario })
  send({ type: 'speed', speed: playbackStore.getState().speed })
  send({ type: 'reduced-motion', reduced: playbackStore.getState().reducedMotion })
}

export function play(): void {
  playbackStore.setState({ playing: true })
  send({ type: 'play' })
}

export function pause(): void {
  playbackStore.setState({ playing: false })
  send({ type: 'pause' })
}

export function togglePlay(): void {
  if (playbackStore.getState().playing) pause()
  else play()
}

/** Delivers the next flow (the next visible one when heartbeats are hidden), animates it, pauses. */
export function step(): void {
  playbackStore.setState({ playing: false })
  send({ type: 'step', skipAmbient: !uiStore.getState().showAmbient })
}

export function setSpeed(speed: number): void {
  playbackStore.setState({ speed })
  send({ type: 'speed', speed })
}

export function setReducedMotion(reduced: boolean): void {
  if (playbackStore.getState().reducedMotion === reduced) return
  playbackStore.setState({ reducedMotion: reduced })
  send({ type: 'reduced-motion', reduced })
}

let requestCounter = 0

/** Types a kubectl line (with or without the leading `kubectl`); returns its request id. */
export function runKubectl(line: string, stdin?: string): string {
  const requestId = `ui:${++requestCounter}`
  const trimmed = line.trim().replace(/^kubectl\s+/, '')
  send({ type: 'kubectl', line: trimmed, requestId, ...(stdin !== undefined ? { stdin } : {}) })
  return requestId
}

/** Ctrl+C on a running kubectl line (a watch): kubectl hangs up and the prompt comes back. */
export function interruptKubectl(requestId: string): void {
  send({ type: 'kubectl-interrupt', requestId })
}

export function selectFlow(id: string | null): void {
  uiStore.setState({ selectedFlowId: id })
}

export function setShowAmbient(show: boolean): void {
  uiStore.setState({ showAmbient: show })
}
