/**
 * kube-apiserver: the only component that talks to etcd. Every request goes through
 * authentication → authorization → admission → validation → storage, each a stage on the
 * request's flow, and every committed write comes back from etcd's watch to be fanned out to the
 * clients' watches (FIDELITY.md §1.0).
 */
import type { ActorDef } from '../../engine/actor.ts'
import { isApiRequest } from '../../messages.ts'
import type { ActorId } from '../../protocol.ts'
import { handleRequest } from './requests.ts'
import type { ApiserverState } from './state.ts'
import { memberLost } from './etcd-client.ts'
import { failPending, handleEtcdResponse } from './storage-reply.ts'
import { fanOut } from './watch.ts'
import { identityLeaseTimer, renewIdentityLease } from './identity-lease.ts'
import { componentDeadline, probeAnswered, probeRefused } from './component-status.ts'
import { closeWatch } from './unwatch.ts'
import { closeStream, dialTimedOut, refusedProxied, relayStreamChunk, relayProxied, resetStreamsOf } from './kubelet-proxy.ts'

export function newApiserverState(etcd: ActorId): ApiserverState {
  return { etcd, nextTxn: 0, pending: {}, watchers: [], nextWatch: 0, cache: {} }
}

export const apiserver: ActorDef<ApiserverState> = {
  kind: 'kube-apiserver',
  receive(state, msg, ctx) {
    if (isApiRequest(msg)) {
      handleRequest(state, msg, ctx)
      return
    }
    switch (msg.kind) {
      case 'etcd.response':
        handleEtcdResponse(state, msg, ctx)
        return
      case 'etcd.watch':
        if (state.etcdClient && msg.watchId === undefined) state.etcdClient.revision = msg.events[msg.events.length - 1]!.modRevision
        fanOut(state, msg, ctx)
        return
      case 'watch.close':
        if (!closeStream(state, msg.watchId, ctx)) closeWatch(state, msg, ctx)
        return
      case 'stream.chunk':
        relayStreamChunk(state, msg, ctx)
        return
      case 'apiserver.response':
        // A component's /healthz (componentstatuses), or a kubelet answering a request the apiserver proxied (pods/log).
        if (!probeAnswered(state, msg, ctx)) relayProxied(state, msg, ctx)
        return
      case 'net.refused':
        // Nothing listens on the component's port (its process is down), or on a kubelet's :10250.
        if (!probeRefused(state, msg, ctx)) refusedProxied(state, msg, ctx)
        return
    }
  },
  timer(state, name, data, ctx) {
    if (name === identityLeaseTimer) return renewIdentityLease(state, ctx)
    // A kubelet's process died mid-stream (faults.ts starts this timer).
    if (name.startsWith('kubelet-reset:')) return resetStreamsOf(state, String((data as { kubelet: string }).kubelet), ctx)
    // An etcd member's process died: its connection drops (faults.ts starts this timer).
    if (name.startsWith('etcd-lost:')) return memberLost(state, String(data), ctx, (txnId, error) => failPending(state, txnId, error, ctx))
    // A componentstatuses read whose 20 s ran out.
    if (componentDeadline(state, name, ctx)) return
    // A proxied kubelet dial nobody answered (a node powered off or partitioned away).
    dialTimedOut(state, name, ctx)
  },
}
