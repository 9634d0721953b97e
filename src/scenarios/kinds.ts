/**
 * The closed sets a scenario may name, as runtime lists. Each list is checked against its
 * protocol.ts union at compile time, so a new FlowKind or Fault cannot be forgotten here.
 */
import type { FaultKind, FlowKind } from '../sim/protocol.ts'

type Exhaustive<Union, List extends readonly unknown[]> = [Exclude<Union, List[number]>] extends [
  never,
]
  ? true
  : { missing: Exclude<Union, List[number]> }

export const flowKinds = [
  'apiserver.get',
  'apiserver.list',
  'apiserver.create',
  'apiserver.update',
  'apiserver.patch',
  'apiserver.delete',
  'apiserver.watch',
  'apiserver.response',
  'watch.event',
  'watch.close',
  'etcd.txn',
  'etcd.range',
  'etcd.response',
  'etcd.watch',
  'etcd.watch-create',
  'etcd.watch-cancel',
  'raft.append',
  'raft.append-response',
  'raft.heartbeat',
  'raft.heartbeat-response',
  'raft.vote',
  'raft.vote-response',
  'raft.propose',
  'raft.read-index',
  'raft.read-index-response',
  'raft.snapshot',
  'cri.call',
  'cri.reply',
  'registry.get',
  'registry.reply',
  'dns.query',
  'dns.answer',
  'traffic.request',
  'traffic.response',
  'net.refused',
  'stream.chunk',
] as const satisfies readonly FlowKind[]
export const flowKindsComplete: Exhaustive<FlowKind, typeof flowKinds> = true

/** Faults by the field that names their target. */
export const nodeFaults = [
  'stop-node',
  'start-node',
  'stop-kubelet',
  'start-kubelet',
  'partition-node',
  'heal-node',
  'add-node',
  'delete-instance',
] as const
/** Faults with no target field: the one image registry. */
export const registryFaults = ['stop-registry', 'start-registry'] as const
export const memberFaults = ['stop-etcd-member', 'start-etcd-member'] as const
export const componentFaults = ['stop-component', 'start-component'] as const
export const faultKinds = [
  ...nodeFaults,
  ...memberFaults,
  ...componentFaults,
  ...registryFaults,
] as const satisfies readonly FaultKind[]
export const faultKindsComplete: Exhaustive<FaultKind, typeof faultKinds> = true

/** Control-plane components a stop-component / start-component fault may name. */
export const components = [
  'kube-apiserver',
  'kube-scheduler',
  'kube-controller-manager',
  'cloud-controller-manager',
] as const

/** Add-ons the format knows; the engine says which it runs (unsupportedFeature). */
export const addons = ['coredns', 'ingress-nginx'] as const

export const taintEffects = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const

/** Releases the engine emulates. */
export const clusterVersions = ['v1.34'] as const
