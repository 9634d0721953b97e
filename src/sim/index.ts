/**
 * The engine's public face. The worker, the CLI, tests and benchmarks create simulations here and
 * import nothing else from src/sim but protocol.ts types.
 *
 * @example
 * const sim = createSimulation(scenario)
 * sim.runUntil(scenario.untilMs)
 * console.log(sim.traceHash(), sim.kubectlResults())
 */
import { actorDefs } from './actors/index.ts'
import { buildWorld, runScriptStep } from './cluster/build.ts'
import { etcdObjects } from './cluster/objects.ts'
import type { EtcdState } from './actors/etcd/etcd.ts'
import { applyFault, superviseProcess } from './cluster/faults.ts'
import { electorOf } from './actors/leader-election.ts'
import type { Observation } from './engine/actor.ts'
import { clonePlain } from './engine/clone.ts'
import {
  inFlightFlows,
  nextEventTime,
  scheduleInput,
  type Hooks,
} from './engine/engine.ts'
import { traceHash } from './engine/trace.ts'
import type { World } from './engine/world.ts'
import type { ActorView, EventSummary, Fault, Flow, KObject, KubectlResult, PodView, Scenario } from './protocol.ts'
import { eventSummaries } from './cluster/events.ts'
import { podViews } from './cluster/pod-views.ts'
import { proxyRulesView, trafficView } from './cluster/network-views.ts'
import { trafficClientId } from './cluster/service-wiring.ts'
import type { ProxyRulesView, TrafficView } from './protocol.ts'
import { podDecision } from './cluster/pod-decision.ts'
import { createTimeline, type TimelineOptions } from './timeline.ts'
import { causeTree } from './cause-tree.ts'
import { createCauseIndex } from './cause-index.ts'
import { advanceChapters, initialChapterState, rewindChapters, type ChapterState } from './chapters.ts'
import type { CauseTreeView, SimPosition, UserAction } from './protocol.ts'
import type { PodDecisionView } from './protocol.ts'
import type { ActorInspection } from './protocol.ts'
import { inspectActor } from './inspect.ts'
import { createObjectLog, etcdRevision } from './object-log.ts'
import type { ObjectHistoryView } from './protocol.ts'
import type { KubectlStream } from './protocol.ts'

export type { Observation } from './engine/actor.ts'
export { unsupportedFeature } from './cluster/capabilities.ts'
export { plainStage } from './engine/deferred-stage.ts'

/** The Kubernetes release whose texts and defaults the engine reproduces. */
export const kubernetesVersion = 'v1.34.0'

/** A whole simulation, frozen as plain data. */
export interface Snapshot {
  readonly world: World
}

export interface Simulation {
  readonly scenario: Scenario
  /** Virtual ms. */
  now(): number
  /** Processes every event up to virtual time t. */
  runUntil(t: number): void
  /** Runs until the next flow is delivered (no further than `limit`); returns it. */
  step(limit?: number): Flow | undefined
  nextEventTime(): number | undefined
  /** Types a kubectl line now. Its answer comes back as a `kubectl` observation. */
  kubectl(line: string, stdin?: string, requestId?: string): void
  /** Ctrl+C on the running line typed with `requestId` (a watch): it hangs up and exits 130. */
  interrupt(requestId: string): void
  /** kubectl lines still running that printed something (watches), with what they printed. */
  kubectlStreams(): KubectlStream[]
  /** Breaks or repairs a component now (a Faults menu click, a script's `fault:` step); an error line, or null. */
  fault(fault: Fault): string | null
  /** Every flow so far, oldest first. Outcomes and stages change in place as flows settle. */
  flows(): readonly Flow[]
  inFlight(): Flow[]
  deliveredCount(): number
  /** The etcd contents, keyed by etcd key. */
  objects(): Record<string, KObject>
  actors(): ActorView[]
  /** Every pod with its kubectl STATUS, for the graph. */
  podViews(): PodView[]
  /** kube-scheduler's last decision for a pod (etcd key or `namespace/name`), as the inspector's table. */
  podDecision(key: string): PodDecisionView | null
  /** One component's live state for the inspector (plain data, read-only); null for an unknown id. */
  inspect(actorId: string): ActorInspection | null
  /** A stored object's resourceVersion history up to now (etcd key); null for a key never stored. */
  objectHistory(key: string): ObjectHistoryView | null
  /** Every Event in etcd, oldest first, as the CLI reports them. */
  events(): EventSummary[]
  kubectlResults(): readonly KubectlResult[]
  /** Observations since the last drain (kubectl answers, object changes). */
  drain(): Observation[]
  /** True when the script has run out and only routine traffic is left. */
  idle(): boolean
  snapshot(): Snapshot
  restore(snapshot: Snapshot): void
  traceHash(): string
  /** Starts or stops the traffic source now (`start web --rate 20 --from node-1`, `stop`). */
  traffic(line: string): void
  /** The traffic source's counters. */
  trafficView(): TrafficView
  /** A node's kube-proxy rules as `iptables-save` prints them; null for an unknown node. */
  proxyRules(node: string): ProxyRulesView | null
  /** Where the engine stands exactly: a time, or a time and a delivery count after a step. */
  position(): SimPosition
  /** Puts the world as it was (or will be) at virtual time t: nearest checkpoint, then replay. */
  seek(t: number): void
  /** Puts the world exactly at a position (a share link's moment, a step back's target). */
  seekTo(position: SimPosition): void
  /** Back to just before the last delivered flow (the last non-ambient one with `skipAmbient`). */
  stepBack(skipAmbient?: boolean): Flow | undefined
  /** What the person did (kubectl lines, faults) where they did it; a fork drops the abandoned future. */
  userActions(): UserAction[]
  /** How many checkpoints are held, and every how many virtual ms they are taken. */
  checkpoints(): { count: number; everyMs: number }
  /** A flow's causes up to its root and everything it caused; null for an unknown id. */
  causeTree(flowId: string): CauseTreeView | null
  /** Which chapter has started (-1: none yet) and when each began, as `runToNextChapter` found. */
  chapters(): Readonly<ChapterState>
  /**
   * Runs, event time by event time, until the next chapter's trigger fires (no further than
   * `limitMs` of virtual time); returns the chapter's index, or -1 if it did not fire.
   */
  runToNextChapter(limitMs?: number): number
  /** Starts any chapter whose trigger holds now (the worker calls it as time runs); returns the index. */
  pollChapters(): number
}

export type SimulationOptions = TimelineOptions

export function createSimulation(scenario: Scenario, options: SimulationOptions = {}): Simulation {
  let world = buildWorld(scenario, actorDefs)
  const hooks: Hooks = { script: (w, index) => runScriptStep(w, scenario, index, actorDefs), process: superviseProcess }
  let lastError: string | null = null
  const timeline = createTimeline(
    actorDefs,
    hooks,
    {
      world: () => world,
      setWorld: (w) => (world = w),
      perform(w, action) {
        if ('fault' in action) lastError = applyFault(w, action.fault, actorDefs)
        else if ('traffic' in action) scheduleInput(w, trafficClientId, { line: action.traffic })
        else if (action.interrupt && action.requestId !== undefined) scheduleInput(w, 'kubectl', { line: '', interrupt: action.requestId })
        else {
          const { kubectl: line, stdin, requestId } = action
          scheduleInput(w, 'kubectl', {
            line,
            ...(stdin !== undefined ? { stdin } : {}),
            ...(requestId !== undefined ? { requestId } : {}),
          })
        }
      },
    },
    options,
  )
  const lastScriptAt = scenario.script.reduce((t, s) => Math.max(t, s.atMs), 0)
  // Object versions for the inspector, taken from the world's observations before a drain or a restore.
  const objectLog = createObjectLog()
  // Parent → children links over the whole run: any flow's tree without scanning every later flow.
  const causeIndex = createCauseIndex()
  /** A person acts here: what the log holds past this revision was an abandoned future's. */
  const acting = (): void => {
    objectLog.absorb(world)
    objectLog.fork(etcdRevision(world))
    causeIndex.truncate(world.flows.length)
  }
  const chapterState = initialChapterState()
  const checkChapters = (): void => {
    advanceChapters(
      scenario.chapters,
      {
        now: world.now,
        position: timeline.position(),
        flows: world.flows,
        objects: () => etcdObjects(world),
        idle: () =>
          world.now >= lastScriptAt &&
          inFlightFlows(world).every((n) => world.flows[n - 1]!.ambient),
      },
      chapterState,
    )
  }

  return {
    scenario,
    now: () => world.now,
    runUntil: (t) => timeline.runUntil(t),
    step: (limit = Number.MAX_SAFE_INTEGER) => timeline.step(limit),
    nextEventTime: () => nextEventTime(world),
    kubectl(line, stdin, requestId) {
      acting()
      timeline.act({
        kubectl: line,
        ...(stdin !== undefined ? { stdin } : {}),
        ...(requestId !== undefined ? { requestId } : {}),
      })
    },
    interrupt(requestId) {
      acting()
      timeline.act({ kubectl: '', requestId, interrupt: true })
    },
    kubectlStreams: () => Object.values(world.kubectlStreams ?? {}),
    fault(fault) {
      lastError = null
      acting()
      timeline.act({ fault })
      return lastError
    },
    flows: () => world.flows,
    inFlight: () => inFlightFlows(world).map((n) => world.flows[n - 1]!),
    deliveredCount: () => world.delivered,
    objects: () => etcdObjects(world),
    actors: () =>
      Object.values(world.actors).map((a) => ({
        id: a.id,
        kind: a.kind,
        running: a.running,
        ...(a.node !== undefined ? { node: a.node } : {}),
        ...(a.dormant !== undefined ? { dormant: a.dormant } : {}),
        ...(a.node !== undefined && world.partitions?.includes(a.node) ? { partitioned: true } : {}),
        ...(a.kind === 'etcd' ? raftStatus(a.state as EtcdState) : electionStatus(a.state)),
      })),
    podViews: () => podViews(etcdObjects(world), world.startTimeMs + world.now),
    podDecision: (key) => podDecision(world, key),
    inspect: (actorId) => inspectActor(world, actorId),
    objectHistory: (key) => objectLog.history(world, key),
    events: () => eventSummaries(etcdObjects(world), world.startTimeMs),
    kubectlResults: () => world.kubectl,
    drain() {
      objectLog.absorb(world)
      const out = world.observations
      world.observations = []
      return out
    },
    idle() {
      if (world.now < lastScriptAt) return false
      return inFlightFlows(world).every((n) => world.flows[n - 1]!.ambient)
    },
    snapshot: () => ({ world: clonePlain(world) }),
    restore(snapshot) {
      objectLog.absorb(world)
      world = clonePlain(snapshot.world)
    },
    traceHash: () => traceHash(world.flows, world.kubectl, etcdObjects(world)),
    // Recorded like kubectl and faults: a seek or a share link replays the traffic too.
    traffic(line) {
      acting()
      timeline.act({ traffic: line })
    },
    trafficView: () => trafficView(world),
    proxyRules: (node) => proxyRulesView(world, node),
    position: () => timeline.position(),
    // A seek also rewinds the lesson: the chapters that began after the new position are undone.
    seek(t) {
      objectLog.absorb(world)
      timeline.seekTo({ atMs: Math.max(0, Math.floor(t)) })
      rewindChapters(chapterState, timeline.position())
    },
    seekTo(p) {
      objectLog.absorb(world)
      timeline.seekTo(p)
      rewindChapters(chapterState, timeline.position())
    },
    stepBack(skipAmbient = false) {
      objectLog.absorb(world)
      const flow = timeline.stepBack(skipAmbient)
      rewindChapters(chapterState, timeline.position())
      return flow
    },
    userActions: () => timeline.actions(),
    checkpoints: () => ({ count: timeline.store.list.length, everyMs: timeline.store.everyMs }),
    causeTree: (id) => causeTree(world.flows, world.kubectl, id, causeIndex),
    chapters: () => chapterState,
    pollChapters() {
      checkChapters()
      return chapterState.index
    },
    runToNextChapter(limitMs = 3_600_000) {
      const want = chapterState.index + 1
      if (want >= scenario.chapters.length) return -1
      const end = world.now + limitMs
      for (;;) {
        checkChapters()
        if (chapterState.index >= want) return want
        const next = nextEventTime(world)
        if (next === undefined || next > end) return -1
        timeline.runUntil(next)
      }
    },
  }
}

/**
 * A component that runs only as a leader and does not lead (yet): `waiting for its lease`; one
 * stopped while it led, whose release of the Lease is not answered yet: `releasing its lease`.
 */
function electionStatus(state: unknown): { status?: string } {
  const el = electorOf(state)
  if (el?.releasing) return { status: 'releasing its lease' }
  return el && !el.leading ? { status: 'waiting for its lease' } : {}
}

/** An etcd member's Raft role for the graph: `leader · term 3`, `follower`, `candidate · term 4`. */
function raftStatus(s: EtcdState): { status?: string } {
  const r = s.raft
  if (!r) return {}
  if (r.role === 'follower') return { status: r.leader ? `follower · term ${r.term}` : `no leader · term ${r.term}` }
  return { status: `${r.role} · term ${r.term}` }
}
