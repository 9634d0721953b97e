/** Answering a client, and asking etcd. */
import type { Ctx } from '../../engine/actor.ts'
import type { ApiResponse, EtcdRange, EtcdTxn } from '../../messages.ts'
import { pickMember } from './etcd-client.ts'
import type { ApiserverState, RequestRef, StorageOp } from './state.ts'

export function respond(ctx: Ctx, req: RequestRef, code: number, body: unknown): void {
  const msg: ApiResponse = { kind: 'apiserver.response', reqId: req.reqId, code, body }
  if (req.warning !== undefined) msg.warnings = [req.warning]
  ctx.send(req.client, msg)
}

export function sendTxn(state: ApiserverState, ctx: Ctx, txn: Omit<EtcdTxn, 'kind' | 'txnId'>, op: StorageOp): void {
  const txnId = `${ctx.self}#${++state.nextTxn}`
  state.pending[txnId] = op
  // Field by field rather than a spread of `txn`: every write the apiserver makes passes here.
  const msg: EtcdTxn = { kind: 'etcd.txn', txnId, key: txn.key, op: txn.op }
  if (txn.value !== undefined) msg.value = txn.value
  if (txn.expectModRevision !== undefined) msg.expectModRevision = txn.expectModRevision
  ctx.send(state.etcdClient ? pickMember(state, txnId) : state.etcd, msg)
}

/** Sends a read to etcd; returns its txn id, which its answer carries. */
export function sendRange(state: ApiserverState, ctx: Ctx, range: Omit<EtcdRange, 'kind' | 'txnId'>, op: StorageOp): string {
  const txnId = `${ctx.self}#${++state.nextTxn}`
  state.pending[txnId] = op
  if (state.etcdClient) state.etcdClient.ranges[txnId] = { key: range.key, prefix: range.prefix }
  ctx.send(state.etcdClient ? pickMember(state, txnId) : state.etcd, { kind: 'etcd.range', txnId, key: range.key, prefix: range.prefix })
  return txnId
}
