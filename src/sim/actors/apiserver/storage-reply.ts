/** What the apiserver does when etcd answers one of its requests. */
import type { Ctx } from '../../engine/actor.ts'
import { stageTemplate } from '../../engine/deferred-stage.ts'
import type { EtcdResponse } from '../../messages.ts'
import { idleNote } from '../../k8s/discovery.ts'
import { apiVersionOf, resourceByName } from '../../k8s/resources.ts'
import { alreadyExists, conflict, internalFailure, notFound, success } from '../../k8s/status.ts'
import { etcdProbeAnswered } from './component-status.ts'
import { dryRunUpdate } from './dry-run-update.ts'
import { settled } from './etcd-client.ts'
import { guaranteedUpdate } from './mutate.ts'
import { deleteStored } from './delete-stored.ts'
import { respond } from './respond.ts'
import type { RequestRef } from './state.ts'
import { matchesFieldSelector, matchesLabelSelector } from './selectors.ts'
import type { ApiserverState } from './state.ts'

/** GuaranteedUpdate gives up after this many stale reads (our bound; upstream loops until done). */
const maxAttempts = 5

export function handleEtcdResponse(state: ApiserverState, msg: EtcdResponse, ctx: Ctx): void {
  const op = state.pending[msg.txnId]
  if (!op) return
  delete state.pending[msg.txnId]
  if (state.etcdClient) settled(state, msg.txnId)
  // Its own Lease: a failed renewal is simply made again at the next tick.
  if (op.op === 'own') return
  if (op.op === 'health') return etcdProbeAnswered(state, op.check, msg, ctx)
  if (msg.error !== undefined) return storageFailed(ctx, op.req, msg.error)
  const info = resourceByName(op.resource, op.group)!
  switch (op.op) {
    case 'create':
      if (!msg.succeeded) {
        const status = alreadyExists(info, op.name)
        ctx.stage({ name: 'response', outcome: 'failed', detail: status.message ?? '' })
        respond(ctx, op.req, 409, status)
      } else {
        ctx.stage(created.of(msg.revision, info.kind))
        respond(ctx, op.req, 201, op.respond === 'status' ? success() : msg.kvs[0]!.value)
      }
      return
    case 'get':
      if (!msg.kvs[0]) {
        const status = notFound(info, op.name)
        respond(ctx, op.req, 404, status)
      } else respond(ctx, op.req, 200, msg.kvs[0].value)
      return
    case 'list': {
      const items = msg.kvs.map((kv) => kv.value).filter((o) => matchesFieldSelector(o, op.fieldSelector) && matchesLabelSelector(o, op.labelSelector))
      ctx.stage({ name: 'response', outcome: 'ok', detail: `${items.length} item(s) at resourceVersion ${msg.revision}` })
      respond(ctx, op.req, 200, { apiVersion: apiVersionOf(info), kind: `${info.kind}List`, metadata: { resourceVersion: String(msg.revision) }, items })
      return
    }
    case 'read': {
      const current = msg.kvs[0]?.value
      const target = { resource: op.resource, group: op.group, name: op.name, key: op.key }
      if (!current) {
        const status = notFound(info, op.name)
        ctx.stage({ name: 'response', outcome: 'failed', detail: status.message ?? '' })
        respond(ctx, op.req, 404, status)
      } else if (op.then.verb === 'update') guaranteedUpdate(state, ctx, op.req, target, op.then.mutation, 0, current)
      else if (op.then.verb === 'dry-run') dryRunUpdate(state, ctx, op.req, target, op.then.mutation, current)
      else deleteStored(state, ctx, op.req, target, current, op.then.delete)
      return
    }
    case 'delete':
      if (!msg.succeeded) {
        const status = msg.kvs[0] ? conflict(info, op.name) : notFound(info, op.name)
        respond(ctx, op.req, status.code, status)
      } else respond(ctx, op.req, 200, msg.kvs[0]!.value)
      return
    case 'mutate': {
      if (msg.succeeded && op.then) {
        ctx.stage(storedKey.of(op.key, msg.revision))
        guaranteedUpdate(state, ctx, op.req, op.then.target, op.then.mutation, 0)
        return
      }
      if (msg.succeeded) {
        // A binding and an accepted eviction answer 201 with a Status, not the object.
        const bound = op.mutation.type === 'bind' || (op.mutation.type === 'graceful-delete' && op.mutation.evicted === true)
        ctx.stage(stored.of(msg.revision))
        respond(ctx, op.req, bound ? 201 : 200, bound ? success() : msg.kvs[0]!.value)
        return
      }
      const fresh = msg.kvs[0]?.value
      if (op.mutation.type === 'replace' || !fresh || op.attempt + 1 >= maxAttempts) {
        const status = fresh ? conflict(info, op.name) : notFound(info, op.name)
        respond(ctx, op.req, status.code, status)
        return
      }
      ctx.stage({ name: 'storage', outcome: 'failed', detail: 'the watch cache was stale; retrying on the fresh object' })
      guaranteedUpdate(state, ctx, op.req, op, op.mutation, op.attempt + 1, fresh, op.then)
    }
  }
}

/**
 * etcd failed the request (no quorum: `etcdserver: request timed out`). The apiserver answers 500
 * with the error's own text and no reason (apiserver's ErrorToAPIStatus for an error that is not
 * an API status), which kubectl prints as `Error from server: <text>`.
 */
export function storageFailed(ctx: Ctx, req: RequestRef, error: string): void {
  ctx.stage({ name: 'storage', outcome: 'failed', detail: error })
  respond(ctx, req, 500, internalFailure(error))
}

/** A request whose etcd call failed without an answer (its connection closed). */
export function failPending(state: ApiserverState, txnId: string, error: string, ctx: Ctx): void {
  const op = state.pending[txnId]
  if (!op) return
  delete state.pending[txnId]
  // The health probe's client retries a read on another member, and its 20 s decide the rest.
  if (op.op !== 'own' && op.op !== 'health') storageFailed(ctx, op.req, error)
}

// The texts of the stages every create and update writes, written on read (deferred-stage.ts).
const created = stageTemplate('response', 'ok', (revision: number, kind: string) => `201 Created, resourceVersion ${revision}${idleNote(kind)}`)
const storedKey = stageTemplate('storage', 'ok', (key: string, revision: number) => `${key} stored at resourceVersion ${revision}`)
const stored = stageTemplate('response', 'ok', (revision: number) => `stored at resourceVersion ${revision}`)
