/**
 * The worker's brain, free of the Worker global so tests can run it over a MessageChannel:
 * commands in, one simulation, paced time, batched updates out.
 */
import { createSimulation, unsupportedFeature, type Simulation } from '../sim/index.ts'
import type { Command, TimeAnchor, UserAction, WorkerMessage } from '../sim/protocol.ts'
import { createBatcher } from './batcher.ts'
import { createTimelineTracker } from './timeline-track.ts'
import { createCauseFollower } from './cause-follower.ts'
import { createChapterFollower } from './chapter-follower.ts'
import { createDecisionFollower } from './pod-decision.ts'
import { createInspectionFollower } from './actor-inspection.ts'
import { createNetworkFollower } from './network-follower.ts'
import { createObjectFollower } from './object-follower.ts'
import { actionOf, commandOf, moveTo, positionOf } from './user-script.ts'
import { createPacer, dilatedRate, hopWallMs, maxTickWallMs, type Clock } from './pacer.ts'

/** Calls `fn` about once per animation frame. */
export interface FrameScheduler {
  request(fn: () => void): unknown
  cancel(handle: unknown): void
}

export const timeoutFrames: FrameScheduler = {
  request: (fn) => setTimeout(fn, 16),
  cancel: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

export interface SimHostOptions {
  clock?: Clock
  frames?: FrameScheduler
  /** Wall ms a step glides for (0: jump). */
  stepWallMs?: number
}

export interface SimHost {
  handle(command: Command): void
  /** One animation frame: advance time, send an update if there is one. */
  frame(): void
  dispose(): void
}

/** The smallest endpoint the host needs: a Worker's `self` or a MessagePort. */
export interface HostEndpoint {
  postMessage(message: unknown): void
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void
  start?: () => void
}

export function createSimHost(
  post: (message: WorkerMessage) => void,
  options: SimHostOptions = {},
): SimHost {
  const pacer = createPacer(options.clock)
  const frames = options.frames ?? timeoutFrames
  const stepWallMs = options.stepWallMs ?? hopWallMs
  const batcher = createBatcher()
  const timeline = createTimelineTracker()
  const causes = createCauseFollower()
  const lesson = createChapterFollower()
  const decisions = createDecisionFollower()
  const inspections = createInspectionFollower()
  const network = createNetworkFollower()
  const objectsFollowed = createObjectFollower()
  let sim: Simulation | null = null
  let reducedMotion = false
  let pending: unknown = null
  let forceSend = false
  /** True right after a step: the engine may hold same-time events (see user-script.ts). */
  let midStep = false
  /** What the person typed or broke since the load, for share links. */
  let userScript: UserAction[] = []
  let userScriptNews = false
  /** Commands handled (a replay's inner ones not counted): the page matches it to what it sent. */
  let handledCommands = 0
  let handleDepth = 0

  const advance = (v: number): void => {
    if (!sim) return
    const t = Math.floor(v)
    const next = sim.nextEventTime()
    if (t > sim.now() || (next !== undefined && next <= t)) {
      sim.runUntil(t)
      midStep = false
    }
    // A lesson's Next stops where the chapter begins.
    if (lesson.reached(sim)) pacer.pause()
    batcher.collect(sim)
  }
  const rateAt = (): number =>
    sim && pacer.playing() ? dilatedRate(pacer.speed(), sim.inFlight()) : 0
  const nextEventAt = (): number | undefined => sim?.nextEventTime()

  const anchor = (): TimeAnchor => {
    const v = pacer.virtual()
    const rate = pacer.rate()
    let maxVirtual = v + rate * maxTickWallMs
    if (pacer.playing()) {
      const next = nextEventAt()
      if (next !== undefined) maxVirtual = Math.max(v, Math.min(maxVirtual, next))
    }
    return { virtualAt: v, wallAt: pacer.wallAt(), rate, maxVirtual }
  }

  const active = (): boolean => sim !== null && (pacer.playing() || pacer.gliding())

  const send = (): void => {
    if (!sim) return
    const update = batcher.flush(sim, {
      scenarioTitle: sim.scenario.title,
      anchor: anchor(),
      playing: pacer.playing(),
      speed: pacer.speed(),
    })
    if (update.reset || userScriptNews) update.userScript = [...userScript]
    timeline.observe(sim, update.objects)
    const info = timeline.take(sim, update.reset)
    if (info) update.timeline = info
    causes.attach(sim, update)
    lesson.attach(sim, update)
    userScriptNews = false
    decisions.attach(sim, update)
    inspections.attach(sim, update)
    // A reset makes the page drop its counters (network-store.ts): resend them even if unchanged,
    // or a seek after the traffic stopped (or back to the same moment) shows "sent 0".
    if (update.reset) network.reset()
    network.attach(sim, update)
    objectsFollowed.attach(sim, update)
    // At rest only: hashing the whole trace every frame while playing would cost frames.
    if (!active()) {
      update.rest = {
        position: positionOf(sim, midStep),
        displayMs: pacer.virtual(),
        traceHash: sim.traceHash(),
        commands: handledCommands,
      }
    }
    post(update)
  }

  /**
   * A scenario asking for what the engine cannot run is refused by name, as the CLI refuses it, and
   * the simulation on screen keeps running: the person loses nothing.
   */
  const refused = (scenario: Extract<Command, { type: 'load' }>['scenario']): boolean => {
    const why = unsupportedFeature(scenario)
    if (why) post({ type: 'error', message: `This scenario cannot run here: ${why}` })
    return why !== null
  }

  /** A share link: load, perform each recorded action where it happened, stop paused at `to`. */
  const replay = (command: Extract<Command, { type: 'replay' }>): void => {
    if (refused(command.scenario)) return
    handle({ type: 'load', scenario: command.scenario })
    command.userScript.forEach((action, i) => {
      if (!sim) return
      midStep = moveTo(sim, action.at)
      handle(commandOf(action, i))
    })
    if (!sim) return
    midStep = moveTo(sim, command.to)
    pacer.pause()
    const d = command.displayMs
    pacer.jumpTo(d !== undefined && d >= sim.now() && d < sim.now() + 1 ? d : sim.now())
    batcher.collect(sim)
  }

  const frame = (): void => {
    pending = null
    if (!sim) return
    try {
      const wasActive = active()
      pacer.tick(rateAt, nextEventAt, advance)
      if (wasActive || forceSend || batcher.hasNews()) send()
      forceSend = false
    } catch (error) {
      post({ type: 'error', message: error instanceof Error ? error.message : String(error) })
      pacer.pause()
    }
    schedule()
  }

  function schedule(): void {
    if (pending !== null) return
    if (active() || forceSend || (sim !== null && batcher.hasNews())) {
      pending = frames.request(frame)
    }
  }

  function handle(command: Command): void {
    if (handleDepth++ === 0) handledCommands++
    try {
      const action = sim ? actionOf(command, positionOf(sim, midStep)) : null
      // Acting while rewound forks a new branch (the engine drops the abandoned future).
      const forking = action !== null && sim !== null && timeline.rewound(sim)
      if (action) {
        userScript.push(action)
        userScriptNews = true
      }
      switch (command.type) {
        case 'load':
          if (refused(command.scenario)) break
          sim = createSimulation(command.scenario)
          pacer.pause()
          pacer.jumpTo(0)
          batcher.reset(sim)
          timeline.reset(sim)
          lesson.cancel()
          midStep = false
          userScript = []
          break
        case 'seek':
        case 'step-back': {
          if (!sim) break
          pacer.pause()
          if (command.type === 'seek') sim.seek(command.t)
          else sim.stepBack(command.skipAmbient)
          midStep = sim.position().delivered !== undefined
          pacer.jumpTo(sim.now())
          // The page's mirror starts over with the world as it is here.
          batcher.reset(sim)
          batcher.collect(sim)
          causes.invalidate()
          objectsFollowed.invalidate()
          lesson.cancel()
          break
        }
        case 'next-chapter':
          if (!sim) break
          if (lesson.next(sim) !== null) pacer.play()
          break
        case 'inspect-flow':
          causes.follow(command.id)
          break
        case 'replay':
          replay(command)
          break
        case 'play':
          if (sim) pacer.play()
          break
        case 'pause':
          pacer.pause()
          break
        case 'speed':
          pacer.setSpeed(command.speed)
          break
        case 'step': {
          if (!sim) break
          pacer.pause()
          let flow = sim.step()
          for (let i = 0; command.skipAmbient && flow?.ambient && i < 10_000; i++) flow = sim.step()
          if (flow) midStep = true
          batcher.collect(sim)
          if (flow) {
            const to = Math.max(flow.arrivesAt, pacer.virtual())
            if (reducedMotion) pacer.jumpTo(to)
            else pacer.glideTo(to, stepWallMs)
          }
          break
        }
        case 'kubectl':
          if (!sim) break
          sim.kubectl(command.line, command.stdin, command.requestId)
          // The answer needs virtual time to pass: a typed command sets the clock running.
          if (!pacer.playing()) pacer.play()
          break
        case 'kubectl-interrupt':
          if (!sim) break
          sim.interrupt(command.requestId)
          // The hang-up, like a typed line, needs virtual time to pass to reach the apiserver.
          if (!pacer.playing()) pacer.play()
          break
        case 'reduced-motion':
          reducedMotion = command.reduced
          break
        case 'traffic':
          if (!sim) break
          sim.traffic(command.line)
          if (!pacer.playing()) pacer.play()
          break
        case 'inspect-proxy':
          network.follow(command.node)
          break
        case 'inspect-pod':
          decisions.follow(command.key)
          break
        case 'inspect-actor':
          inspections.follow(command.id)
          break
        case 'inspect-object':
          objectsFollowed.follow(command.key)
          break
        case 'fault': {
          if (!sim) break
          const error = sim.fault(command.fault)
          if (error) post({ type: 'error', message: error })
          // Paused, nothing else collects: the stopped component must be drawn down at once.
          batcher.collect(sim)
          break
        }
      }
      if (action && sim) {
        // The engine's record is the branch's truth: a fork has dropped what came after.
        userScript = sim.userActions()
        if (forking) timeline.fork(sim)
      }
    } catch (error) {
      post({ type: 'error', message: error instanceof Error ? error.message : String(error) })
    }
    handleDepth--
    forceSend = true
    schedule()
  }

  return {
    handle,
    frame,
    dispose() {
      if (pending !== null) frames.cancel(pending)
      pending = null
      sim = null
    },
  }
}

/** Serves one simulation on an endpoint: every message in is a Command. */
export function serveSimulation(endpoint: HostEndpoint, options: SimHostOptions = {}): SimHost {
  const host = createSimHost((message) => endpoint.postMessage(message), options)
  const listener = (event: MessageEvent): void => host.handle(event.data as Command)
  endpoint.addEventListener('message', listener)
  endpoint.start?.()
  return {
    ...host,
    dispose() {
      endpoint.removeEventListener('message', listener)
      host.dispose()
    },
  }
}
