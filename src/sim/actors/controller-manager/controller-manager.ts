/**
 * kube-controller-manager: one process, many controllers, each a reconcile loop over the shared
 * informer caches (FIDELITY.md §1.0.2). A watch event updates the cache, then each controller that
 * cares queues a key; a worker syncs the key about a millisecond later, acting only through
 * apiserver requests made under the controller's own ServiceAccount and drawn with its name.
 */
import type { ActorDef, Ctx } from '../../engine/actor.ts'
import type { ApiResponse, WatchEventMessage } from '../../messages.ts'
import { resourceByKind } from '../../k8s/resources.ts'
import type { KObject } from '../../protocol.ts'
import { newApiClient, takeResponse } from '../client/api-client.ts'
import { applyWatchEvent } from '../client/informer.ts'
import type { ElectionConfig } from '../leader-election.ts'
import { cronJobResponse, observeCronJob, syncCronJob } from './cronjob.ts'
import { observeForDaemonSet, syncDaemonSet } from './daemonset.ts'
import { deploymentResponse, observeForDeployment, syncDeployment } from './deployment.ts'
import { gcResponse, observeForGc, syncGc } from './garbage-collector.ts'
import { jobResponse, observeForJob, syncJob } from './job.ts'
import { namespaceResponse, syncNamespace } from './namespace.ts'
import { nodeLifecycleReceive, nodeLifecycleTimer } from './node-lifecycle.ts'
import { controllerRef, keyOf } from './objects.ts'
import { updatePodStats } from './pod-stats.ts'
import { observeOwner, observePod, replicasResponse, replicaSetKind, replicationControllerKind, syncReplicas } from './replicaset.ts'
import { syncRootCa, syncServiceAccounts } from './serviceaccount.ts'
import { newState, type ControllerManagerState, type ControllerName } from './state.ts'
import { observeForStatefulSet, statefulSetResponse, syncStatefulSet } from './statefulset.ts'
import { drain, enqueue, requestDone } from './workqueue.ts'
import { revisionResponse } from './revisions.ts'
import { serviceControllersReceive, syncAllServices } from './service-controllers.ts'
import { informersSyncedTimer } from '../restart.ts'
import { answerHealthz } from '../healthz.ts'

export type { ControllerManagerState } from './state.ts'
export { rootCaPem } from './serviceaccount.ts'

/**
 * kube-controller-manager's leader election (cmd/kube-controller-manager/app): its informers and
 * controllers start in the leader callback, and it keeps its Lease until it expires when stopped.
 */
export const controllerManagerElection: ElectionConfig<ControllerManagerState> = {
  lease: 'kube-controller-manager',
  component: 'kube-controller-manager',
  releaseOnCancel: false,
  informersFirst: false,
}

export function newControllerManagerState(apiserver: string): ControllerManagerState {
  return newState(newApiClient(apiserver))
}

/** Every controller this kube-controller-manager runs, in the order the drawing lists them. */
export const controllers: readonly ControllerName[] = [
  'deployment-controller',
  'replicaset-controller',
  'replicationcontroller-controller',
  'daemonset-controller',
  'statefulset-controller',
  'job-controller',
  'cronjob-controller',
  'garbage-collector-controller',
  'namespace-controller',
  'serviceaccount-controller',
  'serviceaccount-token-controller',
  'root-ca-certificate-publisher-controller',
]

const syncs: Partial<Record<ControllerName, (state: ControllerManagerState, ctx: Ctx, key: string) => void>> = {
  'deployment-controller': syncDeployment,
  'replicaset-controller': (s, c, k) => syncReplicas(replicaSetKind, s, c, k),
  'replicationcontroller-controller': (s, c, k) => syncReplicas(replicationControllerKind, s, c, k),
  'daemonset-controller': syncDaemonSet,
  'statefulset-controller': syncStatefulSet,
  'job-controller': syncJob,
  'cronjob-controller': syncCronJob,
  'garbage-collector-controller': syncGc,
  'namespace-controller': syncNamespace,
  'serviceaccount-controller': syncServiceAccounts,
  'root-ca-certificate-publisher-controller': syncRootCa,
}

/** The pods-by-controller index (client-go indexers play this part in the real informers). */
function indexPod(state: ControllerManagerState, type: string, pod: KObject, old: KObject | undefined): void {
  const key = keyOf(pod)
  const before = old && controllerRef(old)?.uid
  if (before) delete state.podsByOwner[before]?.[key]
  const now = controllerRef(pod)?.uid
  if (now && type !== 'DELETED') (state.podsByOwner[now] ??= {})[key] = true
  updatePodStats(state.podStats, old, type === 'DELETED' ? undefined : pod)
}

function onWatchEvent(state: ControllerManagerState, msg: WatchEventMessage, ctx: Ctx): void {
  const o = msg.object
  const resource = resourceByKind(o.kind)?.resource
  const cache = resource ? state.caches[resource] : undefined
  if (!resource || !cache) return
  const old = applyWatchEvent(cache, msg)
  const type = msg.type
  if (resource !== 'namespaces' && resource !== 'serviceaccounts' && resource !== 'configmaps' && resource !== 'nodes') observeForGc(state, ctx, resource, type, o, old)
  switch (resource) {
    case 'namespaces': {
      const name = String(o.metadata.name)
      if (type === 'DELETED') {
        delete state.namespacesListed[name]
        return
      }
      enqueue(state, ctx, 'serviceaccount-controller', name)
      enqueue(state, ctx, 'root-ca-certificate-publisher-controller', name)
      if (o.metadata.deletionTimestamp) enqueue(state, ctx, 'namespace-controller', name)
      return
    }
    case 'serviceaccounts':
      if (o.metadata.name === 'default') enqueue(state, ctx, 'serviceaccount-controller', String(o.metadata.namespace))
      return
    case 'configmaps':
      if (o.metadata.name === 'kube-root-ca.crt') enqueue(state, ctx, 'root-ca-certificate-publisher-controller', String(o.metadata.namespace))
      return
    case 'pods':
      indexPod(state, type, o, old)
      observePod(replicaSetKind, state, ctx, type, o, old)
      observePod(replicationControllerKind, state, ctx, type, o, old)
      observeForDeployment(state, ctx, type, o)
      observeForDaemonSet(state, ctx, o, type)
      observeForStatefulSet(state, ctx, o)
      observeForJob(state, ctx, type, o, old)
      return
    case 'replicasets':
      observeOwner(replicaSetKind, state, ctx, o)
      observeForDeployment(state, ctx, type, o)
      return
    case 'replicationcontrollers':
      observeOwner(replicationControllerKind, state, ctx, o)
      return
    case 'deployments':
      observeForDeployment(state, ctx, type, o)
      return
    case 'nodes':
    case 'daemonsets':
      observeForDaemonSet(state, ctx, o)
      return
    case 'statefulsets':
      observeForStatefulSet(state, ctx, o)
      return
    case 'controllerrevisions':
      // A set's revision written or changed: its controller looks again (revisions.ts).
      if (controllerRef(o)?.kind === 'DaemonSet') observeForDaemonSet(state, ctx, o)
      else observeForStatefulSet(state, ctx, o)
      return
    case 'jobs':
      observeForJob(state, ctx, type, o, old)
      observeCronJob(state, ctx, o)
      return
    case 'cronjobs':
      observeCronJob(state, ctx, o)
      return
  }
}

function onResponse(state: ControllerManagerState, msg: ApiResponse, ctx: Ctx): void {
  const cont = takeResponse(state.client, msg)
  if (!cont || cont.do !== 'sync') return
  const { ctrl, key } = cont
  if (cont.step === 'revision') revisionResponse(state, ctrl, key, msg.code)
  switch (ctrl) {
    case 'deployment-controller':
      deploymentResponse(state, ctx, key, msg, cont.step, cont.uid)
      break
    case 'replicaset-controller':
      replicasResponse(replicaSetKind, state, ctx, key, cont.step, cont.name, msg)
      break
    case 'replicationcontroller-controller':
      replicasResponse(replicationControllerKind, state, ctx, key, cont.step, cont.name, msg)
      break
    case 'statefulset-controller':
      statefulSetResponse(state, ctx, key, cont.step, cont.name, msg)
      break
    case 'job-controller':
      jobResponse(state, ctx, key, cont.step, cont.name, msg)
      break
    case 'cronjob-controller':
      cronJobResponse(state, ctx, key, cont.step, cont.name, msg)
      break
    case 'garbage-collector-controller':
      gcResponse(state, ctx, key, cont.step, cont.uid, msg)
      break
    case 'namespace-controller':
      namespaceResponse(state, ctx, key, cont.step, cont.name, msg)
      break
    default:
      if (msg.code === 409) enqueue(state, ctx, ctrl, key)
  }
  requestDone(state, ctx, ctrl, key)
}

export const controllerManager: ActorDef<ControllerManagerState> = {
  kind: 'kube-controller-manager',
  receive(state, msg, ctx) {
    if (answerHealthz(msg, ctx)) return
    // The node lifecycle controllers take their responses and read the node, Lease and pod events.
    if (nodeLifecycleReceive(state, msg, ctx)) return
    if (state.services && serviceControllersReceive(state.services, msg, ctx)) return
    if (msg.kind === 'apiserver.response') onResponse(state, msg, ctx)
    else if (msg.kind === 'watch.event') {
      onWatchEvent(state, msg, ctx)
    }
  },
  timer(state, name, data, ctx) {
    if (name === informersSyncedTimer) {
      if (state.services) syncAllServices(state.services, ctx)
      return
    }
    if (nodeLifecycleTimer(state, name, data, ctx)) return
    const { ctrl, key } = (data ?? {}) as { ctrl?: ControllerName; key?: string }
    if (!ctrl) return
    if (name.startsWith('after:')) return enqueue(state, ctx, ctrl, key!)
    const sync = syncs[ctrl]
    if (!sync) return
    for (const k of drain(state, ctrl)) sync(state, ctx, k)
  },
}
