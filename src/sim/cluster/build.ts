/**
 * Builds the world for a scenario: every component as an actor, the cluster's state as it is right
 * after `kubeadm init` and the nodes' joins (namespaces, ServiceAccounts, Nodes, Leases in etcd),
 * the informers' watches already open, the periodic loops started, and the script scheduled.
 */
import { serviceIp } from './service-bootstrap.ts'
import { newApiserverState } from '../actors/apiserver/apiserver.ts'
import type { ApiserverState } from '../actors/apiserver/state.ts'
import { addWatcher } from '../actors/apiserver/watch.ts'
import { isUncached, uncachedPrefixes } from '../actors/apiserver/watch-cache-sizes.ts'
import { cacheKey } from '../actors/client/informer.ts'
import { controllerManagerElection, newControllerManagerState, type ControllerManagerState } from '../actors/controller-manager/controller-manager.ts'
import { identityLeaseKey, identityLeaseObject, identityLeaseRenewMs, identityLeaseTimer } from '../actors/apiserver/identity-lease.ts'
import { controlPlaneHost, electionTimer, leaderLeaseObject, leadingElector, newIdentity, retryPeriodMs, setElector, type ElectorSetup } from '../actors/leader-election.ts'
import type { EtcdState } from '../actors/etcd/etcd.ts'
import { put } from '../actors/etcd/mvcc.ts'
import { electionMs, heartbeatMs, newRaftState } from '../actors/etcd/raft.ts'
import { newEtcdClient } from '../actors/apiserver/etcd-client.ts'
import { newKubectlState } from '../actors/kubectl/kubectl.ts'
import { newKubeletState } from '../actors/kubelet/kubelet.ts'
import type { KubeletState } from '../actors/kubelet/state.ts'
import { builtInImages } from '../actors/registry/catalogue.ts'
import { newRegistryState } from '../actors/registry/registry.ts'
import { newRuntimeState } from '../actors/runtime/runtime.ts'
import { newSchedulerState, schedulerElection, seedNode, type SchedulerState } from '../actors/scheduler/scheduler.ts'
import type { ActorDefs } from '../engine/engine.ts'
import { addActor, createWorld, scheduleInput, scheduleScript, startTimer } from '../engine/engine.ts'
import { mulberry32, seedFor } from '../engine/rng.ts'
import type { World } from '../engine/world.ts'
import { rfc3339, uuid } from '../k8s/meta.ts'
import type { ActorId, KObject, NodeSpec, Scenario } from '../protocol.ts'
import { addNode } from './add-node.ts'
import { applyFault } from './faults.ts'
import { watchWorkloads } from './workload-watches.ts'
import { startNodeLifecycle } from './node-lifecycle-boot.ts'
import { trafficClientId, wireServices } from './service-wiring.ts'
import { freezeLevels } from '../engine/clone.ts'
import { leaseObject, namespaceObject, nodeObject, rootCaConfigMap, serviceAccountObject, systemNamespaces } from './bootstrap-objects.ts'

export const apiserverId = 'kube-apiserver:0'
export const etcdId = 'etcd:0'
export const schedulerId = 'kube-scheduler:0'
export const controllerManagerId = 'kube-controller-manager:0'
export const cloudControllerManagerId = 'cloud-controller-manager:0'

/** The Kubernetes patch release reported by kubelets and the CLI. */
export const kubeletVersion = 'v1.34.0'

/** Node i's InternalIP and /24 pod CIDR: 10.0.0.11 and 10.244.1.0/24 for the first node. */
export function addressing(scenario: Scenario, index: number): { hostIP: string; podCIDR: string; podNet: string } {
  const [a, b] = scenario.cluster.podCIDR.split('/')[0]!.split('.')
  const podNet = `${a}.${b}.${index + 1}.`
  return { hostIP: `10.0.0.${11 + index}`, podCIDR: `${podNet}0/24`, podNet }
}

function stored(etcd: EtcdState, key: string, obj: KObject, random: () => number): KObject {
  obj.metadata.uid = uuid(random)
  return put(etcd.store, key, obj).value
}

export function buildWorld(scenario: Scenario, _defs: ActorDefs): World {
  const startMs = Date.parse(scenario.startTime)
  const world = createWorld(scenario.seed, startMs)
  let bootRng = seedFor(scenario.seed, 'bootstrap')
  const random = (): number => {
    const [next, v] = mulberry32(bootRng)
    bootRng = next
    return v
  }
  const created = rfc3339(startMs)

  const etcd: EtcdState = { store: { revision: 1, kv: {} }, watchers: [apiserverId], uncached: uncachedPrefixes, prefixWatches: [] }
  const api: ApiserverState = newApiserverState(etcdId)
  const scheduler: SchedulerState = newSchedulerState(apiserverId)
  const kcm: ControllerManagerState = newControllerManagerState(apiserverId)

  addActor(world, 'kubectl', 'kubectl', newKubectlState(apiserverId))
  addActor(world, apiserverId, 'kube-apiserver', api)
  addActor(world, etcdId, 'etcd', etcd)
  const members = etcdMemberIds(scenario.cluster.controlPlane.etcd)
  for (const id of members.slice(1)) addActor(world, id, 'etcd', { ...etcd, watchers: [] })
  addActor(world, schedulerId, 'kube-scheduler', scheduler)
  addActor(world, controllerManagerId, 'kube-controller-manager', kcm)
  addActor(world, cloudControllerManagerId, 'cloud-controller-manager', {}, scenario.cluster.cloud ? {} : { dormant: 'only with a cloud provider' })
  addActor(world, 'image-registry', 'image-registry', newRegistryState([...builtInImages, ...scenario.registry.images]))

  for (const ns of systemNamespaces) {
    kcm.caches.namespaces![ns] = stored(etcd, `/registry/namespaces/${ns}`, namespaceObject(ns, created), random)
    kcm.caches.serviceaccounts![`${ns}/default`] = stored(etcd, `/registry/serviceaccounts/${ns}/default`, serviceAccountObject(ns, created), random)
    kcm.caches.configmaps![`${ns}/kube-root-ca.crt`] = stored(etcd, `/registry/configmaps/${ns}/kube-root-ca.crt`, rootCaConfigMap(ns, created), random)
  }
  addWatcher(api, { client: controllerManagerId, prefix: '/registry/namespaces', fieldSelector: '', labelSelector: '' })
  addWatcher(api, { client: controllerManagerId, prefix: '/registry/serviceaccounts', fieldSelector: '', labelSelector: '' })
  addWatcher(api, { client: controllerManagerId, prefix: '/registry/configmaps', fieldSelector: 'metadata.name=kube-root-ca.crt', labelSelector: '' })
  // kube-scheduler's informers (pkg/scheduler/scheduler.go): non-terminal pods, and nodes.
  addWatcher(api, { client: schedulerId, prefix: '/registry/pods', fieldSelector: 'status.phase!=Succeeded,status.phase!=Failed', labelSelector: '' })
  addWatcher(api, { client: schedulerId, prefix: '/registry/minions', fieldSelector: '', labelSelector: '' })
  // PodTopologySpread's default selector comes from the Services, ReplicationControllers,
  // ReplicaSets and StatefulSets that select a pod (pkg/scheduler/framework/plugins/helper/spread.go).
  for (const prefix of ['/registry/services/specs', '/registry/controllers', '/registry/replicasets', '/registry/statefulsets'])
    addWatcher(api, { client: schedulerId, prefix, fieldSelector: '', labelSelector: '' })

  scenario.cluster.nodes.forEach((spec, i) => joinNode(world, scenario, spec, i, { etcd, api, scheduler, random, startMs }))
  watchWorkloads(api, kcm, etcd, controllerManagerId)
  startNodeLifecycle(world, kcm, api, etcd.store.kv, controllerManagerId, scenario.cluster.podCIDR)

  wireServices(world, scenario, { etcd, api, kcm, apiserverId, controllerManagerId, schedulerId, cloudControllerManagerId, random, created })
  // Both have led since the cluster came up: their Leases in kube-system, renewed every 2 s.
  holdLease(world, schedulerId, scheduler, schedulerElection, etcd, random, startMs)
  holdLease(world, controllerManagerId, kcm, controllerManagerElection, etcd, random, startMs)
  // The apiserver's own identity Lease, renewed every 10 s by its lease controller.
  stored(etcd, identityLeaseKey, identityLeaseObject(uuid(random), startMs, controlPlaneHost), random)
  startTimer(world, apiserverId, identityLeaseTimer, identityLeaseRenewMs)
  // Bootstrap is done editing what it stored: committed data is frozen from here on (etcd.ts).
  for (const kv of Object.values(etcd.store.kv)) {
    freezeLevels(kv.value)
    if (!isUncached(kv.key)) api.cache[kv.key] = kv.value
    Object.freeze(kv)
  }
  api.cacheRevision = etcd.store.revision
  if (members.length > 1) formEtcdCluster(world, members, api, random)
  scenario.script.forEach((step, i) => scheduleScript(world, i, step.atMs))
  return world
}

/** A component that leads from the start: its Lease stored, its elector leading, its first renewal due. */
function holdLease(world: World, id: ActorId, state: object, setup: ElectorSetup, etcd: EtcdState, random: () => number, startMs: number): void {
  const lease = leaderLeaseObject(setup.lease, newIdentity(random), startMs)
  lease.metadata.creationTimestamp = rfc3339(startMs)
  const held = stored(etcd, `/registry/leases/kube-system/${setup.lease}`, lease, random)
  setElector(state, leadingElector(setup, apiserverId, held))
  startTimer(world, id, electionTimer, retryPeriodMs)
}

/** `etcd:0`, `etcd:1`, … for `controlPlane.etcd` members. */
export function etcdMemberIds(count: number): ActorId[] {
  return Array.from({ length: count }, (_, i) => `etcd:${i}`)
}

/**
 * The members of an etcd cluster as they stand after kubeadm joined them: every member holds the
 * bootstrap data, etcd-0 leads term 2 (its first election), the followers' election timers run
 * and the apiserver's client knows every member (`--etcd-servers`).
 */
function formEtcdCluster(world: World, members: ActorId[], api: ApiserverState, random: () => number): void {
  const leader = members[0]!
  const first = world.actors[leader]!.state as EtcdState
  for (const id of members) {
    const state = world.actors[id]!.state as EtcdState
    // Each member's own copy of the data (the stored objects themselves are frozen and shared).
    if (id !== leader) state.store = { revision: first.store.revision, kv: { ...first.store.kv } }
    state.raft = newRaftState(members, leader, id, 2)
    state.history = []
    if (id === leader) {
      startTimer(world, id, 'heartbeat', heartbeatMs)
      startTimer(world, id, 'check-quorum', electionMs)
    } else startTimer(world, id, 'election', electionMs + Math.floor(random() * 10) * heartbeatMs)
  }
  api.etcdClient = newEtcdClient(members)
}

interface Boot {
  etcd: EtcdState
  api: ApiserverState
  scheduler: SchedulerState
  random: () => number
  startMs: number
}

/** A worker node that has joined: its Node and Lease stored, its kubelet watching, its loops running. */
function joinNode(world: World, scenario: Scenario, spec: NodeSpec, index: number, boot: Boot): void {
  const addr = addressing(scenario, index)
  const node = stored(boot.etcd, `/registry/minions/${spec.name}`, nodeObject(spec, addr, boot.startMs, kubeletVersion), boot.random)
  const lease = stored(boot.etcd, `/registry/leases/kube-node-lease/${spec.name}`, leaseObject(spec.name, String(node.metadata.uid), boot.startMs), boot.random)
  seedNode(boot.scheduler, cacheKey(node), node)

  const kubeletId = `kubelet:${spec.name}`
  const runtimeId = `container-runtime:${spec.name}`
  const kubelet: KubeletState = newKubeletState(spec.name, addr.hostIP, apiserverId, runtimeId)
  kubelet.lease = lease
  kubelet.node_ = node
  // kubeadm's KubeletConfiguration clusterDNS: the service CIDR's 10th address, CoreDNS or not.
  kubelet.clusterDNS = serviceIp(scenario.cluster.serviceCIDR, 10)
  addActor(world, kubeletId, 'kubelet', kubelet, { node: spec.name })
  addActor(world, `kube-proxy:${spec.name}`, 'kube-proxy', { node: spec.name }, { node: spec.name })
  addActor(world, runtimeId, 'container-runtime', newRuntimeState(spec.name, addr.podNet, spec.images), { node: spec.name })

  // The kubelet's informers: pods bound to it, and its own Node (pkg/kubelet/kubelet.go); its
  // Services informer is wired with the Services (service-wiring.ts).
  addWatcher(boot.api, { client: kubeletId, prefix: '/registry/pods', fieldSelector: `spec.nodeName=${spec.name}`, labelSelector: '' })
  addWatcher(boot.api, { client: kubeletId, prefix: '/registry/minions', fieldSelector: `metadata.name=${spec.name}`, labelSelector: '' })

  // Periodic loops start at staggered offsets, as real kubelets started at different moments.
  startTimer(world, kubeletId, 'lease', Math.floor(boot.random() * 10_000))
  startTimer(world, kubeletId, 'pleg', Math.floor(boot.random() * 1_000))
  startTimer(world, kubeletId, 'node-status', Math.floor(boot.random() * 10_000))
}

/** A script step is due: hand kubectl lines to kubectl. Faults and new nodes come with later releases. */
export function runScriptStep(world: World, scenario: Scenario, index: number, defs: ActorDefs): void {
  const step = scenario.script[index]
  if (!step) return
  if ('kubectl' in step && step.interruptAfterMs !== undefined) {
    // The line needs a request id for its Ctrl+C to name it; lines without one keep none.
    const requestId = `script:${index}`
    scheduleInput(world, 'kubectl', { line: step.kubectl, requestId, ...(step.stdin !== undefined ? { stdin: step.stdin } : {}) })
    scheduleInput(world, 'kubectl', { line: '', interrupt: requestId }, world.now + step.interruptAfterMs)
  } else if ('kubectl' in step) scheduleInput(world, 'kubectl', { line: step.kubectl, ...(step.stdin !== undefined ? { stdin: step.stdin } : {}) })
  else if ('apply' in step) scheduleInput(world, 'kubectl', { line: 'apply -f -', stdin: step.apply })
  else if ('traffic' in step) scheduleInput(world, trafficClientId, { line: step.traffic })
  else if ('fault' in step) applyFault(world, step.fault, defs)
  else if ('addNode' in step) addNode(world, step.addNode)
}
