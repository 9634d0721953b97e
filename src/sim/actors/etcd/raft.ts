/**
 * Raft between etcd members, as etcd-io/raft runs it with etcd's settings (FIDELITY.md §7): one
 * leader per term; a write is proposed to the leader (a follower forwards it, MsgProp), appended
 * to every log (MsgApp) and committed once a quorum holds it; each member applies committed
 * entries in order and the member that took the request answers its client. The leader sends
 * MsgHeartbeat every 100 ms; a follower that hears nothing for its randomized election timeout
 * first asks for pre-votes (PreVote), then campaigns (MsgVote); a leader that has not heard from a
 * quorum for an election timeout steps down (CheckQuorum). A request waits at most etcd's request
 * timeout, then fails with `etcdserver: request timed out`.
 *
 * Reads are linearizable (ReadIndex): the leader confirms with a round of heartbeats that it still
 * leads, then the read is served by whichever member took it once that member has applied the
 * leader's commit index.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { EtcdRange, EtcdTxn, Message, RaftAppend, RaftEntry, RaftMessage } from '../../messages.ts'
import type { ActorId } from '../../protocol.ts'
import { restartTimer } from '../restart.ts'
import { applyTxn, committed } from './apply.ts'
import type { EtcdState } from './etcd.ts'
import { notify, reply, serveRange } from './serve.ts'

/** etcd `--heartbeat-interval` default, ms (one raft tick). */
export const heartbeatMs = 100
/** etcd `--election-timeout` default, ms (10 ticks). */
export const electionMs = 1000
/** etcdserver `ReqTimeout()`: 5 s plus two election timeouts (server/config/config.go). */
export const requestTimeoutMs = 5000 + 2 * electionMs
/** Applied entries a member keeps for a follower that falls behind (etcd's SnapshotCatchUpEntries). */
const catchUpEntries = 5000
/** Entries per MsgApp (etcd caps a message at `MaxSizePerMsg`, 1 MiB). */
const maxEntriesPerAppend = 100

const requestTimedOut = 'etcdserver: request timed out'

export type RaftRole = 'follower' | 'pre-candidate' | 'candidate' | 'leader'

/** A client's read waiting for its read index (`index`), then for the member to apply it. */
export interface PendingRead {
  txnId: string
  client: ActorId
  key: string
  prefix: boolean
  ctx: string
  index?: number
}

export interface RaftState {
  /** Every member, this one included, in id order. */
  peers: ActorId[]
  term: number
  role: RaftRole
  leader: ActorId | null
  votedFor: ActorId | null
  /** Members that granted this member's current (pre-)campaign, itself included. */
  votes: ActorId[]
  /** Members that refused it. */
  refusals: ActorId[]
  /** Entries after `offset`: `log[0].index === offset + 1`. */
  log: RaftEntry[]
  /** The last index compacted away (applied, and older than the catch-up window). */
  offset: number
  offsetTerm: number
  commit: number
  applied: number
  /** Virtual ms this member last heard from a leader (a vote is ignored within the election timeout). */
  heardAt: number
  /** Leader: per follower the last index it holds, and the next index to send it. */
  match: Record<ActorId, number>
  next: Record<ActorId, number>
  /** Leader: members heard from since the last quorum check, itself included. */
  active: ActorId[]
  /**
   * Leader: followers whose log it is probing after a rejection: one MsgApp at a time until one is
   * accepted (raft's StateProbe), instead of pipelining (StateReplicate).
   */
  probing: ActorId[]
  /** Requests of this member's clients not answered yet, by txnId. */
  waiting: Record<string, ActorId>
  /** Writes taken while no leader was known: proposed once one is (node.Propose blocks until then). */
  queued: { txn: EtcdTxn; origin: { member: ActorId; client: ActorId } }[]
  reads: PendingRead[]
  /** Leader: read-index rounds waiting for a quorum of heartbeat acks. */
  rounds: Record<string, { acks: ActorId[]; index: number; from: ActorId }>
  /** Leader: MsgReadIndex that came before its first commit of the term (answered after it). */
  deferred: { ctx: string; from: ActorId }[]
  nextCtx: number
}

export function quorum(r: RaftState): number {
  return Math.floor(r.peers.length / 2) + 1
}

export function newRaftState(peers: ActorId[], leader: ActorId, self: ActorId, term: number): RaftState {
  const r: RaftState = {
    peers,
    term,
    role: self === leader ? 'leader' : 'follower',
    leader,
    votedFor: leader,
    votes: [],
    refusals: [],
    log: [],
    offset: 0,
    offsetTerm: term,
    commit: 0,
    applied: 0,
    heardAt: 0,
    match: {},
    next: {},
    active: [self],
    probing: [],
    waiting: {},
    queued: [],
    reads: [],
    rounds: {},
    deferred: [],
    nextCtx: 0,
  }
  if (self === leader) for (const p of peers) [r.match[p], r.next[p]] = [0, 1]
  return r
}

/** What a member keeps across a restart (its WAL and snapshot); the rest starts empty. */
export function restartedRaft(old: RaftState, self: ActorId): RaftState {
  return { ...old, role: 'follower', leader: null, votes: [], refusals: [], match: {}, next: {}, active: [self], probing: [], waiting: {}, queued: [], reads: [], rounds: {}, deferred: [], heardAt: -electionMs }
}

const lastIndex = (r: RaftState): number => r.offset + r.log.length

function termAt(r: RaftState, index: number): number | undefined {
  if (index === r.offset) return r.offsetTerm
  if (index < r.offset || index > lastIndex(r)) return undefined
  return r.log[index - r.offset - 1]!.term
}

const lastTerm = (r: RaftState): number => termAt(r, lastIndex(r))!

const others = (r: RaftState, self: ActorId): ActorId[] => r.peers.filter((p) => p !== self)

const memberName = (id: ActorId): string => id.replace(':', '-')

/** etcd's randomized election timeout: 10 to 19 ticks (etcd-io/raft resetRandomizedElectionTimeout). */
function resetElectionTimer(ctx: Ctx): void {
  ctx.setTimer('election', electionMs + Math.floor(ctx.random() * 10) * heartbeatMs)
}

function becomeFollower(state: EtcdState, ctx: Ctx, term: number, leader: ActorId | null): void {
  const r = state.raft!
  if (term > r.term) {
    r.term = term
    r.votedFor = null
  }
  const wasLeader = r.role === 'leader'
  r.role = 'follower'
  r.leader = leader
  r.votes = []
  r.refusals = []
  if (wasLeader) {
    ctx.cancelTimer('heartbeat')
    ctx.cancelTimer('check-quorum')
    r.rounds = {}
    r.deferred = []
  }
  resetElectionTimer(ctx)
  if (leader) leaderKnown(state, ctx)
}

/** A leader is known again: the writes and reads that waited for one go to it. */
function leaderKnown(state: EtcdState, ctx: Ctx): void {
  const r = state.raft!
  const leader = r.leader!
  const queued = r.queued
  r.queued = []
  for (const q of queued) ctx.send(leader, { kind: 'raft.propose', term: r.term, txn: q.txn, origin: q.origin })
  for (const read of r.reads) if (read.index === undefined) ctx.send(leader, { kind: 'raft.read-index', term: r.term, ctx: read.ctx })
}

function campaign(state: EtcdState, ctx: Ctx, pre: boolean): void {
  const r = state.raft!
  r.role = pre ? 'pre-candidate' : 'candidate'
  r.leader = null
  if (!pre) {
    r.term++
    r.votedFor = ctx.self
  }
  r.votes = [ctx.self]
  r.refusals = []
  ctx.stage({ name: 'raft', outcome: 'ok', detail: pre ? `no leader heard for the election timeout: asking for pre-votes for term ${r.term + 1}` : `became candidate at term ${r.term}` })
  resetElectionTimer(ctx)
  const vote = { kind: 'raft.vote' as const, pre, term: pre ? r.term + 1 : r.term, lastIndex: lastIndex(r), lastTerm: lastTerm(r) }
  for (const p of others(r, ctx.self)) ctx.send(p, vote)
}

function becomeLeader(state: EtcdState, ctx: Ctx): void {
  const r = state.raft!
  r.role = 'leader'
  r.leader = ctx.self
  r.votes = []
  r.match = {}
  r.next = {}
  for (const p of r.peers) [r.match[p], r.next[p]] = [0, lastIndex(r) + 1]
  r.active = [ctx.self]
  r.probing = []
  ctx.cancelTimer('election')
  ctx.stage({ name: 'raft', outcome: 'ok', detail: `became leader at term ${r.term}` })
  // An empty entry of the new term: committing it commits whatever earlier terms left.
  appendEntries(state, ctx, [{ term: r.term, index: 0 }])
  ctx.setTimer('heartbeat', heartbeatMs)
  ctx.setTimer('check-quorum', electionMs)
  for (const q of r.queued) appendEntries(state, ctx, [{ term: r.term, index: 0, txn: q.txn, origin: q.origin }])
  r.queued = []
  // Its own clients' reads wait for its first commit of the term, like a follower's MsgReadIndex.
  for (const read of r.reads) if (read.index === undefined) r.deferred.push({ ctx: read.ctx, from: ctx.self })
}

/** The leader appends entries to its own log (fixing their term and index) and sends them out. */
function appendEntries(state: EtcdState, ctx: Ctx, entries: RaftEntry[]): void {
  const r = state.raft!
  for (const e of entries) r.log.push(Object.freeze({ ...e, term: r.term, index: lastIndex(r) + 1 }))
  r.match[ctx.self] = lastIndex(r)
  r.next[ctx.self] = lastIndex(r) + 1
  for (const p of others(r, ctx.self)) sendAppend(state, ctx, p)
  maybeCommit(state, ctx)
}

function sendAppend(state: EtcdState, ctx: Ctx, to: ActorId): void {
  const r = state.raft!
  const next = r.next[to] ?? lastIndex(r) + 1
  if (next - 1 < r.offset) {
    // The entries it needs are compacted away: send the whole store instead.
    ctx.send(to, { kind: 'raft.snapshot', term: r.term, index: r.applied, indexTerm: termAt(r, r.applied) ?? r.term, revision: state.store.revision, kv: { ...state.store.kv } })
    r.next[to] = r.applied + 1
    return
  }
  const entries = r.log.slice(next - r.offset - 1, next - r.offset - 1 + maxEntriesPerAppend)
  const msg: RaftAppend = { kind: 'raft.append', term: r.term, prevIndex: next - 1, prevTerm: termAt(r, next - 1)!, entries, commit: r.commit }
  ctx.send(to, msg)
  // Pipelined, as a follower in StateReplicate: the next message carries what follows these.
  if (!r.probing.includes(to)) r.next[to] = next + entries.length
}

/** The highest index a quorum holds, committed if it is of this term (Raft §5.4.2). */
function maybeCommit(state: EtcdState, ctx: Ctx): void {
  const r = state.raft!
  const held = r.peers.map((p) => r.match[p] ?? 0).sort((a, b) => b - a)
  const n = held[quorum(r) - 1]!
  if (n <= r.commit || termAt(r, n) !== r.term) return
  r.commit = n
  applyCommitted(state, ctx)
  // Followers learn the new commit index from the next MsgApp, sent at once (raft.go bcastAppend).
  for (const p of others(r, ctx.self)) sendAppend(state, ctx, p)
  if (r.deferred.length) {
    const deferred = r.deferred
    r.deferred = []
    for (const d of deferred) startReadRound(state, ctx, d.ctx, d.from)
  }
}

function entryAt(r: RaftState, index: number): RaftEntry {
  return r.log[index - r.offset - 1]!
}

/** Applies committed entries in order; the member that took a request answers its client. */
function applyCommitted(state: EtcdState, ctx: Ctx): void {
  const r = state.raft!
  while (r.applied < r.commit) {
    const entry = entryAt(r, ++r.applied)
    if (!entry.txn) continue
    const result = applyTxn(state.store, entry.txn)
    if (result.succeeded) {
      if (r.role === 'leader') {
        ctx.stage(committed.of(result.revision))
        ctx.observe({ type: 'object', change: { key: entry.txn.key, object: result.event.value, revision: result.revision } })
      }
      notify(state, result.event, ctx)
    }
    const origin = entry.origin
    if (origin?.member === ctx.self && r.waiting[entry.txn.txnId]) {
      delete r.waiting[entry.txn.txnId]
      ctx.cancelTimer(timeoutTimer(entry.txn.txnId))
      reply(ctx, origin.client, entry.txn.txnId, result.succeeded, result.revision, result.kvs)
    }
  }
  serveReadyReads(state, ctx)
  compact(r)
}

function compact(r: RaftState): void {
  const upTo = r.applied - catchUpEntries
  if (upTo <= r.offset) return
  r.offsetTerm = termAt(r, upTo)!
  r.log = r.log.slice(upTo - r.offset)
  r.offset = upTo
}

const timeoutTimer = (txnId: string): string => `request-timeout:${txnId}`

// ---- client requests --------------------------------------------------------------------------

export function raftClientTxn(state: EtcdState, msg: EtcdTxn, client: ActorId, ctx: Ctx): void {
  const r = state.raft!
  r.waiting[msg.txnId] = client
  ctx.setTimer(timeoutTimer(msg.txnId), requestTimeoutMs, msg.txnId)
  const origin = { member: ctx.self, client }
  if (r.role === 'leader') {
    appendEntries(state, ctx, [{ term: r.term, index: 0, txn: msg, origin }])
    ctx.stage({ name: 'raft', outcome: 'ok', detail: `leader: appended at index ${lastIndex(r)}, term ${r.term}; committed once ${quorum(r)} of ${r.peers.length} members hold it` })
  } else if (r.leader) {
    ctx.send(r.leader, { kind: 'raft.propose', term: r.term, txn: msg, origin })
    ctx.stage({ name: 'raft', outcome: 'ok', detail: `follower: forwarded to the leader, ${memberName(r.leader)}` })
  } else {
    r.queued.push({ txn: msg, origin })
    ctx.stage({ name: 'raft', outcome: 'failed', detail: `no leader at term ${r.term}: the write waits for one (at most ${requestTimeoutMs / 1000} s)` })
  }
}

export function raftClientRange(state: EtcdState, msg: EtcdRange, client: ActorId, ctx: Ctx): void {
  const r = state.raft!
  r.waiting[msg.txnId] = client
  ctx.setTimer(timeoutTimer(msg.txnId), requestTimeoutMs, msg.txnId)
  const read: PendingRead = { txnId: msg.txnId, client, key: msg.key, prefix: msg.prefix, ctx: `${ctx.self}/${++r.nextCtx}` }
  r.reads.push(read)
  if (r.role === 'leader') {
    ctx.stage({ name: 'raft', outcome: 'ok', detail: 'leader: confirming with a quorum that it still leads (ReadIndex)' })
    startReadRound(state, ctx, read.ctx, ctx.self)
  } else if (r.leader) {
    ctx.stage({ name: 'raft', outcome: 'ok', detail: `follower: asking the leader, ${memberName(r.leader)}, for the read index` })
    ctx.send(r.leader, { kind: 'raft.read-index', term: r.term, ctx: read.ctx })
  } else ctx.stage({ name: 'raft', outcome: 'failed', detail: `no leader at term ${r.term}: the read waits for one (at most ${requestTimeoutMs / 1000} s)` })
}

/** The leader confirms its leadership with a round of heartbeats before answering a read index. */
function startReadRound(state: EtcdState, ctx: Ctx, readCtx: string, from: ActorId): void {
  const r = state.raft!
  if (termAt(r, r.commit) !== r.term) {
    // Not yet committed anything in this term: its commit index may be stale (raft.go).
    r.deferred.push({ ctx: readCtx, from })
    return
  }
  r.rounds[readCtx] = { acks: [ctx.self], index: r.commit, from }
  for (const p of others(r, ctx.self)) ctx.send(p, { kind: 'raft.heartbeat', term: r.term, commit: Math.min(r.match[p] ?? 0, r.commit), ctx: readCtx })
}

function readIndexKnown(state: EtcdState, ctx: Ctx, readCtx: string, index: number): void {
  const read = state.raft!.reads.find((x) => x.ctx === readCtx)
  if (read) read.index = index
  serveReadyReads(state, ctx)
}

function serveReadyReads(state: EtcdState, ctx: Ctx): void {
  const r = state.raft!
  if (!r.reads.some((x) => x.index !== undefined && x.index <= r.applied)) return
  const keep: PendingRead[] = []
  for (const read of r.reads) {
    if (read.index === undefined || read.index > r.applied) keep.push(read)
    else if (r.waiting[read.txnId]) {
      delete r.waiting[read.txnId]
      ctx.cancelTimer(timeoutTimer(read.txnId))
      serveRange(state, read, read.client, ctx)
    }
  }
  r.reads = keep
}

// ---- messages between members -----------------------------------------------------------------

export function raftReceive(state: EtcdState, msg: Message, from: ActorId, ctx: Ctx): void {
  if (!msg.kind.startsWith('raft.')) return
  const m = msg as RaftMessage
  const r = state.raft!
  if (m.term > r.term) {
    if (m.kind === 'raft.vote') {
      // A member that heard from its leader within the election timeout ignores a campaign
      // (CheckQuorum's leader lease), so a member that merely lost touch cannot disrupt the cluster.
      if (r.leader !== null && ctx.now - r.heardAt < electionMs) {
        ctx.stage({ name: 'raft', outcome: 'skipped', detail: `ignored: the leader ${memberName(r.leader)} was heard ${ctx.now - r.heardAt} ms ago` })
        return
      }
      if (!m.pre) becomeFollower(state, ctx, m.term, null)
    } else if (m.kind === 'raft.vote-response' && m.pre && m.granted) {
      // A granted pre-vote carries the term the campaign will use: no term change.
    } else {
      const fromLeader = m.kind === 'raft.append' || m.kind === 'raft.heartbeat' || m.kind === 'raft.snapshot'
      becomeFollower(state, ctx, m.term, fromLeader ? from : null)
    }
  } else if (m.term < r.term) {
    // A stale leader learns the new term from the answer and steps down.
    if (m.kind === 'raft.append' || m.kind === 'raft.heartbeat') ctx.send(from, { kind: 'raft.append-response', term: r.term, index: lastIndex(r), reject: true })
    else if (m.kind === 'raft.vote' && m.pre) ctx.send(from, { kind: 'raft.vote-response', pre: true, term: r.term, granted: false })
    else ctx.stage({ name: 'raft', outcome: 'skipped', detail: `stale term ${m.term} (now ${r.term})` })
    return
  }
  switch (m.kind) {
    case 'raft.append':
    case 'raft.heartbeat':
    case 'raft.snapshot':
      return fromLeader(state, m, from, ctx)
    case 'raft.vote':
      return vote(state, m, from, ctx)
    case 'raft.vote-response':
      return voteResponse(state, m, from, ctx)
    case 'raft.append-response':
      return appendResponse(state, m, from, ctx)
    case 'raft.heartbeat-response': {
      if (r.role !== 'leader') return
      if (!r.active.includes(from)) r.active.push(from)
      if ((r.match[from] ?? 0) < lastIndex(r)) sendAppend(state, ctx, from)
      const round = m.ctx ? r.rounds[m.ctx] : undefined
      if (round && m.ctx && !round.acks.includes(from)) {
        round.acks.push(from)
        if (round.acks.length >= quorum(r)) {
          delete r.rounds[m.ctx]
          if (round.from === ctx.self) readIndexKnown(state, ctx, m.ctx, round.index)
          else ctx.send(round.from, { kind: 'raft.read-index-response', term: r.term, ctx: m.ctx, index: round.index })
        }
      }
      return
    }
    case 'raft.propose':
      if (r.role === 'leader') {
        appendEntries(state, ctx, [{ term: r.term, index: 0, txn: m.txn, origin: m.origin }])
        ctx.stage({ name: 'raft', outcome: 'ok', detail: `leader: appended at index ${lastIndex(r)}, term ${r.term}` })
      } else ctx.stage({ name: 'raft', outcome: 'failed', detail: 'not the leader: proposal dropped' })
      return
    case 'raft.read-index':
      if (r.role === 'leader') startReadRound(state, ctx, m.ctx, from)
      else ctx.stage({ name: 'raft', outcome: 'failed', detail: 'not the leader: read index dropped' })
      return
    case 'raft.read-index-response':
      return readIndexKnown(state, ctx, m.ctx, m.index)
  }
}

/** MsgApp, MsgHeartbeat or MsgSnap from the leader of this term. */
function fromLeader(state: EtcdState, m: Extract<RaftMessage, { kind: 'raft.append' | 'raft.heartbeat' | 'raft.snapshot' }>, from: ActorId, ctx: Ctx): void {
  const r = state.raft!
  if (r.role !== 'follower' || r.leader !== from) becomeFollower(state, ctx, m.term, from)
  else resetElectionTimer(ctx)
  r.heardAt = ctx.now
  if (m.kind === 'raft.heartbeat') {
    if (m.commit > r.commit) {
      r.commit = Math.min(m.commit, lastIndex(r))
      applyCommitted(state, ctx)
    }
    ctx.send(from, { kind: 'raft.heartbeat-response', term: r.term, ...(m.ctx ? { ctx: m.ctx } : {}) }, { ambient: !m.ctx })
    return
  }
  if (m.kind === 'raft.snapshot') {
    state.store = { revision: m.revision, kv: { ...m.kv } }
    r.log = []
    r.offset = r.commit = r.applied = m.index
    r.offsetTerm = m.indexTerm
    ctx.stage({ name: 'raft', outcome: 'ok', detail: `restored the leader's snapshot at index ${m.index} (revision ${m.revision})` })
    ctx.send(from, { kind: 'raft.append-response', term: r.term, index: m.index })
    return
  }
  if (m.prevIndex < r.commit) {
    ctx.send(from, { kind: 'raft.append-response', term: r.term, index: r.commit })
    return
  }
  if (termAt(r, m.prevIndex) !== m.prevTerm) {
    ctx.stage({ name: 'raft', outcome: 'failed', detail: `no entry ${m.prevIndex} of term ${m.prevTerm} here (last index ${lastIndex(r)})` })
    ctx.send(from, { kind: 'raft.append-response', term: r.term, index: Math.min(m.prevIndex - 1, lastIndex(r)), reject: true, rejected: m.prevIndex })
    return
  }
  for (const e of m.entries) {
    const have = termAt(r, e.index)
    if (have === e.term) continue
    // A conflicting entry and all that follow it go (an uncommitted tail of an older term).
    if (have !== undefined) r.log = r.log.slice(0, e.index - r.offset - 1)
    r.log.push(e)
  }
  const lastNew = m.prevIndex + m.entries.length
  if (m.entries.length) ctx.stage({ name: 'raft', outcome: 'ok', detail: `appended entries ${m.prevIndex + 1}–${lastNew} to the log` })
  if (m.commit > r.commit) {
    r.commit = Math.min(m.commit, lastNew)
    applyCommitted(state, ctx)
  }
  ctx.send(from, { kind: 'raft.append-response', term: r.term, index: lastNew })
}

function vote(state: EtcdState, m: Extract<RaftMessage, { kind: 'raft.vote' }>, from: ActorId, ctx: Ctx): void {
  const r = state.raft!
  const canVote = r.votedFor === from || (r.votedFor === null && r.leader === null) || (m.pre && m.term > r.term)
  const upToDate = m.lastTerm > lastTerm(r) || (m.lastTerm === lastTerm(r) && m.lastIndex >= lastIndex(r))
  const granted = canVote && upToDate
  if (granted && !m.pre) {
    r.votedFor = from
    resetElectionTimer(ctx)
  }
  ctx.stage({ name: 'raft', outcome: granted ? 'ok' : 'failed', detail: granted ? `${m.pre ? 'pre-vote' : 'vote'} granted to ${memberName(from)}` : !upToDate ? 'refused: its log is behind this one' : `refused: already voted for ${r.votedFor ? memberName(r.votedFor) : 'another'} in term ${r.term}` })
  ctx.send(from, { kind: 'raft.vote-response', pre: m.pre, term: m.pre ? (granted ? m.term : r.term) : r.term, granted })
}

function voteResponse(state: EtcdState, m: Extract<RaftMessage, { kind: 'raft.vote-response' }>, from: ActorId, ctx: Ctx): void {
  const r = state.raft!
  if ((m.pre && r.role !== 'pre-candidate') || (!m.pre && r.role !== 'candidate')) return
  const tally = m.granted ? r.votes : r.refusals
  if (!tally.includes(from)) tally.push(from)
  if (r.votes.length >= quorum(r)) {
    if (m.pre) campaign(state, ctx, false)
    else becomeLeader(state, ctx)
  } else if (r.refusals.length >= quorum(r)) becomeFollower(state, ctx, r.term, null)
}

function appendResponse(state: EtcdState, m: Extract<RaftMessage, { kind: 'raft.append-response' }>, from: ActorId, ctx: Ctx): void {
  const r = state.raft!
  if (r.role !== 'leader') return
  if (!r.active.includes(from)) r.active.push(from)
  if (m.reject) {
    const match = r.match[from] ?? 0
    // Stale: it answers a MsgApp sent before the probe now under way, or before a later success.
    if (m.rejected !== undefined && (m.rejected <= match || (r.probing.includes(from) && m.rejected !== r.next[from]! - 1))) return
    if (!r.probing.includes(from)) r.probing.push(from)
    r.next[from] = Math.max(match + 1, Math.min(m.index + 1, r.next[from] ?? lastIndex(r) + 1))
    sendAppend(state, ctx, from)
    return
  }
  r.probing = r.probing.filter((p) => p !== from)
  if (m.index > (r.match[from] ?? 0)) {
    r.match[from] = m.index
    if ((r.next[from] ?? 0) <= m.index) r.next[from] = m.index + 1
    maybeCommit(state, ctx)
  }
}

// ---- timers -----------------------------------------------------------------------------------

export function raftTimer(state: EtcdState, name: string, data: unknown, ctx: Ctx): void {
  const r = state.raft!
  if (name === 'heartbeat' && r.role === 'leader') {
    for (const p of others(r, ctx.self)) ctx.send(p, { kind: 'raft.heartbeat', term: r.term, commit: Math.min(r.match[p] ?? 0, r.commit) }, { ambient: true })
    ctx.setTimer('heartbeat', heartbeatMs)
  } else if (name === 'check-quorum' && r.role === 'leader') {
    if (r.active.length < quorum(r)) {
      ctx.stage({ name: 'raft', outcome: 'failed', detail: `stepped down: heard from ${r.active.length} of ${r.peers.length} members in the last election timeout, a quorum is ${quorum(r)}` })
      becomeFollower(state, ctx, r.term, null)
      return
    }
    r.active = [ctx.self]
    ctx.setTimer('check-quorum', electionMs)
  } else if (name === 'election' && r.role !== 'leader') campaign(state, ctx, true)
  // Started again after a stop (faults.ts): a follower that knows no leader yet.
  else if (name === restartTimer) becomeFollower(state, ctx, r.term, null)
  else if (name.startsWith('request-timeout:')) requestTimeout(state, data as string, ctx)
}

function requestTimeout(state: EtcdState, txnId: string, ctx: Ctx): void {
  const r = state.raft!
  const client = r.waiting[txnId]
  if (!client) return
  delete r.waiting[txnId]
  r.reads = r.reads.filter((x) => x.txnId !== txnId)
  r.queued = r.queued.filter((q) => q.txn.txnId !== txnId)
  ctx.send(client, { kind: 'etcd.response', txnId, succeeded: false, revision: state.store.revision, kvs: [], error: requestTimedOut })
}
