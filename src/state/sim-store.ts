/**
 * Mirror of what the worker last sent. Changes at frame rate while playing, so components read it
 * through narrow selectors (selectors.ts) and the token layer reads it outside React.
 */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import type {
  ActorView,
  Flow,
  KObject,
  KubectlResult,
  KubectlStream,
  PodView,
  TimeAnchor,
  Update,
} from '../sim/protocol.ts'
import { zeroAnchor } from './time.ts'
import { mergeStreams } from './kubectl-streams.ts'

/**
 * How many recent flows the page keeps (the flow list and the inspector), of each sort: routine
 * (ambient) ones and the rest. Counted apart, or an etcd cluster's 40 heartbeats a second would
 * push every request out of the list while its heartbeats are hidden.
 */
export const recentFlowLimit = 400

/** The last `limit` ambient and the last `limit` other flows, in their order. */
export function keepRecentFlows(flows: Flow[], limit = recentFlowLimit): Flow[] {
  if (flows.length <= limit) return flows
  const kept: Flow[] = []
  let ambient = 0
  let other = 0
  for (let i = flows.length - 1; i >= 0 && (ambient < limit || other < limit); i--) {
    const f = flows[i]!
    if (f.ambient ? ambient++ < limit : other++ < limit) kept.push(f)
  }
  return kept.reverse()
}

/** How many kubectl answers the console keeps. */
export const kubectlResultLimit = 100

export interface SimState {
  loaded: boolean
  /** Increments on every reset (a new simulation). */
  epoch: number
  scenarioTitle: string
  /** The pacer's anchor, `wallAt` already in the page's clock. */
  anchor: TimeAnchor
  /** Recent flows, oldest first. */
  flows: Flow[]
  /** Flows not yet arrived at the anchor's time: the tokens to draw. */
  live: Flow[]
  actors: ActorView[]
  actorById: Record<string, ActorView>
  pods: PodView[]
  objects: Record<string, KObject>
  kubectl: KubectlResult[]
  /** kubectl lines still running that printed something (a watch), with their text so far. */
  kubectlStreams: KubectlStream[]
  deliveredCount: number
  idle: boolean
  error: string | null
}

export const initialSimState: SimState = {
  loaded: false,
  epoch: 0,
  scenarioTitle: '',
  anchor: zeroAnchor,
  flows: [],
  live: [],
  actors: [],
  actorById: {},
  pods: [],
  objects: {},
  kubectl: [],
  kubectlStreams: [],
  deliveredCount: 0,
  idle: false,
  error: null,
}

export const simStore = createStore<SimState>()(() => initialSimState)

/** Wall ms a dropped message's token stays at its receiver (faults.css fades it out in as long). */
export const droppedLingerWallMs = 1_200

export function useSimStore<T>(selector: (state: SimState) => T): T {
  return useStore(simStore, selector)
}

/** Folds one update into a state; `receivedAt` is the page's clock when it arrived. */
export function reduceUpdate(prev: SimState, update: Update, receivedAt: number): SimState {
  const base = update.reset ? { ...initialSimState, epoch: prev.epoch + 1 } : prev
  const anchor: TimeAnchor = { ...update.anchor, wallAt: receivedAt }

  let flows = base.flows
  let live = base.live
  if (update.flowsStarted.length > 0 || update.flowsSettled.length > 0) {
    const settled = new Map(update.flowsSettled.map((s) => [s.id, s]))
    const settle = (f: Flow): Flow => {
      const s = settled.get(f.id)
      return s ? { ...f, outcome: s.outcome, ...(s.stages ? { stages: s.stages } : {}) } : f
    }
    flows = [...base.flows.map(settle), ...update.flowsStarted]
    flows = keepRecentFlows(flows)
    live = [...base.live.map(settle), ...update.flowsStarted]
  }
  // A message that never arrived stays on screen about a second of wall time, so its red ✕ is seen.
  const linger = droppedLingerWallMs * Math.max(anchor.rate, base.anchor.rate)
  const liveNow = live.filter((f) => f.arrivesAt >= anchor.virtualAt || (f.outcome === 'dropped' && f.arrivesAt + linger >= anchor.virtualAt))
  if (liveNow.length !== live.length) live = liveNow

  let objects = base.objects
  if (update.objects.length > 0) {
    objects = { ...base.objects }
    for (const change of update.objects) {
      if (change.object) objects[change.key] = change.object
      else delete objects[change.key]
    }
  }

  let actors = base.actors
  let actorById = base.actorById
  if (update.actors) {
    actors = update.actors
    actorById = Object.fromEntries(update.actors.map((a) => [a.id, a]))
  }

  let kubectl = base.kubectl
  if (update.kubectl.length > 0) {
    kubectl = [...base.kubectl, ...update.kubectl].slice(-kubectlResultLimit)
  }

  return {
    loaded: true,
    epoch: base.epoch,
    scenarioTitle: update.scenarioTitle,
    anchor,
    flows,
    live,
    actors,
    actorById,
    pods: update.pods ?? base.pods,
    objects,
    kubectl,
    kubectlStreams: mergeStreams(base.kubectlStreams, update.kubectlStreams, update.kubectl),
    deliveredCount: update.deliveredCount,
    idle: update.idle,
    error: base.error,
  }
}

export function applyUpdate(update: Update, receivedAt: number): void {
  simStore.setState((prev) => reduceUpdate(prev, update, receivedAt), true)
}

export function reportError(message: string): void {
  simStore.setState({ error: message })
}
