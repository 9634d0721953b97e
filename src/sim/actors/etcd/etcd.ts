/**
 * An etcd member. It answers kube-apiserver's transactions and ranges, and streams every committed
 * write to each apiserver's watch cache (FIDELITY.md §1.0.2), except writes to resources the
 * apiserver keeps no cache for (events): those go only to the watches opened for them.
 *
 * A single member commits a write as it arrives. In a cluster of several (`controlPlane.etcd: 3`)
 * the members agree through Raft (raft.ts): a write is committed once a quorum holds it, a read is
 * served once the leader has confirmed it still leads (FIDELITY.md §7).
 */
import type { ActorDef, Ctx } from '../../engine/actor.ts'
import type { EtcdTxn, EtcdWatchCancel, EtcdWatchCreate, EtcdWatchEvent, Message } from '../../messages.ts'
import type { ActorId } from '../../protocol.ts'
import { applyTxn, committed } from './apply.ts'
import type { Mvcc } from './mvcc.ts'
import { raftClientRange, raftClientTxn, raftReceive, raftTimer, type RaftState } from './raft.ts'
import { notify, reply, serveRange, underUncached } from './serve.ts'

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
  /** The member's Raft state in a cluster of several members; absent for a single member. */
  raft?: RaftState
  /**
   * The last writes this member applied, for a watch that moves here from a member that stopped
   * (it resumes from a revision). Kept in a cluster only.
   */
  history?: EtcdWatchEvent[]
}

function txn(state: EtcdState, msg: EtcdTxn, from: ActorId, ctx: Ctx): void {
  const result = applyTxn(state.store, msg)
  if (!result.succeeded) {
    ctx.stage({ name: 'txn', outcome: 'failed', detail: result.failure })
    reply(ctx, from, msg.txnId, false, result.revision, result.kvs)
    return
  }
  reply(ctx, from, msg.txnId, true, result.revision, result.kvs)
  ctx.stage(committed.of(result.revision))
  ctx.observe({ type: 'object', change: { key: msg.key, object: result.event.value, revision: result.revision } })
  notify(state, result.event, ctx)
}

function watchCreate(state: EtcdState, msg: EtcdWatchCreate, from: ActorId, ctx: Ctx): void {
  if (msg.cache) {
    // An apiserver's watch cache moves its stream here: every write after the last it saw.
    if (!state.watchers.includes(from)) state.watchers = [...state.watchers, from]
    const missed = (state.history ?? []).filter((e) => e.modRevision >= (msg.startRevision ?? Infinity) && !underUncached(state, e.key))
    ctx.stage({ name: 'watch', outcome: 'ok', detail: `watch cache stream from revision ${msg.startRevision}: ${missed.length} missed write(s) sent` })
    for (const event of missed) ctx.send(from, { kind: 'etcd.watch', events: [event] })
    return
  }
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
    if (msg.kind === 'etcd.txn') {
      if (state.raft) raftClientTxn(state, msg, ctx.from, ctx)
      else txn(state, msg, ctx.from, ctx)
    } else if (msg.kind === 'etcd.range') {
      if (state.raft) raftClientRange(state, msg, ctx.from, ctx)
      else serveRange(state, msg, ctx.from, ctx)
    } else if (msg.kind === 'etcd.watch-create') watchCreate(state, msg, ctx.from, ctx)
    else if (msg.kind === 'etcd.watch-cancel') watchCancel(state, msg, ctx.from, ctx)
    else if (state.raft && msg.kind.startsWith('raft.')) raftReceive(state, msg, ctx.from, ctx)
  },
  timer(state, name, data, ctx) {
    if (state.raft) raftTimer(state, name, data, ctx)
  },
}
