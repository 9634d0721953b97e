/**
 * kube-controller-manager's state: one informer cache per resource it watches (shared by its
 * controllers, as its SharedInformerFactory is), an index of pods by owner, and per controller a
 * work queue and the bookkeeping real controllers keep (expectations, slow-start batches).
 */
import type { ApiClient } from '../client/api-client.ts'
import type { ServiceControllersState } from './service-client.ts'
import type { Cache } from '../client/informer.ts'
import type { PodStats } from './pod-stats.ts'
import type { NodeLifecycleState } from './node-lifecycle.ts'
import type { Elector } from '../leader-election.ts'

/** Controller names as `--controllers` spells them (cmd/kube-controller-manager/names). */
export type ControllerName =
  | 'deployment-controller'
  | 'replicaset-controller'
  | 'replicationcontroller-controller'
  | 'daemonset-controller'
  | 'statefulset-controller'
  | 'job-controller'
  | 'cronjob-controller'
  | 'garbage-collector-controller'
  | 'namespace-controller'
  | 'serviceaccount-controller'
  | 'serviceaccount-token-controller'
  | 'root-ca-certificate-publisher-controller'

/**
 * client-go's workqueue: a key is queued once; while it is being synced (its requests in flight)
 * a new change only marks it dirty, and it is queued again when the sync ends.
 */
export interface WorkQueue {
  queue: string[]
  queued: Record<string, true>
  /** Requests still in flight per key being synced. */
  busy: Record<string, number>
  dirty: Record<string, true>
}

/** pkg/controller/controller_utils.go ControllerExpectations: creates and deletes not yet observed. */
export interface Expectation {
  add: number
  del: number
}

/** ClaimPods bookkeeping per `ctrl/key` (replicaset-claim.ts). */
export interface ClaimState {
  /** A pod event asked this owner to look for pods to adopt or release. */
  due?: true
  /** Pod uid → 1 adopted, -1 released, until the informer shows the new ownerReferences. */
  pending: Record<string, 1 | -1>
  /** Orphans to adopt once the owner's uncached GET confirms it (canAdopt). */
  adopt?: { name: string; uid: string }[]
}

/** A slowStartBatch in progress: the pods still to create and the size of the next batch. */
export interface SlowStart {
  remaining: number
  batch: number
  inFlight: number
  failed: boolean
}

/** What to do with an apiserver response, as plain data. */
export type Cont =
  | { do: 'ignore' }
  | { do: 'sync'; ctrl: ControllerName; key: string; step?: string; name?: string; uid?: string }

export interface ControllerManagerState {
  client: ApiClient<Cont>
  /** Its leader election (leader-election.ts): absent only in unit tests that build a bare state. */
  leaderElection?: Elector
  /** Informer caches by resource (`pods`, `replicasets`, …), keyed `namespace/name`. */
  caches: Record<string, Cache>
  /** Pods by the uid of their controller (ownerReference with controller: true). */
  podsByOwner: Record<string, Record<string, true>>
  /** Active and ready pod counts by controller uid (pod-stats.ts). */
  podStats: Record<string, PodStats>
  queues: Partial<Record<ControllerName, WorkQueue>>
  expectations: Record<string, Expectation>
  slowStart: Record<string, SlowStart>
  /** Adoption and release of pods by selector, per `ctrl/key` (replicaset-claim.ts). */
  claims?: Record<string, ClaimState>
  /** A ControllerRevision write in flight per `ctrl/key`: its name (revisions.ts). */
  revisionWrites?: Record<string, string>
  /** Garbage collector: dependents by owner uid, and what each uid is. */
  gc: {
    owners: Record<string, Record<string, true>>
    objects: Record<string, { resource: string; key: string }>
    /** Owners seen deleted, or confirmed absent by a GET. */
    gone: Record<string, true>
  }
  /** CronJob: the next scheduled time already armed per CronJob key. */
  cronArmed: Record<string, number>
  /** Namespace controller: Terminating namespaces whose Events were listed and deleted. */
  namespacesListed: Record<string, true>
  /** The EndpointSlice and Endpoints controllers' own informers and writes (service-controllers.ts). */
  services?: ServiceControllersState
  /** The node lifecycle and taint eviction controllers' state (node-lifecycle.ts). */
  nodeLifecycle?: NodeLifecycleState
}

export const watchedResources = [
  'namespaces',
  'serviceaccounts',
  'configmaps',
  'nodes',
  'pods',
  'deployments',
  'replicasets',
  'replicationcontrollers',
  'daemonsets',
  'statefulsets',
  'controllerrevisions',
  'jobs',
  'cronjobs',
] as const

export function newState(client: ApiClient<Cont>): ControllerManagerState {
  const caches: Record<string, Cache> = {}
  for (const r of watchedResources) caches[r] = {}
  return { client, caches, podsByOwner: {}, podStats: {}, queues: {}, expectations: {}, slowStart: {}, gc: { owners: {}, objects: {}, gone: {} }, cronArmed: {}, namespacesListed: {} }
}
