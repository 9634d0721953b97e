/**
 * An etcd member. It answers kube-apiserver's transactions and ranges, and streams every committed
 * write to each apiserver's watch cache (FIDELITY.md §1.0.2), except writes to resources the
 * apiserver keeps no cache for (events): those go only to the watches opened for them.
 */
import type { ActorDef, Ctx } from '../../engine/actor.ts'
import { freezeLevels } from '../../engine/clone.ts'
import type { EtcdKv, EtcdRange, EtcdResponse, EtcdTxn, EtcdWatchCancel, EtcdWatchCreate, EtcdWatchEvent, Message } from '../../messages.ts'
import type { ActorId } from '../../protocol.ts'
import { put, range, remove, type Mvcc } from './mvcc.ts'

/** A watch on one key prefix for one client watch of an apiserver (WatchCreateRequest). */
export interface PrefixWatch {
  apiserver: ActorId
  watchId: string
  /** `/registry/events/default/`: the watch sees keys under it. */
  prefix: string
}

export interface EtcdState {
  store: Mvcc
  /**
   * Apiservers' watch caches: each keeps one watch per cached resource prefix, one stream here
   * that carries every write except under `uncached`.
   */
  watchers: ActorId[]
  /** Prefixes no watch cache watches (kube-apiserver's DefaultWatchCacheSizes: events). */
  uncached: readonly string[]
  /** Watches the apiservers opened for single client watches of uncached resources. */
  prefixWatches: PrefixWatch[]
}

function underUncached(state: EtcdState, key: string): boolean {
  for (const p of state.uncached) if (key.startsWith(p)) return true
  return false
}

/** Streams one committed write to whoever watches its key. */
function notify(state: EtcdState, event: EtcdWatchEvent, ctx: Ctx): void {
  if (!underUncached(state, event.key)) {
    for (const w of state.watchers) ctx.send(w, { kind: 'etcd.watch', events: [event] })
    return
  }
  for (const w of state.prefixWatches) if (event.key.startsWith(w.prefix)) ctx.send(w.apiserver, { kind: 'etcd.watch', events: [event], watchId: w.watchId })
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
  notify(state, event, ctx)
}

function rangeRequest(state: EtcdState, msg: EtcdRange, from: ActorId, ctx: Ctx): void {
  const kvs = range(state.store, msg.key, msg.prefix)
  ctx.stage({ name: 'range', outcome: 'ok', detail: `${kvs.length} key(s) at revision ${state.store.revision}` })
  reply(ctx, from, msg.txnId, true, state.store.revision, kvs)
}

function watchCreate(state: EtcdState, msg: EtcdWatchCreate, from: ActorId, ctx: Ctx): void {
  const prefix = `${msg.key}/`
  state.prefixWatches = [...state.prefixWatches.filter((w) => !(w.apiserver === from && w.watchId === msg.watchId)), { apiserver: from, watchId: msg.watchId, prefix }]
  ctx.stage({ name: 'watch', outcome: 'ok', detail: `watching ${prefix} from revision ${state.store.revision + 1}` })
}

function watchCancel(state: EtcdState, msg: EtcdWatchCancel, from: ActorId, ctx: Ctx): void {
  const before = state.prefixWatches.length
  state.prefixWatches = state.prefixWatches.filter((w) => !(w.apiserver === from && w.watchId === msg.watchId))
  ctx.stage({ name: 'watch', outcome: state.prefixWatches.length < before ? 'ok' : 'skipped', detail: state.prefixWatches.length < before ? `${msg.watchId} cancelled` : `${msg.watchId} was not open` })
}

export const etcd: ActorDef<EtcdState> = {
  kind: 'etcd',
  receive(state, msg: Message, ctx) {
    if (!ctx.from) return
    if (msg.kind === 'etcd.txn') txn(state, msg, ctx.from, ctx)
    else if (msg.kind === 'etcd.range') rangeRequest(state, msg, ctx.from, ctx)
    else if (msg.kind === 'etcd.watch-create') watchCreate(state, msg, ctx.from, ctx)
    else if (msg.kind === 'etcd.watch-cancel') watchCancel(state, msg, ctx.from, ctx)
  },
}
