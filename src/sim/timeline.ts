/**
 * Time travel for one simulation (STYLE.md §3.4): runs forward taking checkpoints, seeks to a time
 * or an exact position, steps back one flow, and forks when the person acts while rewound.
 *
 * The person's actions (typed kubectl lines, faults, traffic started or stopped) are recorded at
 * the exact engine position they happened at, the same `UserAction` a share link carries. A replay
 * moves to each action's position and performs it again, so a rewound and replayed run is the
 * straight run, byte for byte.
 */
import {
  comparePositions,
  createCheckpointStore,
  forkAt,
  hasCheckpointAt,
  lastCheckpoint,
  nearestIndex,
  restoreCheckpoint,
  takeCheckpoint,
  type CheckpointStore,
} from './engine/checkpoints.ts'
import {
  nextEventTime,
  runUntil as engineRunUntil,
  stepDelivery,
  type ActorDefs,
  type Hooks,
} from './engine/engine.ts'
import type { World } from './engine/world.ts'
import type { Flow, SimPosition, UserAction } from './protocol.ts'

export interface TimelineAccess {
  world(): World
  setWorld(world: World): void
  /** Performs an action on the world now (schedules kubectl's input, applies a fault). */
  perform(world: World, action: UserAction): void
}

export interface Timeline {
  store: CheckpointStore
  /** Where the engine stands. */
  position(): SimPosition
  runUntil(t: number): void
  step(limit: number): Flow | undefined
  /** Puts the world exactly at `p`, behind or ahead. */
  seekTo(p: SimPosition): void
  /** Back to just before the last delivered (visible) flow; returns it, in flight again. */
  stepBack(skipAmbient: boolean): Flow | undefined
  /** Records and performs an action here, dropping the future if rewound. */
  act(action: Omit<UserAction, 'at'>): UserAction
  actions(): UserAction[]
}

export interface TimelineOptions {
  checkpointEveryMs?: number
}

const start: SimPosition = { atMs: 0, delivered: 0 }

export function createTimeline(
  defs: ActorDefs,
  hooks: Hooks,
  access: TimelineAccess,
  options: TimelineOptions = {},
): Timeline {
  const store = createCheckpointStore(options.checkpointEveryMs)
  const every = store.everyMs
  let actions: UserAction[] = []
  /** Actions already performed in the current world. */
  let applied = 0
  /** True when every event up to `now` has run; false right after a step (and at the start). */
  let exact = false
  let started = false

  const position = (): SimPosition => {
    const world = access.world()
    if (!started) return start
    return exact ? { atMs: world.now } : { atMs: world.now, delivered: world.delivered }
  }

  const checkpoint = (world: World): void => {
    const p = position()
    if (!hasCheckpointAt(store, p)) takeCheckpoint(store, world, p, applied)
  }

  const boundaryAfter = (now: number): number => (Math.floor(now / every) + 1) * every

  /** Runs every event up to t (no actions in between), checkpointing at each boundary. */
  const runPlain = (world: World, t: number): void => {
    started = true
    for (let b = boundaryAfter(world.now); b <= t; b = boundaryAfter(world.now)) {
      engineRunUntil(world, defs, hooks, b)
      exact = true
      checkpoint(world)
    }
    engineRunUntil(world, defs, hooks, t)
    exact = true
  }

  const stepPlain = (world: World, limit: number): Flow | undefined => {
    started = true
    for (;;) {
      const b = boundaryAfter(world.now)
      const n = stepDelivery(world, defs, hooks, Math.min(limit, b))
      if (n) {
        exact = false
        return world.flows[n - 1]
      }
      exact = true
      if (nextEventTime(world) === undefined || b > limit) return undefined
      engineRunUntil(world, defs, hooks, b)
      checkpoint(world)
    }
  }

  /**
   * Moves forward to `to`: every event before `to.atMs`, then at `to.atMs` everything (a run) or
   * deliveries one by one until the count matches (a step). The share link's move, the same way.
   */
  const movePlain = (world: World, to: SimPosition): void => {
    // Equal and exact still runs: an action performed here may have queued work due now.
    const c = comparePositions(to, position())
    if (c < 0 || (c === 0 && to.delivered !== undefined)) return
    if (to.atMs > world.now) runPlain(world, to.atMs - 1)
    if (to.delivered !== undefined) {
      while (world.delivered < to.delivered) if (!stepPlain(world, to.atMs)) break
      if (world.delivered === to.delivered && world.now === to.atMs) return
    }
    runPlain(world, to.atMs)
  }

  const performDue = (world: World): void => {
    for (let a = actions[applied]; a && comparePositions(a.at, position()) <= 0; a = actions[applied]) {
      access.perform(world, a)
      applied++
    }
  }

  /** Moves forward to `to`, performing the recorded actions on the way at their positions. */
  const replayTo = (to: SimPosition): void => {
    const world = access.world()
    for (let a = actions[applied]; a && comparePositions(a.at, to) <= 0; a = actions[applied]) {
      movePlain(world, a.at)
      access.perform(world, a)
      applied++
    }
    movePlain(world, to)
  }

  const seekTo = (to: SimPosition): void => {
    const here = position()
    const i = nearestIndex(store, to)
    const cp = store.list[Math.max(0, i)]!
    const cpAt: SimPosition =
      cp.delivered === undefined ? { atMs: cp.at } : { atMs: cp.at, delivered: cp.delivered }
    // Ahead, with no checkpoint between here and there: just run on.
    const ahead = comparePositions(to, here) >= 0 && comparePositions(cpAt, here) <= 0
    if (!ahead) {
      access.setWorld(restoreCheckpoint(store, cp))
      applied = cp.applied
      exact = cp.delivered === undefined
      started = i > 0 || cp.delivered === undefined
    }
    replayTo(to)
  }

  checkpoint(access.world())

  return {
    store,
    position,
    runUntil(t) {
      const target = Math.floor(t)
      const world = access.world()
      // The common case (nothing recorded ahead): a plain run, no position bookkeeping.
      if (applied === actions.length) {
        if (target >= world.now) runPlain(world, target)
      } else replayTo({ atMs: target })
    },
    step(limit) {
      const world = access.world()
      for (;;) {
        performDue(world)
        const a = actions[applied]
        if (!a || a.at.atMs > limit) return stepPlain(world, limit)
        // A recorded action ahead (after a rewind): the engine must not run past it.
        const f = stepPlain(world, a.at.atMs)
        if (f) {
          performDue(world)
          return f
        }
        movePlain(world, a.at)
      }
    },
    seekTo,
    stepBack(skipAmbient) {
      const world = access.world()
      const target = beforeLastDelivery(world.flows, skipAmbient)
      if (!target) return undefined
      seekTo(target.position)
      return access.world().flows[target.flow - 1]
    },
    act(action) {
      const world = access.world()
      const here = position()
      const last = lastCheckpoint(store)
      const rewound =
        store.archive.length > world.flows.length ||
        (last !== undefined && comparePositions(last, here) > 0) ||
        applied < actions.length
      if (rewound) {
        actions = actions.slice(0, applied)
        forkAt(store, world, here)
      }
      const recorded = { ...action, at: here } as UserAction
      actions.push(recorded)
      access.perform(world, recorded)
      applied++
      return recorded
    },
    actions: () => actions.map((a) => ({ ...a })),
  }
}

/**
 * Where the engine stood right before the last delivered flow (the last non-ambient one when
 * `skipAmbient`) was handed over. Deliveries happen in (arrivesAt, send order) and flow numbers
 * follow send order, so the flows alone tell the delivery order.
 */
function beforeLastDelivery(
  flows: readonly Flow[],
  skipAmbient: boolean,
): { position: SimPosition; flow: number } | undefined {
  const later = (a: Flow, an: number, b: Flow, bn: number): boolean =>
    a.arrivesAt > b.arrivesAt || (a.arrivesAt === b.arrivesAt && an > bn)
  let last = -1
  for (let i = 0; i < flows.length; i++) {
    const f = flows[i]!
    if (f.outcome === 'in-flight' || (skipAmbient && f.ambient)) continue
    if (last < 0 || later(f, i, flows[last]!, last)) last = i
  }
  if (last < 0) return undefined
  const v = flows[last]!
  let rank = 0
  let prev = -1
  for (let i = 0; i < flows.length; i++) {
    const f = flows[i]!
    if (f.outcome === 'in-flight' || !later(v, last, f, i)) continue
    rank++
    if (prev < 0 || later(f, i, flows[prev]!, prev)) prev = i
  }
  const position = prev < 0 ? start : { atMs: flows[prev]!.arrivesAt, delivered: rank }
  return { position, flow: last + 1 }
}
