/**
 * Share links, workshop modes and scenario files, as module functions (no store actions): make a
 * link from the resting simulation, open a link (replayed by the worker to the same position and
 * trace hash), step back in presenter mode, import a scenario file.
 */
import { decodeShare, encodeShare } from '../share/codec.ts'
import type { ShareMoment, ShareView } from '../share/payload.ts'
import { parseScenario } from '../scenarios/parse.ts'
import type { SimPosition, UserAction } from '../sim/protocol.ts'
import { loadScenario, pause, step } from './actions.ts'
import { connectedClient } from './connect.ts'
import { playbackStore } from './playback-store.ts'
import { sessionStore, type Rest } from './session-store.ts'
import { simStore } from './sim-store.ts'
import { uiStore } from './ui-store.ts'

/** How long a link waits for the simulation to come to rest (a step's glide is ~0.7 s). */
const restTimeoutMs = 5000

function waitForRest(): Promise<Rest> {
  const now = sessionStore.getState().rest
  if (now && !playbackStore.getState().playing) return Promise.resolve(now)
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off()
      reject(new Error('the simulation did not come to rest'))
    }, restTimeoutMs)
    const off = sessionStore.subscribe((s) => {
      if (!s.rest) return
      clearTimeout(timer)
      off()
      resolve(s.rest)
    })
  })
}

/** The `#v1.…` fragment for this moment; pauses first, since a link holds one instant. */
export async function shareFragment(): Promise<string> {
  if (playbackStore.getState().playing) pause()
  const rest = await waitForRest()
  const session = sessionStore.getState()
  if (!session.scenario) throw new Error('no scenario is loaded yet')
  return encodeShare({
    scenario: session.scenario,
    ...(session.scenarioId !== null ? { scenarioId: session.scenarioId } : {}),
    // Rewound, the branch still holds its future: a link carries only what led here.
    userScript: session.userScript.filter((a) => !after(a.at, rest.position)),
    position: rest.position,
    displayMs: rest.displayMs,
    view: currentView(),
  })
}

function currentView(): ShareView {
  const ui = uiStore.getState()
  return {
    ...(ui.selectedFlowId !== null ? { selectedFlowId: ui.selectedFlowId } : {}),
    showAmbient: ui.showAmbient,
    speed: playbackStore.getState().speed,
    panels: { ...ui.panels },
    ...(sessionStore.getState().presenter ? { mode: 'presenter' as const } : {}),
  }
}

/** Opens a link: the worker replays it to its moment, or the reason shows instead. */
export function openLink(link: string): boolean {
  const decoded = decodeShare(link)
  if (!decoded.ok) {
    sessionStore.setState({ linkError: decoded.reason })
    return false
  }
  openMoment(decoded.moment)
  return true
}

export function openMoment(moment: ShareMoment): void {
  const { view } = moment
  presenterHistory = []
  sessionStore.setState({
    scenario: moment.scenario,
    scenarioId: moment.scenarioId ?? null,
    linkError: null,
    importError: null,
    ...(view.mode === 'presenter' ? { presenter: true } : {}),
  })
  const ui = uiStore.getState()
  uiStore.setState({
    selectedFlowId: view.selectedFlowId ?? null,
    showAmbient: view.showAmbient ?? ui.showAmbient,
    panels: { ...ui.panels, ...view.panels },
  })
  simStore.setState({ error: null })
  const speed = view.speed ?? playbackStore.getState().speed
  playbackStore.setState({ speed, playing: false })
  replay(moment.userScript, moment.position, moment.displayMs)
  connectedClient()?.send({ type: 'speed', speed })
  connectedClient()?.send({
    type: 'reduced-motion',
    reduced: playbackStore.getState().reducedMotion,
  })
}

function replay(userScript: UserAction[], to: SimPosition, displayMs?: number): void {
  const scenario = sessionStore.getState().scenario
  if (!scenario) return
  connectedClient()?.send({
    type: 'replay',
    scenario,
    userScript,
    to,
    ...(displayMs !== undefined ? { displayMs } : {}),
  })
}

/** Positions presenter mode stepped from, newest last: PageUp goes back to them. */
let presenterHistory: Rest[] = []

let presenterQueue: Promise<void> = Promise.resolve()

/**
 * A clicker's "next": waits for the hop on screen to land (a fast double click still steps twice),
 * remembers where it was, then steps.
 */
export function presenterNext(): Promise<void> {
  presenterQueue = presenterQueue
    .then(waitForRest)
    .then((rest) => {
      presenterHistory.push(rest)
      // The old rest is stale the moment the step is sent; the worker sends the new one.
      sessionStore.setState({ rest: null })
      step()
    })
    .catch(() => undefined)
  return presenterQueue
}

/**
 * A clicker's "previous": replays the session up to the position before the last step (the same
 * engine, so the same moment). Nothing happens when there is no earlier step to return to.
 */
export function presenterPrevious(): boolean {
  const back = presenterHistory.pop()
  if (!back) return false
  const kept = sessionStore.getState().userScript.filter((a) => !after(a.at, back.position))
  replay(kept, back.position, back.displayMs)
  return true
}

function after(a: SimPosition, b: SimPosition): boolean {
  if (a.atMs !== b.atMs) return a.atMs > b.atMs
  return (a.delivered ?? Infinity) > (b.delivered ?? Infinity)
}

export function setPresenter(on: boolean): void {
  presenterHistory = []
  sessionStore.setState({ presenter: on })
}

export function setEmbed(on: boolean): void {
  sessionStore.setState({ embed: on })
}

/** A scenario file's text (YAML or JSON, as the CLI reads it): loaded, or the reason kept. */
export function importScenarioText(text: string, name: string): boolean {
  const parsed = parseScenario(text)
  if (!parsed.ok) {
    sessionStore.setState({ importError: `${name} is not a scenario this app can run: ${parsed.error}` })
    return false
  }
  sessionStore.setState({ importError: null })
  presenterHistory = []
  loadScenario(parsed.scenario)
  return true
}

export function dismissImportError(): void {
  sessionStore.setState({ importError: null })
}
