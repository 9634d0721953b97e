/**
 * kube-apiserver's etcd client (clientv3) when etcd is a cluster of several members
 * (`--etcd-servers` lists them all, FIDELITY.md §7): each request goes to the next member in
 * turn (the round-robin balancer), skipping members whose connection is down. The watch cache's
 * stream lives on one member; when that member's connection drops, the stream is opened again on
 * another from the revision after the last it saw. A request in flight on a dropped connection
 * fails (a read is retried on another member, as clientv3 retries what is safe to repeat).
 */
import type { Ctx } from '../../engine/actor.ts'
import type { EtcdRange } from '../../messages.ts'
import type { ActorId } from '../../protocol.ts'
import type { ApiserverState } from './state.ts'

export interface EtcdClientState {
  members: ActorId[]
  /** Index in `members` of the member the next request goes to. */
  next: number
  /** Members whose connection is down (the process stopped). */
  down: ActorId[]
  /** The member each unanswered request went to. */
  sentTo: Record<string, ActorId>
  /** Unanswered reads, to send again elsewhere. */
  ranges: Record<string, Pick<EtcdRange, 'key' | 'prefix'>>
  /** The member holding the watch cache's stream, and the last revision it delivered. */
  watchMember: ActorId
  revision: number
}

export function newEtcdClient(members: ActorId[]): EtcdClientState {
  return { members, next: 0, down: [], sentTo: {}, ranges: {}, watchMember: members[0]!, revision: 0 }
}

/** The member for the next request: the round-robin's next one whose connection is up. */
export function pickMember(state: ApiserverState, txnId: string): ActorId {
  const c = state.etcdClient
  if (!c) return state.etcd
  for (let i = 0; i < c.members.length; i++) {
    const member = c.members[(c.next + i) % c.members.length]!
    if (c.down.includes(member)) continue
    c.next = (c.next + i + 1) % c.members.length
    c.sentTo[txnId] = member
    return member
  }
  // Every connection is down: the request goes to the first member and is lost with it.
  c.sentTo[txnId] = c.members[0]!
  return c.members[0]!
}

/** The member holding the watches (the only member when etcd is one). */
export function watchMember(state: ApiserverState): ActorId {
  return state.etcdClient?.watchMember ?? state.etcd
}

export function settled(state: ApiserverState, txnId: string): void {
  const c = state.etcdClient
  if (!c) return
  delete c.sentTo[txnId]
  delete c.ranges[txnId]
}

/** gRPC's error for a call whose connection closed under it (what the apiserver reports). */
const connectionClosed = 'rpc error: code = Unavailable desc = error reading from server: EOF'

/**
 * A member's connection dropped (its process stopped): the watch cache's stream moves to another
 * member, reads go again elsewhere, and writes in flight fail with gRPC's Unavailable.
 */
export function memberLost(state: ApiserverState, member: ActorId, ctx: Ctx, fail: (txnId: string, error: string) => void): void {
  const c = state.etcdClient
  if (!c) return
  if (!c.down.includes(member)) c.down = [...c.down, member]
  if (c.watchMember === member) {
    const to = c.members.find((m) => !c.down.includes(m))
    if (to) {
      c.watchMember = to
      ctx.send(to, { kind: 'etcd.watch-create', watchId: 'watch-cache', key: '/registry', cache: true, startRevision: c.revision + 1 })
      // The watches opened for single clients (events) move with the stream.
      for (const w of state.watchers) if (w.fromEtcd) ctx.send(to, { kind: 'etcd.watch-create', watchId: w.id, key: w.namespace ? `${w.prefix}/${w.namespace}` : w.prefix })
    }
  }
  for (const [txnId, to] of Object.entries(c.sentTo)) {
    if (to !== member) continue
    const range = c.ranges[txnId]
    if (range) {
      const again = pickMember(state, txnId)
      ctx.send(again, { kind: 'etcd.range', txnId, key: range.key, prefix: range.prefix })
    } else {
      delete c.sentTo[txnId]
      fail(txnId, connectionClosed)
    }
  }
}

/** The member's process is back: its connection is up again. */
export function memberBack(state: ApiserverState, member: ActorId): void {
  const c = state.etcdClient
  if (c) c.down = c.down.filter((m) => m !== member)
}
