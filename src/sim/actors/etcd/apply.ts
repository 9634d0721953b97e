/**
 * Applying one transaction to a member's store: the guard (`If(create_revision == 0)`,
 * `If(mod_revision == expected)`), then the put or delete. A single member applies a txn when it
 * arrives; in a cluster every member applies each committed entry, in log order, with the same
 * result (etcd evaluates the compare at apply time, server/etcdserver/apply).
 */
import { freezeLevels } from '../../engine/clone.ts'
import { stageTemplate } from '../../engine/deferred-stage.ts'
import type { EtcdKv, EtcdTxn, EtcdWatchEvent } from '../../messages.ts'
import { put, remove, type Mvcc } from './mvcc.ts'

export type TxnResult =
  | { succeeded: false; revision: number; kvs: EtcdKv[]; failure: string }
  | { succeeded: true; revision: number; kvs: EtcdKv[]; event: EtcdWatchEvent }

/** The stage of a committed transaction, on the flow that committed it (text written on read: deferred-stage.ts). */
export const committed = stageTemplate('txn', 'ok', (revision: number) => `committed at revision ${revision}`)

export function applyTxn(store: Mvcc, msg: EtcdTxn): TxnResult {
  const current = store.kv[msg.key]
  const guardHolds =
    msg.op === 'create' ? current === undefined : current !== undefined && (msg.expectModRevision === undefined || current.modRevision === msg.expectModRevision)
  if (!guardHolds) {
    const failure = msg.op === 'create' ? `key exists (create_revision ${current?.createRevision})` : `mod_revision is ${current?.modRevision ?? 'none'}, expected ${msg.expectModRevision}`
    return { succeeded: false, revision: store.revision, kvs: current ? [current] : [], failure }
  }
  if (msg.op === 'delete') {
    const prev = remove(store, msg.key)!
    return { succeeded: true, revision: store.revision, kvs: [prev], event: { type: 'DELETE', key: msg.key, value: null, prevValue: prev.value, modRevision: store.revision } }
  }
  // Committed data never changes (a write stores a new object): frozen, so checkpoints share it.
  const kv = put(store, msg.key, msg.value!)
  freezeLevels(kv.value)
  Object.freeze(kv)
  return { succeeded: true, revision: store.revision, kvs: [kv], event: { type: 'PUT', key: msg.key, value: kv.value, prevValue: current?.value ?? null, modRevision: kv.modRevision } }
}
