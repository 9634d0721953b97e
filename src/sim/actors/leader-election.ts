/**
 * Leader election as kube-scheduler and kube-controller-manager run it: client-go's
 * tools/leaderelection with a Lease lock, `kube-system/<component>` (FIDELITY.md §7).
 *
 * - The leader renews every retryPeriod (2 s): a PUT of the Lease it last saw, with a new
 *   renewTime. A renew round that has not succeeded within renewDeadline (10 s) loses the lease,
 *   and the process exits ("leaderelection lost"); the kubelet starts its static pod again.
 * - A candidate (every process that starts) GETs the Lease every 2–4.4 s. It takes the lease only
 *   when the holder has not renewed for leaseDuration (15 s) *by its own clock*: client-go counts
 *   from when it last saw the record change, not from the renewTime written in it.
 * - Taking it is a PUT with the candidate's identity and leaseTransitions + 1, and an Event
 *   `LeaderElection: <identity> became leader` about the Lease.
 *
 * The wrapper sits around a component's `ActorDef` (outside `withRestart`): the component sees its
 * own start-up timer only once the order of its real start-up allows, and its gated timers only
 * while it leads.
 */
import type { ActorDef, Ctx } from '../engine/actor.ts'
import { microTime, uuid } from '../k8s/meta.ts'
import { isApiRequest, type ApiResponse } from '../messages.ts'
import type { KObject } from '../protocol.ts'
import { apiRequest, newApiClient, takeResponse, type ApiClient } from './client/api-client.ts'
import { recordEvent } from './client/events.ts'
import { restartTimer, type RestartData } from './restart.ts'

/** --leader-elect-lease-duration (component-base config/v1alpha1/defaults.go). */
export const leaseDurationSeconds = 15
/** --leader-elect-renew-deadline. */
export const renewDeadlineMs = 10_000
/** --leader-elect-retry-period. */
export const retryPeriodMs = 2_000
/** leaderelection.go JitterFactor: a candidate waits retryPeriod × [1, 2.2) between tries. */
const jitterFactor = 1.2
/**
 * A static pod whose container exited is started again at the kubelet's next PLEG relist (1 s,
 * pkg/kubelet/kubelet.go plegRelistPeriod); the first restart has no back-off.
 */
export const restartAfterMs = 1_000
/** The machine's hostname, the first half of every identity (`control-plane_<uuid>`). */
export const controlPlaneHost = 'control-plane'

const tryTimer = 'leader-election'
const deadlineTimer = 'leader-election-deadline'

type Cont = { do: 'get' } | { do: 'write' } | { do: 'event' } | { do: 'release' }

export interface Elector {
  /** The Lease's name in kube-system. */
  lease: string
  /** The source of its Events: `default-scheduler`, `kube-controller-manager`. */
  component: string
  identity: string
  leading: boolean
  /** The Lease as this process last read or wrote it. */
  observed: KObject | null
  /** When `observed` last changed: client-go's observedTime, on this process's own clock. */
  observedAt: number
  /** When the leader's current renew round began; null between rounds. */
  roundStart: number | null
  /** Virtual ms of its last successful renewal (or acquisition). */
  renewedAt: number | null
  client: ApiClient<Cont>
  /** ReleaseOnCancel: on SIGTERM it writes the Lease free (kube-scheduler does, kube-controller-manager does not). */
  releaseOnCancel: boolean
  /** Informers to start once it leads (kube-controller-manager starts them in its leader callback). */
  deferred?: RestartData
  /**
   * Stopped (SIGTERM) while it led with ReleaseOnCancel: its release is on the way, and the process
   * does nothing else until that is answered.
   */
  releasing?: true
}

/** What names a component's Lease and how it gives it up. */
export type ElectorSetup = Pick<Elector, 'lease' | 'component' | 'releaseOnCancel'>

export interface ElectionConfig<S> extends ElectorSetup {
  /** kube-scheduler starts its informers before it campaigns; kube-controller-manager once it leads. */
  informersFirst: boolean
  /** Timers of the component that do nothing while it does not lead (the scheduler's cycles). */
  gated?: (name: string) => boolean
  /** The leader callback (the scheduler starts its cycles). */
  onStartedLeading?: (state: S, ctx: Ctx) => void
}

const electorField = 'leaderElection'

export function electorOf(state: unknown): Elector | undefined {
  return (state as Record<string, Elector | undefined>)[electorField]
}

export const leasePath = (name: string): string => `/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/${name}`

function newElector(setup: ElectorSetup, apiserver: string, identity: string): Elector {
  const { lease, component, releaseOnCancel } = setup
  return {
    lease,
    component,
    identity,
    leading: false,
    observed: null,
    observedAt: 0,
    roundStart: null,
    renewedAt: null,
    // Its own request ids, unique to this process: a response to a request of the process before
    // a restart (its connection gone) finds nobody waiting in this one.
    client: { ...newApiClient<Cont>(apiserver), tag: `lease:${identity.slice(-8)}:` },
    releaseOnCancel,
  }
}

/** `control-plane_<uuid>`: a new one each time the process starts (leaderelection.go). */
export function newIdentity(random: () => number): string {
  return `${controlPlaneHost}_${uuid(random)}`
}

/** The elector of a process that has led since before the run: the Lease it holds is in etcd. */
export function leadingElector(setup: ElectorSetup, apiserver: string, held: KObject): Elector {
  const spec = held.spec as { holderIdentity: string }
  return { ...newElector(setup, apiserver, spec.holderIdentity), leading: true, observed: held, renewedAt: 0 }
}

/** Puts a leading elector on a component's state (bootstrap). */
export function setElector(state: object, el: Elector): void {
  ;(state as Record<string, Elector>)[electorField] = el
}

/** The timer of the elector's tries; bootstrap starts the first renewal with it. */
export const electionTimer = tryTimer

/**
 * ReleaseOnCancel: a leader stopped with SIGTERM writes its Lease free (no holder, a 1 s
 * duration, leaderelection.go release), so the next process takes it at its first try. The
 * process waits for the answer, at most renewDeadline (release's context timeout), then exits.
 * The wrapper's `terminate` hook: true when it sent the release (it exits once answered), false
 * when it has nothing to release.
 */
function releaseLease(state: unknown, ctx: Ctx): boolean {
  const el = electorOf(state)
  if (!el?.leading || !el.releaseOnCancel || !el.observed) return false
  const now = microTime(ctx.startTimeMs + ctx.now)
  const spec: LeaseSpec = { holderIdentity: '', leaseDurationSeconds: 1, acquireTime: now, renewTime: now, leaseTransitions: specOf(el.observed).leaseTransitions ?? 0 }
  apiRequest(el.client, ctx, 'update', leasePath(el.lease), { do: 'release' }, { body: { ...el.observed, spec }, ambient: false })
  el.releasing = true
  ctx.setTimer(deadlineTimer, renewDeadlineMs)
  return true
}

/** The release is answered (or timed out): the process exits (its supervisor starts it again if asked meanwhile). */
function released(ctx: Ctx): void {
  ctx.exit(null)
}

/** The Lease a leader holds from `epochMs` on. */
export function leaderLeaseObject(name: string, holder: string, epochMs: number): KObject {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name, namespace: 'kube-system' },
    spec: { holderIdentity: holder, leaseDurationSeconds, acquireTime: microTime(epochMs), renewTime: microTime(epochMs), leaseTransitions: 0 },
  }
}

interface LeaseSpec {
  holderIdentity?: string
  leaseDurationSeconds?: number
  acquireTime?: string
  renewTime?: string
  leaseTransitions?: number
}

const specOf = (lease: KObject | null): LeaseSpec => (lease?.spec ?? {}) as LeaseSpec
const isLeader = (el: Elector): boolean => specOf(el.observed).holderIdentity === el.identity

/** The record it writes (leaderelection.go tryAcquireOrRenew): a renewal keeps acquireTime and the transition count. */
function record(el: Elector, base: KObject | null, ctx: Ctx): KObject {
  const now = microTime(ctx.startTimeMs + ctx.now)
  const old = specOf(base)
  const keep = isLeader(el)
  const spec: LeaseSpec = {
    holderIdentity: el.identity,
    leaseDurationSeconds,
    acquireTime: keep ? old.acquireTime : now,
    renewTime: now,
    leaseTransitions: keep ? (old.leaseTransitions ?? 0) : base ? (old.leaseTransitions ?? 0) + 1 : 0,
  }
  return base ? { ...base, spec } : leaderLeaseObject(el.lease, el.identity, ctx.startTimeMs + ctx.now)
}

function write(el: Elector, ctx: Ctx, base: KObject | null): void {
  const body = record(el, base, ctx)
  if (base) apiRequest(el.client, ctx, 'update', leasePath(el.lease), { do: 'write' }, { body, ambient: true })
  else apiRequest(el.client, ctx, 'create', leasePath(el.lease).replace(/\/[^/]+$/, ''), { do: 'write' }, { body, ambient: true })
}

/** One try: the leader's optimistic renewal, or a candidate's read of the Lease. */
function tryAcquireOrRenew(el: Elector, ctx: Ctx): void {
  if (el.leading) {
    if (el.roundStart === null) {
      el.roundStart = ctx.now
      ctx.setTimer(deadlineTimer, renewDeadlineMs)
    }
    write(el, ctx, el.observed)
  } else read(el, ctx)
}

function read(el: Elector, ctx: Ctx): void {
  apiRequest(el.client, ctx, 'get', leasePath(el.lease), { do: 'get' }, { ambient: true })
}

/** This try failed: the leader polls again within its round; a candidate waits a jittered period. */
function retry(el: Elector, ctx: Ctx): void {
  nextTry(ctx, el.leading ? retryPeriodMs : Math.round(retryPeriodMs * (1 + ctx.random() * jitterFactor)))
}

/** The loop's next turn: a root, like every periodic loop's (not caused by the answer it follows). */
function nextTry(ctx: Ctx, delayMs: number): void {
  ctx.setTimer(tryTimer, delayMs, undefined, { causeId: null })
}

function observe(el: Elector, lease: KObject, ctx: Ctx): void {
  if (lease.metadata.resourceVersion === el.observed?.metadata.resourceVersion) return
  el.observed = lease
  el.observedAt = ctx.now
}

function onRead(el: Elector, msg: ApiResponse, ctx: Ctx): void {
  if (msg.code === 404) return write(el, ctx, null)
  if (msg.code !== 200) return retry(el, ctx)
  observe(el, msg.body as KObject, ctx)
  const spec = specOf(el.observed)
  const valid = el.observedAt + (spec.leaseDurationSeconds ?? leaseDurationSeconds) * 1000 > ctx.now
  // "lock is held by <holder> and has not yet expired"
  if (spec.holderIdentity && valid && !isLeader(el)) return retry(el, ctx)
  write(el, ctx, el.observed)
}

function onWritten<S>(state: S, el: Elector, cfg: ElectionConfig<S>, def: ActorDef<S>, msg: ApiResponse, ctx: Ctx): void {
  if (msg.code !== 200 && msg.code !== 201) {
    // The leader's optimistic update failed: the slow path reads the Lease at once.
    if (el.leading) read(el, ctx)
    else retry(el, ctx)
    return
  }
  const lease = msg.body as KObject
  el.observed = lease
  el.observedAt = ctx.now
  el.renewedAt = ctx.now
  el.roundStart = null
  ctx.cancelTimer(deadlineTimer)
  nextTry(ctx, retryPeriodMs)
  if (el.leading) return
  el.leading = true
  recordEvent(el.client, ctx, { involved: lease, type: 'Normal', reason: 'LeaderElection', message: `${el.identity} became leader`, component: el.component }, { do: 'event' }, { ambient: false })
  if (el.deferred) {
    const data = el.deferred
    delete el.deferred
    def.timer?.(state, restartTimer, data, ctx)
  }
  cfg.onStartedLeading?.(state, ctx)
}

/** Wraps a component that runs only while it holds its leader Lease. */
export function withLeaderElection<S>(def: ActorDef<S>, cfg: ElectionConfig<S>): ActorDef<S> {
  return {
    ...def,
    terminate: (state, ctx) => releaseLease(state, ctx),
    receive(state, msg, ctx) {
      const el = electorOf(state)
      if (el && msg.kind === 'apiserver.response' && msg.reqId.startsWith(`${ctx.self}#lease:`)) {
        const cont = takeResponse(el.client, msg)
        if (cont?.do === 'release') released(ctx)
        else if (el.releasing) return
        else if (cont?.do === 'get') onRead(el, msg, ctx)
        else if (cont?.do === 'write') onWritten(state, el, cfg, def, msg, ctx)
        return
      }
      // Stopping: its informers and cycles are cancelled and only the release's answer matters,
      // but its HTTP server answers (`/healthz`) until the process exits.
      if (el?.releasing && !isApiRequest(msg)) return
      def.receive(state, msg, ctx)
    },
    timer(state, name, data, ctx) {
      if (name === restartTimer) {
        // A new process: a new identity, a candidate until it takes the Lease.
        const el = newElector(cfg, (data as RestartData).apiserver, newIdentity(ctx.random))
        setElector(state as object, el)
        if (cfg.informersFirst) def.timer?.(state, name, data, ctx)
        else el.deferred = data as RestartData
        ctx.setTimer(tryTimer, 0)
        return
      }
      const el = electorOf(state)
      if (el?.releasing) {
        // "Failed to release lease": the release's context ran out; the process exits anyway.
        if (name === deadlineTimer) released(ctx)
        return
      }
      if (el && name === tryTimer) return tryAcquireOrRenew(el, ctx)
      if (el && name === deadlineTimer) {
        // "failed to renew lease kube-system/<name>: context deadline exceeded", then "leaderelection lost".
        if (el.leading && el.roundStart !== null) ctx.exit(restartAfterMs)
        return
      }
      if (el && !el.leading && cfg.gated?.(name)) return
      def.timer?.(state, name, data, ctx)
    },
  }
}
