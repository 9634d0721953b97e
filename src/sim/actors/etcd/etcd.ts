/**
 * An etcd member. It answers kube-apiserver's transactions and ranges, and streams every committed
 * write to each apiserver's watch (the apiserver's watch cache; FIDELITY.md §1.0.2).
 */
import type { ActorDef, Ctx } from '../../engine/actor.ts'
import { freezeLevels } from '../../engine/clone.ts'
import type { EtcdKv, EtcdRange, EtcdResponse, EtcdTxn, EtcdWatchEvent, Message } from '../../messages.ts'
import type { ActorId } from '../../protocol.ts'
import { put, range, remove, type Mvcc } from './mvcc.ts'

export interface EtcdState {
  store: Mvcc
  /** Apiservers watching every key (each keeps one watch per resource prefix; one stream here). */
  watchers: ActorId[]
}

function reply(ctx: Ctx, to: ActorId, txnId: string, succeeded: boolean, revision: number, kvs: EtcdKv[]): void {
  const msg: EtcdResponse = { kind: 'etcd.response', txnId, succeeded, revision, kvs }
  ctx.send(to, msg)
}

function txn(state: EtcdState, msg: EtcdTxn, from: ActorId, ctx: Ctx): void {
  const store = state.store
  const current = store.kv[msg.key]
  const guardHolds =
    msg.op === 'create' ? current === undefined : current !== undefined && (msg.expectModRevision === undefined || current.modRevision === msg.expectModRevision)
  if (!guardHolds) {
    ctx.stage({ name: 'txn', outcome: 'failed', detail: msg.op === 'create' ? `key exists (create_revision ${current?.createRevision})` : `mod_revision is ${current?.modRevision ?? 'none'}, expected ${msg.expectModRevision}` })
    reply(ctx, from, msg.txnId, false, store.revision, current ? [current] : [])
    return
  }
  let event: EtcdWatchEvent
  if (msg.op === 'delete') {
    const prev = remove(store, msg.key)!
    event = { type: 'DELETE', key: msg.key, value: null, prevValue: prev.value, modRevision: store.revision }
    reply(ctx, from, msg.txnId, true, store.revision, [prev])
  } else {
    // Committed data never changes (a write stores a new object): frozen, so checkpoints share it.
    const kv = put(store, msg.key, msg.value!)
    freezeLevels(kv.value)
    Object.freeze(kv)
    event = { type: 'PUT', key: msg.key, value: kv.value, prevValue: current?.value ?? null, modRevision: kv.modRevision }
    reply(ctx, from, msg.txnId, true, store.revision, [kv])
  }
  ctx.stage({ name: 'txn', outcome: 'ok', detail: `committed at revision ${store.revision}` })
  ctx.observe({ type: 'object', change: { key: msg.key, object: event.value, revision: store.revision } })
  for (const w of state.watchers) ctx.send(w, { kind: 'etcd.watch', events: [event] })
}

function rangeRequest(state: EtcdState, msg: EtcdRange, from: ActorId, ctx: Ctx): void {
  const kvs = range(state.store, msg.key, msg.prefix)
  ctx.stage({ name: 'range', outcome: 'ok', detail: `${kvs.length} key(s) at revision ${state.store.revision}` })
  reply(ctx, from, msg.txnId, true, state.store.revision, kvs)
}

export const etcd: ActorDef<EtcdState> = {
  kind: 'etcd',
  receive(state, msg: Message, ctx) {
    if (!ctx.from) return
    if (msg.kind === 'etcd.txn') txn(state, msg, ctx.from, ctx)
    else if (msg.kind === 'etcd.range') rangeRequest(state, msg, ctx.from, ctx)
  },
}
