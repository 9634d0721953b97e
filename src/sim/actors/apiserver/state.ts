/** kube-apiserver's state: its watch cache, its clients' watches and requests waiting on etcd. */
import type { ActorId, KObject } from '../../protocol.ts'
import type { ComponentChecks } from './component-status.ts'
import type { EtcdClientState } from './etcd-client.ts'
import type { ServiceAllocState } from './service-alloc.ts'

/** A client request being served; `client` gets the response. */
export interface RequestRef {
  reqId: string
  client: ActorId
  path: string
  /** The deprecation notice every answer to this request carries (deprecation.ts). */
  warning?: string
}

/** A change the apiserver makes to a stored object on the client's behalf (GuaranteedUpdate). */
export type Mutation =
  | { type: 'bind'; node: string }
  /** `json`: an RFC 7386 JSON merge patch; otherwise a strategic merge patch. */
  | { type: 'merge-patch'; patch: Record<string, unknown>; subresource?: string; json?: true }
  /** An RFC 6902 JSON Patch (`application/json-patch+json`), its operations decoded (k8s/json-patch.ts). */
  | { type: 'json-patch'; ops: Record<string, unknown>[]; subresource?: string }
  | { type: 'replace'; object: KObject; subresource?: string }
  /** DELETE that waits for finalizers (deletion.ts): deletionTimestamp, and the policy's finalizer. */
  | { type: 'mark-deleting'; finalizer?: string }
  | { type: 'graceful-delete'; graceSeconds: number; evicted?: boolean }
  /** The Eviction API spends one of a PodDisruptionBudget's allowed disruptions (pdb-disrupt.ts). */
  | { type: 'spend-disruption'; pod: string }

/** A second write the same request makes once the first is stored (an eviction: budget, then pod). */
export interface ChainedUpdate {
  target: { resource: string; group: string; name: string; key: string }
  mutation: Mutation
}

/** What a request on an object without a watch cache does once etcd has read the object. */
export type AfterRead =
  | { verb: 'update'; mutation: Mutation }
  | { verb: 'dry-run'; mutation: Mutation }
  | { verb: 'delete'; delete: DeleteOptions }

/** A DELETE's options, as the request gave them. */
export interface DeleteOptions {
  propagationPolicy?: string
  gracePeriodSeconds?: number
}

/** What to do when etcd answers. */
export type StorageOp =
  | { op: 'create'; req: RequestRef; resource: string; group: string; name: string; respond: 'object' | 'status' }
  | { op: 'get'; req: RequestRef; resource: string; group: string; name: string }
  | { op: 'list'; req: RequestRef; resource: string; group: string; fieldSelector: string; labelSelector: string }
  | { op: 'mutate'; req: RequestRef; resource: string; group: string; name: string; key: string; mutation: Mutation; attempt: number; then?: ChainedUpdate }
  | { op: 'delete'; req: RequestRef; resource: string; group: string; name: string }
  /** etcd3 store reads the object itself when no watch cache holds it, then writes (store.go). */
  | { op: 'read'; req: RequestRef; resource: string; group: string; name: string; key: string; then: AfterRead }
  /** A write the apiserver makes for itself (its identity Lease): nobody waits for the answer. */
  | { op: 'own' }
  /** The etcd probe of a `kubectl get componentstatuses` (component-status.ts). */
  | { op: 'health'; check: string }

export interface Watcher {
  id: string
  client: ActorId
  /** etcd prefix of the resource, `/registry/pods`. */
  prefix: string
  namespace?: string
  /** `spec.nodeName=node-1`, `status.phase!=Succeeded,status.phase!=Failed`. */
  fieldSelector: string
  labelSelector: string
  /** Closes after the first event of this type (kubectl delete --wait). */
  until?: 'DELETED'
  /** Served from a watch the apiserver opened on etcd, not from the watch cache (events). */
  fromEtcd?: true
}

export interface ApiserverState {
  etcd: ActorId
  nextTxn: number
  pending: Record<string, StorageOp>
  watchers: Watcher[]
  nextWatch: number
  /** The watch cache: every object, by etcd key, as of the last etcd watch event. */
  cache: Record<string, KObject>
  /** The revision of the last write the watch cache applied (a cached LIST answers at it). */
  cacheRevision?: number
  /** Service ClusterIP and NodePort allocators (service-alloc.ts); absent until a CIDR is configured. */
  serviceAlloc?: ServiceAllocState
  /** The etcd client's view of a cluster of several members (etcd-client.ts); absent for one member. */
  etcdClient?: EtcdClientState
  /** Component status reads waiting for their probes (component-status.ts). */
  componentChecks?: ComponentChecks
}
