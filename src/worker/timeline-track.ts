/**
 * What the page's timeline shows: how far this branch has run (the head), where it ends, and marks
 * for the scenario's steps, the person's actions, Kubernetes Events and chapters. Events stay
 * marked after a seek back (the future already seen), and so do the chapters seen to begin; a fork
 * forgets everything after it.
 */
import type { Simulation } from '../sim/index.ts'
import type {
  ObjectChange,
  ScriptStep,
  TimelineInfo,
  TimelineMarker,
  UserAction,
} from '../sim/protocol.ts'

export interface TimelineTracker {
  /** A new simulation: only the scenario's own marks. */
  reset(sim: Simulation): void
  /** After the engine moved: the head, and Events among the object changes. */
  observe(sim: Simulation, changes: readonly ObjectChange[]): void
  /** The person acted while rewound: the future after now is gone. */
  fork(sim: Simulation): void
  /** True when the engine stands behind the head. */
  rewound(sim: Simulation): boolean
  /** The info when it changed since the last call (or `force`), else undefined. */
  take(sim: Simulation, force?: boolean): TimelineInfo | undefined
}

const stepMarker = (step: ScriptStep): TimelineMarker => {
  if ('kubectl' in step) return { atMs: step.atMs, kind: 'script', label: `kubectl ${step.kubectl}` }
  if ('apply' in step) return { atMs: step.atMs, kind: 'script', label: 'kubectl apply -f -' }
  if ('fault' in step) {
    const { kind, ...target } = step.fault
    return { atMs: step.atMs, kind: 'fault', label: `${kind} ${Object.values(target).join(' ')}` }
  }
  if ('addNode' in step) return { atMs: step.atMs, kind: 'script', label: `node ${step.addNode.name} joins` }
  const { atMs: _at, ...rest } = step as Record<string, unknown>
  return { atMs: step.atMs, kind: 'script', label: Object.keys(rest).join(' ') }
}

const actionMarker = (a: UserAction): TimelineMarker =>
  'fault' in a
    ? { atMs: a.at.atMs, kind: 'fault', label: a.fault.kind }
    : 'traffic' in a
      ? { atMs: a.at.atMs, kind: 'action', label: `traffic ${a.traffic}` }
      : a.interrupt
        ? { atMs: a.at.atMs, kind: 'action', label: '^C (kubectl interrupted)' }
        : { atMs: a.at.atMs, kind: 'action', label: `kubectl ${a.kubectl}` }

export function createTimelineTracker(): TimelineTracker {
  let head = 0
  let fixed: TimelineMarker[] = []
  /** Events by `first|reason|object`, so a replay does not mark one twice. */
  let events = new Map<string, TimelineMarker>()
  let actionsJson = '[]'
  let actions: TimelineMarker[] = []
  /** Chapters seen to begin, by index (kept after a seek back, like Events; a fork forgets later ones). */
  let chapters = new Map<number, TimelineMarker>()
  let dirty = true

  const refreshChapters = (sim: Simulation): void => {
    const { startedAt } = sim.chapters()
    startedAt.forEach((atMs, i) => {
      if (chapters.get(i)?.atMs === atMs) return
      const c = sim.scenario.chapters[i]
      // A chapter that begins at a fixed time is marked from the start already.
      if (!c || 'atTime' in c.startsWhen) return
      chapters.set(i, { atMs, kind: 'chapter', label: c.title })
      dirty = true
    })
  }

  const refreshActions = (sim: Simulation): void => {
    const list = sim.userActions()
    const json = JSON.stringify(list)
    if (json === actionsJson) return
    actionsJson = json
    actions = list.map(actionMarker)
    dirty = true
  }

  return {
    reset(sim) {
      head = sim.now()
      events = new Map()
      actionsJson = '[]'
      actions = []
      chapters = new Map()
      fixed = [
        ...sim.scenario.script.map(stepMarker),
        ...sim.scenario.chapters.flatMap((c): TimelineMarker[] =>
          'atTime' in c.startsWhen
            ? [{ atMs: c.startsWhen.atTime, kind: 'chapter', label: c.title }]
            : [],
        ),
      ]
      dirty = true
    },
    observe(sim, changes) {
      if (sim.now() > head) {
        head = sim.now()
        dirty = true
      }
      refreshActions(sim)
      refreshChapters(sim)
      if (!changes.some((c) => c.key.startsWith('/registry/events/') && c.object)) return
      for (const e of sim.events()) {
        const name = `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}`
        const id = `${e.firstTimestampMs}|${e.reason}|${name}`
        if (events.has(id)) continue
        events.set(id, { atMs: e.firstTimestampMs, kind: 'event', label: `${e.reason} ${name}` })
        dirty = true
      }
    },
    fork(sim) {
      head = sim.now()
      for (const [id, m] of events) if (m.atMs > head) events.delete(id)
      for (const [i, m] of chapters) if (m.atMs > head) chapters.delete(i)
      refreshActions(sim)
      dirty = true
    },
    rewound: (sim) => sim.now() < head,
    take(sim, force = false) {
      if (!dirty && !force) return undefined
      dirty = false
      const markers = [...fixed, ...actions, ...chapters.values(), ...events.values()].sort((a, b) => a.atMs - b.atMs)
      return { headMs: head, endMs: Math.max(sim.scenario.untilMs, head), markers }
    },
  }
}
