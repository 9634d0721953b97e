/**
 * Folds what the engine did since the last frame into one `Update`. The host calls `collect`
 * after every engine advance and `flush` at most once per animation frame.
 */
import { plainStage, type Simulation } from '../sim/index.ts'
import type {
  ActorView,
  Flow,
  FlowOutcome,
  KubectlResult,
  KubectlStream,
  ObjectChange,
  PodView,
  Stage,
  TimeAnchor,
  Update,
} from '../sim/protocol.ts'

export interface FlushMeta {
  scenarioTitle: string
  anchor: TimeAnchor
  playing: boolean
  speed: number
}

export interface Batcher {
  /** Starts over for a freshly loaded simulation; the next flush is a reset with everything. */
  reset(sim: Simulation): void
  /** Picks up new flows, settled flows, observations, pods and actors from the engine. */
  collect(sim: Simulation): void
  /** True when something is waiting to be sent besides the clock. */
  hasNews(): boolean
  flush(sim: Simulation, meta: FlushMeta): Update
}

/** Flows and kubectl answers a reset carries at most (the page keeps 400 and 100). */
const resetFlowLimit = 400
const resetKubectlLimit = 100

/** Stages as plain data: some write their text on read (a getter), which postMessage would not copy. */
const plainStages = (f: Flow): { stages?: Stage[] } => (f.stages ? { stages: f.stages.map(plainStage) } : {})

const copyFlow = (f: Flow): Flow => ({ ...f, ...plainStages(f) })

export function createBatcher(): Batcher {
  let nextFlow = 0
  /** Flows sent to the page as in flight, by index in `sim.flows()`. */
  let travelling = new Set<number>()
  let started: Flow[] = []
  let settled: { id: string; outcome: FlowOutcome; stages?: Stage[] }[] = []
  let objects: ObjectChange[] = []
  let kubectl: KubectlResult[] = []
  /** Running kubectl lines that printed since the last flush, by stream key (the latest text wins). */
  let streams: Record<string, KubectlStream> = {}
  let actors: ActorView[] | undefined
  let pods: PodView[] | undefined
  let lastActorsJson = ''
  let lastPodsJson = ''
  let isReset = true

  const clear = (): void => {
    started = []
    settled = []
    objects = []
    kubectl = []
    streams = {}
    actors = undefined
    pods = undefined
  }

  const refreshPods = (sim: Simulation): void => {
    const next = sim.podViews()
    const json = JSON.stringify(next)
    if (json !== lastPodsJson) {
      lastPodsJson = json
      pods = next
    }
  }

  const refreshActors = (sim: Simulation): void => {
    const next = sim.actors()
    const json = JSON.stringify(next)
    if (json !== lastActorsJson) {
      lastActorsJson = json
      actors = next
    }
  }

  return {
    reset(sim) {
      clear()
      nextFlow = 0
      travelling = new Set()
      // After a seek the world may hold thousands of flows: the page keeps the recent ones and
      // every one still in flight (its token must fly on).
      const all = sim.flows()
      nextFlow = Math.max(0, all.length - resetFlowLimit)
      for (const f of sim.inFlight()) {
        const i = Number(f.id.slice(5)) - 1
        if (i >= nextFlow) continue
        started.push(copyFlow(f))
        travelling.add(i)
      }
      kubectl = sim.kubectlResults().slice(-resetKubectlLimit)
      for (const s of sim.kubectlStreams()) streams[s.requestId ?? `${s.atMs}\u0000${s.line}`] = s
      lastActorsJson = ''
      lastPodsJson = ''
      isReset = true
      sim.drain()
      const initial = sim.objects()
      for (const key of Object.keys(initial).sort()) {
        objects.push({ key, object: initial[key]!, revision: 0 })
      }
      refreshActors(sim)
      refreshPods(sim)
      pods ??= []
    },
    collect(sim) {
      const all = sim.flows()
      for (const i of travelling) {
        const f = all[i]
        if (f && f.outcome !== 'in-flight') {
          travelling.delete(i)
          settled.push({
            id: f.id,
            outcome: f.outcome,
            ...plainStages(f),
          })
        }
      }
      for (; nextFlow < all.length; nextFlow++) {
        const f = all[nextFlow]!
        started.push(copyFlow(f))
        if (f.outcome === 'in-flight') travelling.add(nextFlow)
      }
      let objectsChanged = false
      for (const o of sim.drain()) {
        if (o.type === 'kubectl') kubectl.push(o.result)
        else if (o.type === 'kubectl-stream') streams[o.stream.requestId ?? `${o.stream.atMs}\u0000${o.stream.line}`] = o.stream
        else {
          objects.push(o.change)
          objectsChanged = true
        }
      }
      if (objectsChanged) refreshPods(sim)
      refreshActors(sim)
    },
    hasNews: () =>
      isReset ||
      started.length > 0 ||
      settled.length > 0 ||
      objects.length > 0 ||
      kubectl.length > 0 ||
      Object.keys(streams).length > 0 ||
      actors !== undefined ||
      pods !== undefined,
    flush(sim, meta) {
      // A flow started and settled within one frame is sent once, already settled.
      const startedIds = new Set(started.map((f) => f.id))
      const all = sim.flows()
      const startedNow = started.map((f) => {
        const live = all[Number(f.id.slice(f.id.indexOf(':') + 1)) - 1]
        return live && live.id === f.id ? copyFlow(live) : f
      })
      const update: Update = {
        type: 'update',
        reset: isReset,
        scenarioTitle: meta.scenarioTitle,
        anchor: meta.anchor,
        playing: meta.playing,
        speed: meta.speed,
        flowsStarted: startedNow,
        flowsSettled: settled.filter((s) => !startedIds.has(s.id)),
        objects,
        kubectl,
        ...(Object.keys(streams).length ? { kubectlStreams: Object.values(streams) } : {}),
        ...(actors ? { actors } : {}),
        ...(pods ? { pods } : {}),
        deliveredCount: sim.deliveredCount(),
        idle: sim.idle(),
      }
      isReset = false
      clear()
      return update
    },
  }
}
