/**
 * How every component talks to kube-apiserver: a request carries a plain-data continuation that
 * the component's own code interprets when the response arrives (no closures: state must clone).
 */
import type { Ctx, SendOptions } from '../../engine/actor.ts'
import type { ApiRequest, ApiResponse, Verb } from '../../messages.ts'
import type { ActorId } from '../../protocol.ts'

export interface ApiClient<C> {
  apiserver: ActorId
  nextReq: number
  pending: Record<string, C>
  /** The event recorder's correlation cache (events.ts): event key → the Event's name and count. */
  events?: Record<string, { name: string; count: number }>
  eventsSize?: number
  /**
   * Marks this client's request ids (`kube-scheduler:0#lease:3`) when one process has a second
   * client beside its main one (leader election), so their responses never mix.
   */
  tag?: string
}

export function newApiClient<C>(apiserver: ActorId): ApiClient<C> {
  return { apiserver, nextReq: 0, pending: {} }
}

const KIND: Record<Verb, ApiRequest['kind']> = {
  get: 'apiserver.get',
  list: 'apiserver.list',
  create: 'apiserver.create',
  update: 'apiserver.update',
  patch: 'apiserver.patch',
  delete: 'apiserver.delete',
  watch: 'apiserver.watch',
}

export interface RequestOptions extends SendOptions {
  query?: [string, string][]
  body?: unknown
  asUser?: string
  closeOn?: 'DELETED'
  contentType?: ApiRequest['contentType']
}

/** Sends a request; `cont` comes back from `takeResponse` with its response. */
export function apiRequest<C>(client: ApiClient<C>, ctx: Ctx, verb: Verb, path: string, cont: C, opts: RequestOptions = {}): string {
  const reqId = client.tag === undefined ? `${ctx.self}#${++client.nextReq}` : `${ctx.self}#${client.tag}${++client.nextReq}`
  client.pending[reqId] = cont
  const msg: ApiRequest = { kind: KIND[verb], reqId, verb, path }
  if (opts.query) msg.query = opts.query
  if (opts.body !== undefined) msg.body = opts.body
  if (opts.asUser) msg.asUser = opts.asUser
  if (opts.closeOn) msg.closeOn = opts.closeOn
  if (opts.contentType) msg.contentType = opts.contentType
  // The engine reads only the SendOptions fields, so the request options go as they are.
  ctx.send(client.apiserver, msg, opts)
  return reqId
}

export function takeResponse<C>(client: ApiClient<C>, msg: ApiResponse): C | undefined {
  const cont = client.pending[msg.reqId]
  delete client.pending[msg.reqId]
  return cont
}
