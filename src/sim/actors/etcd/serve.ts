/** What a member sends its clients: answers, ranges, and committed writes to the watches. */
import type { Ctx } from '../../engine/actor.ts'
import type { EtcdKv, EtcdRange, EtcdResponse, EtcdWatchEvent } from '../../messages.ts'
import type { ActorId } from '../../protocol.ts'
import type { EtcdState } from './etcd.ts'
import { range } from './mvcc.ts'

/** Writes a moved watch can resume from (etcd keeps every revision until the apiserver compacts). */
const historyKept = 1000

export function underUncached(state: EtcdState, key: string): boolean {
  for (const p of state.uncached) if (key.startsWith(p)) return true
  return false
}

/** Streams one committed write to whoever watches its key. */
export function notify(state: EtcdState, event: EtcdWatchEvent, ctx: Ctx): void {
  if (state.history) {
    state.history.push(event)
    if (state.history.length > historyKept) state.history.splice(0, state.history.length - historyKept)
  }
  if (!underUncached(state, event.key)) {
    for (const w of state.watchers) ctx.send(w, { kind: 'etcd.watch', events: [event] })
    return
  }
  for (const w of state.prefixWatches) if (event.key.startsWith(w.prefix)) ctx.send(w.apiserver, { kind: 'etcd.watch', events: [event], watchId: w.watchId })
}

export function reply(ctx: Ctx, to: ActorId, txnId: string, succeeded: boolean, revision: number, kvs: EtcdKv[]): void {
  const msg: EtcdResponse = { kind: 'etcd.response', txnId, succeeded, revision, kvs }
  ctx.send(to, msg)
}

export function serveRange(state: EtcdState, msg: Pick<EtcdRange, 'txnId' | 'key' | 'prefix'>, from: ActorId, ctx: Ctx): void {
  const kvs = range(state.store, msg.key, msg.prefix)
  ctx.stage({ name: 'range', outcome: 'ok', detail: `${kvs.length} key(s) at revision ${state.store.revision}` })
  reply(ctx, from, msg.txnId, true, state.store.revision, kvs)
}

