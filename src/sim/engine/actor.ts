/**
 * The contract between the engine and a component. An actor is a plain object of functions over
 * its own plain-data state; `Ctx` is everything it may do. It cannot see the world, another
 * actor's state, or the host.
 */
import type { Message } from '../messages.ts'
import type { ActorId, ActorKind, KubectlResult, KubectlStream, ObjectChange, Stage } from '../protocol.ts'

export interface SendOptions {
  /** Routine periodic traffic; inherited from the flow being handled when not given. */
  ambient?: boolean
  /** Overrides the cause the engine fills in (the flow being handled, or the timer's cause). */
  causeId?: string | null
  /** How long the message travels, when it is a transfer rather than a hop (an image download). */
  durationMs?: number
  /** Work the sender did to produce this message (the scheduler's filter and score). */
  stages?: Stage[]
  /** The part of the sender that sends it (a controller of kube-controller-manager); copied onto the Flow. */
  via?: string
}

/** What the host learns without a flow: kubectl's answers and etcd's committed changes. */
export type Observation =
  | { type: 'kubectl'; result: KubectlResult }
  /** What a running kubectl line printed so far (a watch); its `kubectl` result ends it. */
  | { type: 'kubectl-stream'; stream: KubectlStream }
  | { type: 'object'; change: ObjectChange }

export interface Ctx {
  readonly self: ActorId
  /** Virtual ms. */
  readonly now: number
  /** Epoch ms of virtual time 0; timestamps are `startTimeMs + now`. */
  readonly startTimeMs: number
  /** The flow being handled (or the timer's cause); null at a root. */
  readonly causeId: string | null
  /** The sender of the message being handled; null in a timer or an input. */
  readonly from: ActorId | null
  /** Sends a message; returns the new flow's id. */
  send(to: ActorId, msg: Message, opts?: SendOptions): string
  /**
   * Sets (or resets) the named timer. `data` must be plain data. What the timer's handler sends is
   * caused by the flow being handled now, unless `causeId` says otherwise (null: a periodic loop's
   * next turn, a root, so that its flows' cause chains do not grow turn after turn).
   */
  setTimer(name: string, delayMs: number, data?: unknown, opts?: { causeId?: string | null }): void
  cancelTimer(name: string): void
  hasTimer(name: string): boolean
  /** A float in [0, 1) from this actor's own seeded stream. */
  random(): number
  /**
   * The process exits (a fatal error, such as a lost leader lease): once this handler returns it is
   * stopped, and its supervisor starts it again, a fresh process, after `restartAfterMs`. With
   * null it was asked to stop (SIGTERM) and finished its last work: nobody starts it again.
   */
  exit(restartAfterMs: number | null): void
  /** Records a step of work on the flow being handled. */
  stage(stage: Stage): void
  observe(observation: Observation): void
}

/** A typed line or a script step handed to an actor (kubectl) from outside the cluster. */
export interface UserInput {
  line: string
  stdin?: string
  requestId?: string
  /** Ctrl+C on the running line typed with this request id (`line` is then empty). */
  interrupt?: string
}

export interface ActorDef<S = unknown> {
  kind: ActorKind
  receive(state: S, msg: Message, ctx: Ctx): void
  timer?(state: S, name: string, data: unknown, ctx: Ctx): void
  input?(state: S, input: UserInput, ctx: Ctx): void
  /**
   * SIGTERM: the process's last work as it is asked to stop. True when it ends itself with
   * `ctx.exit(null)` once that work is answered (a leader releasing its Lease); false, or no hook,
   * and it stops at once.
   */
  terminate?(state: S, ctx: Ctx): boolean
}
