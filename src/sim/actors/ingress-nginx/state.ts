/** What the ingress-nginx controller process holds: its informers' caches, nginx's routing table, its counters. */
import type { ActorId } from '../../protocol.ts'
import { newApiClient, type ApiClient } from '../client/api-client.ts'
import type { Cache } from '../client/informer.ts'
import type { RoutingTable } from './routing.ts'

export const ingressNginxId = 'ingress-nginx'

/** The four informers the controller's store starts (internal/ingress/controller/store/store.go). */
export const informers = ['ingressclasses', 'ingresses', 'services', 'endpointslices'] as const
export type Informer = (typeof informers)[number]

export type Cont =
  | { do: 'ignore' }
  | { do: 'list'; informer: Informer; generation: number }
  | { do: 'watch'; informer: Informer; generation: number }
  | { do: 'status-pods' }
  | { do: 'status-node'; nodes: string[]; addrs: string[] }
  | { do: 'status-service' }
  | { do: 'status-get'; addrs: string[] }
  | { do: 'event'; key: string }

/** One aggregated Event (client-go's EventCorrelator: the same event again is a PATCH of count). */
export interface RecordedEvent {
  name: string
  namespace: string
  count: number
}

export interface ControllerPod {
  name: string
  node?: string
  ip?: string
  running: boolean
}

export interface IngressNginxState {
  client: ApiClient<Cont>
  /** --publish-service: with a cloud, the Service's load balancer address is the status address. */
  publishService: boolean
  /** The controller pod the process runs in, from its pod informer. */
  pod?: ControllerPod
  /** The pod whose process started the informers; a new pod starts them again. */
  startedFor?: string
  /** Bumped at each start, so answers to an older process's requests are ignored. */
  generation: number
  listed: Informer[]
  watchIds: string[]
  ingressclasses: Cache
  ingresses: Cache
  services: Cache
  endpointslices: Cache
  table: RoutingTable
  /** `namespace/name` of the Ingresses it claims, at the last sync. */
  claimed: string[]
  syncs: number
  lastSyncAt: number
  /** Addresses written at the last status sync. */
  statusAddresses: string[]
  lastStatusAt: number
  /** Round robin position per upstream (the Lua balancer's default `round_robin`). */
  rr: Record<string, number>
  /** Proxied requests waiting for their upstream's answer: upstream request id → the client's. */
  pending: Record<string, { client: ActorId; reqId: string }>
  nextUpstream: number
  requests: number
  /** Answers by HTTP status. */
  codes: Record<string, number>
  events: Record<string, RecordedEvent>
}

export function newIngressNginxState(apiserver: ActorId, publishService: boolean): IngressNginxState {
  return {
    client: newApiClient(apiserver),
    publishService,
    generation: 0,
    listed: [],
    watchIds: [],
    ingressclasses: {},
    ingresses: {},
    services: {},
    endpointslices: {},
    table: { servers: [{ host: '_', locations: [] }] },
    claimed: [],
    syncs: 0,
    lastSyncAt: -1,
    statusAddresses: [],
    lastStatusAt: -1,
    rr: {},
    pending: {},
    nextUpstream: 0,
    requests: 0,
    codes: {},
    events: {},
  }
}
