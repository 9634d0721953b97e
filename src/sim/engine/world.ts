/** The whole simulation as plain data: a snapshot is a deep copy of this. */
import type { Message } from '../messages.ts'
import type { ActorId, ActorKind, Flow, KubectlResult, KubectlStream } from '../protocol.ts'
import type { Observation, UserInput } from './actor.ts'

export interface ActorRecord {
  id: ActorId
  kind: ActorKind
  state: unknown
  /** mulberry32 state word. */
  rng: number
  running: boolean
  /** Live timers: name → token of the scheduled event (a reset timer gets a new token). */
  timers: Record<string, number>
  node?: string
  dormant?: string
  /** Asked to stop and finishing its last work (ActorDef.terminate); `startAgain` when started meanwhile. */
  terminating?: { startAgain: boolean }
}

export type QueueEvent =
  | { time: number; seq: number; type: 'deliver'; flow: number; msg: Message }
  | {
      time: number
      seq: number
      type: 'timer'
      actor: ActorId
      name: string
      token: number
      cause: string | null
      ambient: boolean
      data: unknown
    }
  | { time: number; seq: number; type: 'input'; actor: ActorId; input: UserInput }
  | { time: number; seq: number; type: 'script'; index: number }
  /**
   * A process's life outside its own code: it exits (`ctx.exit`), and its supervisor (the kubelet,
   * for a static pod) starts it again. `token` ties a start to the exit it follows.
   */
  | { time: number; seq: number; type: 'process'; actor: ActorId; action: 'exit' | 'start'; restartAfterMs: number | null; token: number }

export interface World {
  now: number
  seq: number
  seed: number
  startTimeMs: number
  queue: QueueEvent[]
  actors: Record<ActorId, ActorRecord>
  /** Every flow ever sent; `flow:<n>` is `flows[n - 1]`. */
  flows: Flow[]
  delivered: number
  /**
   * Last arrival time per link `from>to`. A link is one connection (TCP, HTTP/2, a unix socket):
   * messages on it never overtake each other.
   */
  linkArrivals: Record<string, number>
  /** Answers of every kubectl line, in order. */
  kubectl: KubectlResult[]
  /** Not yet drained by the host. */
  observations: Observation[]
  /** kubectl lines still running that printed something (watches), by `streamKey`. */
  kubectlStreams?: Record<string, KubectlStream>
  /**
   * Nodes cut off from the control plane by a fault: a flow between an actor on one of these
   * nodes and an actor elsewhere (the image registry aside) is dropped on arrival.
   */
  partitions?: string[]
  /** The watches a stopped component held, restored by LIST + WATCH when it starts again. */
  stoppedWatches?: Record<ActorId, { prefix: string; namespace?: string; fieldSelector: string; labelSelector: string }[]>
}

export function flowAt(world: World, id: string): Flow | undefined {
  return world.flows[Number(id.slice(5)) - 1]
}
