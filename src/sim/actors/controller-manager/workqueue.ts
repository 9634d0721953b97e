/**
 * The controllers' work queues and how a controller talks to the apiserver: every request goes
 * out under the controller's own ServiceAccount (`--use-service-account-credentials`, as kubeadm
 * sets it) and names the controller in `via`, so the drawing lights that controller up.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { Verb } from '../../messages.ts'
import type { KObject } from '../../protocol.ts'
import { apiRequest, type RequestOptions } from '../client/api-client.ts'
import { recordEvent } from '../client/events.ts'
import type { Cont, ControllerManagerState, ControllerName, WorkQueue } from './state.ts'

/** The ServiceAccount each controller authenticates as (pkg/controlplane/…/bootstrappolicy/controller_policy.go). */
export const controllerUser: Record<ControllerName, string> = {
  'deployment-controller': 'system:serviceaccount:kube-system:deployment-controller',
  'replicaset-controller': 'system:serviceaccount:kube-system:replicaset-controller',
  'replicationcontroller-controller': 'system:serviceaccount:kube-system:replication-controller',
  'daemonset-controller': 'system:serviceaccount:kube-system:daemon-set-controller',
  'statefulset-controller': 'system:serviceaccount:kube-system:statefulset-controller',
  'job-controller': 'system:serviceaccount:kube-system:job-controller',
  'cronjob-controller': 'system:serviceaccount:kube-system:cronjob-controller',
  'garbage-collector-controller': 'system:serviceaccount:kube-system:generic-garbage-collector',
  'namespace-controller': 'system:serviceaccount:kube-system:namespace-controller',
  'serviceaccount-controller': 'system:serviceaccount:kube-system:service-account-controller',
  'serviceaccount-token-controller': 'system:serviceaccount:kube-system:tokens-controller',
  'root-ca-certificate-publisher-controller': 'system:serviceaccount:kube-system:root-ca-cert-publisher',
}

/** The event source each controller's recorder names (`source.component`). */
export const eventSource: Partial<Record<ControllerName, string>> = {
  'deployment-controller': 'deployment-controller',
  'replicaset-controller': 'replicaset-controller',
  'replicationcontroller-controller': 'replication-controller',
  'daemonset-controller': 'daemonset-controller',
  'statefulset-controller': 'statefulset-controller',
  'job-controller': 'job-controller',
  'cronjob-controller': 'cronjob-controller',
  'garbage-collector-controller': 'garbage-collector-controller',
  'namespace-controller': 'namespace-controller',
}

/**
 * A worker picks a queued key up about a millisecond after it was added (client-go's workqueue
 * hands it to one of `--concurrent-*-syncs` workers at once; the sync itself is sub-ms). Changes
 * that arrive in the same millisecond collapse into one sync, as they do in a real queue.
 */
const pickupMs = 1

function queueOf(state: ControllerManagerState, ctrl: ControllerName): WorkQueue {
  return (state.queues[ctrl] ??= { queue: [], queued: {}, busy: {}, dirty: {} })
}

export function enqueue(state: ControllerManagerState, ctx: Ctx, ctrl: ControllerName, key: string, delayMs = pickupMs): void {
  if (delayMs > pickupMs) {
    ctx.setTimer(`after:${ctrl}:${key}`, delayMs, { ctrl, key })
    return
  }
  const q = queueOf(state, ctrl)
  if (q.busy[key]) {
    q.dirty[key] = true
    return
  }
  if (q.queued[key]) return
  q.queued[key] = true
  q.queue.push(key)
  if (!ctx.hasTimer(`work:${ctrl}`)) ctx.setTimer(`work:${ctrl}`, delayMs, { ctrl })
}

/** Takes every queued key of a controller, in order. */
export function drain(state: ControllerManagerState, ctrl: ControllerName): string[] {
  const q = queueOf(state, ctrl)
  const keys = q.queue
  q.queue = []
  q.queued = {}
  return keys
}

/** One of a sync's requests came back; the key is free when all have. */
export function requestDone(state: ControllerManagerState, ctx: Ctx, ctrl: ControllerName, key: string): void {
  const q = queueOf(state, ctrl)
  const left = (q.busy[key] ?? 1) - 1
  if (left > 0) {
    q.busy[key] = left
    return
  }
  delete q.busy[key]
  if (q.dirty[key]) {
    delete q.dirty[key]
    enqueue(state, ctx, ctrl, key)
  }
}

export function isBusy(state: ControllerManagerState, ctrl: ControllerName, key: string): boolean {
  return !!queueOf(state, ctrl).busy[key]
}

export interface SendOpts {
  body?: unknown
  query?: [string, string][]
  /** Continuation step, for responses the controller reads (a created pod's name). */
  step?: string
  name?: string
  uid?: string
}

/** A request made by a controller's sync of `key`; the key stays busy until it returns. */
export function send(state: ControllerManagerState, ctx: Ctx, ctrl: ControllerName, key: string, verb: Verb, path: string, opts: SendOpts = {}): void {
  const q = queueOf(state, ctrl)
  q.busy[key] = (q.busy[key] ?? 0) + 1
  // Built field by field: one object each, no throw-away spreads (a sync sends many requests).
  const cont: Cont = { do: 'sync', ctrl, key }
  if (opts.step) cont.step = opts.step
  if (opts.name) cont.name = opts.name
  if (opts.uid) cont.uid = opts.uid
  const request: RequestOptions = { asUser: controllerUser[ctrl], via: ctrl }
  if (opts.body !== undefined) request.body = opts.body
  if (opts.query) request.query = opts.query
  apiRequest(state.client, ctx, verb, path, cont, request)
}

/** Records a core/v1 Event from a controller (fire and forget). */
export function emit(state: ControllerManagerState, ctx: Ctx, ctrl: ControllerName, involved: KObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
  recordEvent(state.client, ctx, { involved, type, reason, message, component: eventSource[ctrl] ?? ctrl, asUser: controllerUser[ctrl] }, { do: 'ignore' }, { via: ctrl })
}
