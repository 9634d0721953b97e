/**
 * How each message kind looks: a colour and a short noun. `satisfies Record<FlowKind, …>` makes a
 * new message kind without a look a compile error.
 */
import type { FlowKind } from '../../sim/protocol.ts'

export interface FlowStyle {
  /** Token and row accent colour. */
  color: string
  /** A word on the token: what travels. */
  noun: string
}

const request = '#2563eb'
const reply = '#64748b'

export const flowStyles = {
  'apiserver.get': { color: request, noun: 'get' },
  'apiserver.list': { color: request, noun: 'list' },
  'apiserver.create': { color: '#1d4ed8', noun: 'create' },
  'apiserver.update': { color: request, noun: 'update' },
  'apiserver.patch': { color: '#0369a1', noun: 'patch' },
  'apiserver.delete': { color: '#b91c1c', noun: 'delete' },
  'apiserver.watch': { color: '#7c3aed', noun: 'watch' },
  'apiserver.response': { color: reply, noun: 'reply' },
  'watch.event': { color: '#9333ea', noun: 'event' },
  'watch.close': { color: '#9333ea', noun: 'hang-up' },
  'etcd.txn': { color: '#0f766e', noun: 'write' },
  'etcd.range': { color: '#0f766e', noun: 'read' },
  'etcd.response': { color: reply, noun: 'reply' },
  'etcd.watch': { color: '#0d9488', noun: 'change' },
  'etcd.watch-create': { color: '#0d9488', noun: 'watch' },
  'etcd.watch-cancel': { color: '#0d9488', noun: 'cancel' },
  'raft.append': { color: '#115e59', noun: 'append' },
  'raft.append-response': { color: reply, noun: 'ack' },
  'raft.heartbeat': { color: '#5eead4', noun: 'heartbeat' },
  'raft.heartbeat-response': { color: reply, noun: 'ack' },
  'raft.vote': { color: '#c2410c', noun: 'vote?' },
  'raft.vote-response': { color: '#c2410c', noun: 'vote' },
  'raft.propose': { color: '#115e59', noun: 'forward' },
  'raft.read-index': { color: '#115e59', noun: 'read index' },
  'raft.read-index-response': { color: reply, noun: 'index' },
  'raft.snapshot': { color: '#115e59', noun: 'snapshot' },
  'cri.call': { color: '#15803d', noun: 'CRI' },
  'cri.reply': { color: reply, noun: 'reply' },
  'registry.get': { color: '#be185d', noun: 'pull' },
  'registry.reply': { color: '#be185d', noun: 'layers' },
  'dns.query': { color: '#0891b2', noun: 'DNS' },
  'dns.answer': { color: '#0891b2', noun: 'answer' },
  'traffic.request': { color: '#f59e0b', noun: 'request' },
  'traffic.response': { color: '#65a30d', noun: 'response' },
  'net.refused': { color: '#dc2626', noun: 'RST' },
  'stream.chunk': { color: '#15803d', noun: 'stream' },
} satisfies Record<FlowKind, FlowStyle>

export function flowStyle(kind: FlowKind): FlowStyle {
  return flowStyles[kind] ?? { color: reply, noun: kind }
}
