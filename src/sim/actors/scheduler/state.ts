/** kube-scheduler's state: informer caches, the scheduler cache, the queue, and every decision. */
import type { KObject } from '../../protocol.ts'
import { newApiClient, type ApiClient } from '../client/api-client.ts'
import type { Cache } from '../client/informer.ts'
import { defaultConfig, type OwnerCaches, type SchedulerConfig } from './cycle.ts'
import type { StoredDecision } from './decision-store.ts'
import { newCache, upsertNode, type SchedulerCache } from './node-info.ts'
import { newQueue, type SchedulingQueue } from './queue.ts'
import type { Elector } from '../leader-election.ts'

export type Cont = { do: 'bind'; pod: string; node: string } | { do: 'ignore' }

export interface SchedulerState {
  client: ApiClient<Cont>
  /** Its leader election (leader-election.ts): absent only in unit tests that build a bare state. */
  leaderElection?: Elector
  cfg: SchedulerConfig
  nodes: Cache
  pods: Cache
  owners: OwnerCaches
  cache: SchedulerCache
  queue: SchedulingQueue
  /** Pods assumed on a node while their binding is in flight. */
  assumed: Record<string, string>
  /** Node → pods nominated to it by preemption (status.nominatedNodeName). */
  nominated: Record<string, string[]>
  /** schedule_one.go nextStartNodeIndex: where the next cycle starts filtering. */
  nextStartNodeIndex: number
  /** The flow that put each pod in the queue: the cause of its binding. */
  causes: Record<string, string | null>
  /** The last decision per pod, for the inspector's table. */
  decisions: Record<string, StoredDecision>
  /**
   * Pending pods found before the scheduler's loop runs (bootstrap objects its informer's initial
   * LIST would return); the first cycle moves them into the scheduling queue.
   */
  activeQ: string[]
}

export function newSchedulerState(apiserver: string): SchedulerState {
  return {
    client: newApiClient<Cont>(apiserver),
    cfg: defaultConfig(),
    nodes: {},
    pods: {},
    owners: { services: {}, replicasets: {}, statefulsets: {}, replicationcontrollers: {} },
    cache: newCache(),
    queue: newQueue(),
    assumed: {},
    nominated: {},
    nextStartNodeIndex: 0,
    causes: {},
    decisions: {},
    activeQ: [],
  }
}

/** Bootstrap: a Node that exists before the scheduler's watch opens (its initial LIST). */
export function seedNode(state: SchedulerState, key: string, node: KObject): void {
  state.nodes[key] = node
  upsertNode(state.cache, node)
}
