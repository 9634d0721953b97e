/**
 * Checkpoints for seeking (DESIGN.md §2, STYLE.md §3.4): a copy of the world every `everyMs` of
 * virtual time, so `seek(t)` is "restore the greatest checkpoint ≤ t, replay to t".
 *
 * The world is small (~100 KB) except for its flows, which only grow (13,800 after 30 virtual
 * minutes). A settled flow never changes again, so the flows live once in a shared `archive`
 * and a checkpoint keeps only how many there were and copies of those still in flight. Objects
 * etcd committed are frozen (etcd.ts) and never change, so every checkpoint, the apiserver's watch
 * cache and the informers hold the same one: a checkpoint copies the records around them only.
 */
import type { Flow, SimPosition } from '../protocol.ts'
import { cloneUnfrozen } from './clone.ts'
import type { World } from './world.ts'

/**
 * A flow's own copy. Settling changes a flow's fields in place (outcome, and stages by a new
 * array), never its stages array or a stage, so a copy of the fields is enough; a deep copy would
 * also drop the text of stages written on read (deferred-stage.ts), which is a getter.
 */
const copyFlow = (f: Flow): Flow => ({ ...f })

export interface Checkpoint {
  /** `world.now` when taken. */
  at: number
  /** The world without flows and undrained observations. */
  world: World
  flowCount: number
  /** Copies of the flows in flight at `at` (they settle later, in place). */
  inFlight: Flow[]
  /** Absent: every event up to `at` had run. Set: the engine stood right after this many deliveries. */
  delivered?: number
  /** The person's actions already performed in this world. */
  applied: number
}

export interface CheckpointStore {
  everyMs: number
  /** Ascending by `at`. */
  list: Checkpoint[]
  /** Flows by index, shared by every checkpoint; entries below a checkpoint's count are settled for it. */
  archive: Flow[]
}

/**
 * 10 virtual seconds: replaying that much of the default cluster costs ~4 ms (the engine runs
 * ~3 virtual s per wall ms), and a world copy ~1 ms, so a seek stays far below one frame;
 * 180 checkpoints for a 30-minute run (bench/seek.bench.ts measures the memory).
 */
export const defaultCheckpointEveryMs = 10_000

export function createCheckpointStore(everyMs = defaultCheckpointEveryMs): CheckpointStore {
  return { everyMs, list: [], archive: [] }
}

const flowIndex = (f: Flow): number => Number(f.id.slice(5)) - 1

/** Flow numbers (1-based) still travelling in this world. */
function travelling(world: World): number[] {
  const out: number[] = []
  for (const e of world.queue) if (e.type === 'deliver') out.push(e.flow)
  return out
}

/** Orders engine positions: by time, and within one ms a mid-step stop before a full run. */
export function comparePositions(a: SimPosition, b: SimPosition): number {
  return a.atMs - b.atMs || (a.delivered ?? Infinity) - (b.delivered ?? Infinity) || 0
}

const positionOf = (c: Checkpoint): SimPosition =>
  c.delivered === undefined ? { atMs: c.at } : { atMs: c.at, delivered: c.delivered }

/** Index of the greatest checkpoint at or before `p`, or -1. */
export function nearestIndex(store: CheckpointStore, p: SimPosition): number {
  let lo = 0
  let hi = store.list.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (comparePositions(positionOf(store.list[mid]!), p) <= 0) {
      found = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}

export function hasCheckpointAt(store: CheckpointStore, p: SimPosition): boolean {
  const i = nearestIndex(store, p)
  return i >= 0 && comparePositions(positionOf(store.list[i]!), p) === 0
}

/** The position of the last checkpoint, if any. */
export function lastCheckpoint(store: CheckpointStore): SimPosition | undefined {
  const last = store.list[store.list.length - 1]
  return last ? positionOf(last) : undefined
}

/** Copies the world, standing at `p`, as a checkpoint (replacing one at the same position). */
export function takeCheckpoint(
  store: CheckpointStore,
  world: World,
  p: SimPosition,
  applied: number,
): void {
  for (let i = store.archive.length; i < world.flows.length; i++) store.archive.push(world.flows[i]!)
  const { flows, observations: _observations, ...rest } = world
  const before = store.list[nearestIndex(store, p)]
  const copy = cloneSharing(rest, before?.world) as World
  copy.flows = []
  copy.observations = []
  const checkpoint: Checkpoint = {
    at: world.now,
    world: copy,
    flowCount: flows.length,
    inFlight: travelling(world).map((n) => copyFlow(flows[n - 1]!)),
    ...(p.delivered !== undefined ? { delivered: p.delivered } : {}),
    applied,
  }
  const i = nearestIndex(store, p)
  if (i >= 0 && comparePositions(positionOf(store.list[i]!), p) === 0) store.list[i] = checkpoint
  else store.list.splice(i + 1, 0, checkpoint)
}

/**
 * A deep copy of plain data that reuses the parts of `prev` (the previous checkpoint's copy) that
 * are equal: most objects in etcd and the watch cache do not change between two checkpoints, so
 * 180 checkpoints cost little more than one world. Checkpoint copies are never mutated (a restore
 * copies again), which is what makes the sharing safe.
 */
export function cloneSharing<T>(value: T, prev: unknown): T {
  // Frozen (objects committed to etcd, clone.ts freezeDeep): immutable, so kept by reference.
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value
  if (Array.isArray(value)) {
    const p = Array.isArray(prev) ? (prev as unknown[]) : undefined
    let same = p !== undefined && p.length === value.length
    const out = new Array(value.length)
    for (let i = 0; i < value.length; i++) {
      const c = cloneSharing(value[i], p?.[i])
      out[i] = c
      if (same && c !== p![i]) same = false
    }
    return (same ? p : out) as T
  }
  const p =
    prev !== null && typeof prev === 'object' && !Array.isArray(prev)
      ? (prev as Record<string, unknown>)
      : undefined
  const out: Record<string, unknown> = {}
  let same = p !== undefined
  let n = 0
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key]
    if (v === undefined) continue
    n++
    // Scalars and frozen objects (most values of the big dicts) without a call each.
    const c = v === null || typeof v !== 'object' || Object.isFrozen(v) ? v : cloneSharing(v, p?.[key])
    out[key] = c
    if (same && c !== p![key]) same = false
  }
  if (same && Object.keys(p!).length !== n) same = false
  return (same ? p : out) as T
}

/** A fresh world equal to the one the checkpoint copied. */
export function restoreCheckpoint(store: CheckpointStore, checkpoint: Checkpoint): World {
  const world = cloneUnfrozen(checkpoint.world)
  const flows = store.archive.slice(0, checkpoint.flowCount)
  for (const f of checkpoint.inFlight) flows[flowIndex(f)] = copyFlow(f)
  world.flows = flows
  return world
}

/**
 * A fork at `p`, where the world stands: checkpoints after it belong to the abandoned future, and
 * the archive's flows past it may settle differently on the new branch.
 */
export function forkAt(store: CheckpointStore, world: World, p: SimPosition): void {
  store.list.length = nearestIndex(store, p) + 1
  store.archive = world.flows.slice()
}

/** Rough bytes held: the checkpoints' worlds as JSON (only for benchmarks and diagnostics). */
export function checkpointJsonBytes(store: CheckpointStore): number {
  let bytes = 0
  for (const c of store.list) bytes += JSON.stringify(c.world).length
  return bytes
}
