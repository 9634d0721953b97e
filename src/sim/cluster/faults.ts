/**
 * Breaking things (DESIGN.md §4, issue 5 part 4). A stopped process loses everything it held in
 * memory: its timers stop, messages to it are dropped, its watch connections close (the apiserver
 * drops a watcher whose TCP connection is gone). Started again, it begins from a fresh state and
 * re-lists and re-watches through real requests (actors/restart.ts). A node that loses power
 * takes its kubelet, kube-proxy and containerd with it, and its containers are gone when it boots.
 * A partition cuts the links between a node and the control plane (engine/network.ts).
 */
import type { ApiserverState, Watcher } from '../actors/apiserver/state.ts'
import type { EtcdState } from '../actors/etcd/etcd.ts'
import { restartedRaft } from '../actors/etcd/raft.ts'
import { memberBack } from '../actors/apiserver/etcd-client.ts'
import { newControllerManagerState, type ControllerManagerState } from '../actors/controller-manager/controller-manager.ts'
import { nodeLifecycleOf } from '../actors/controller-manager/node-lifecycle.ts'
import { newServiceControllersState } from '../actors/controller-manager/service-client.ts'
import { newKubeletState } from '../actors/kubelet/kubelet.ts'
import { initialNodeFrom } from '../actors/kubelet/register.ts'
import type { KubeletState } from '../actors/kubelet/state.ts'
import { electorOf } from '../actors/leader-election.ts'
import { restartTimer, resyncInformers, resyncTimer, type RestartData } from '../actors/restart.ts'
import { newRuntimeState } from '../actors/runtime/runtime.ts'
import type { RuntimeState } from '../actors/runtime/state.ts'
import { newSchedulerState, type SchedulerState } from '../actors/scheduler/scheduler.ts'
import type { ApiClient } from '../actors/client/api-client.ts'
import { startTimer, terminate, type ActorDefs } from '../engine/engine.ts'
import { heapPush } from '../engine/queue.ts'
import type { ActorRecord, QueueEvent, World } from '../engine/world.ts'
import type { ActorId, Fault } from '../protocol.ts'
import { addNode, specLikeFirstNode } from './add-node.ts'
import { instanceGone } from './cloud-instances.ts'

const apiserverId = 'kube-apiserver:0'

function apiserver(world: World): ApiserverState {
  return world.actors[apiserverId]!.state as ApiserverState
}

/**
 * The apiserver forgets `held` watchers whose connection is gone; those it served from etcd end
 * their etcd watch too (the watch's context is cancelled with the connection).
 */
function dropWatchers(world: World, held: Watcher[]): void {
  const api = apiserver(world)
  api.watchers = api.watchers.filter((w) => !held.includes(w))
  const fromEtcd = new Set(held.filter((w) => w.fromEtcd).map((w) => w.id))
  const etcd = world.actors[api.etcd]?.state as EtcdState | undefined
  if (etcd && fromEtcd.size) etcd.prefixWatches = etcd.prefixWatches.filter((w) => !fromEtcd.has(w.watchId))
}

/** The pending restart of a process that exited, kept with its timers so a stop cancels it. */
const supervisorRestart = 'supervisor-restart'

/** The process dies: timers gone, watch connections closed by the apiserver. */
function stop(world: World, id: ActorId): void {
  const record = world.actors[id]
  // Stopped on purpose between its exit and its supervisor's restart: it stays stopped.
  if (record && !record.running) delete record.timers[supervisorRestart]
  if (!record || !record.running) return
  record.running = false
  record.timers = {}
  delete record.terminating
  // Its open streams (logs -f, exec) reset; the apiserver ends them for their clients.
  if (record.kind === 'kubelet') startTimer(world, 'kube-apiserver:0', `kubelet-reset:${id}`, 0, { kubelet: id })
  const api = apiserver(world)
  const held = api.watchers.filter((w) => w.client === id)
  if (held.length) {
    dropWatchers(world, held)
    ;(world.stoppedWatches ??= {})[id] = held.map((w) => ({
      prefix: w.prefix,
      ...(w.namespace !== undefined ? { namespace: w.namespace } : {}),
      fieldSelector: w.fieldSelector,
      labelSelector: w.labelSelector,
    }))
    return
  }
  // No watch open yet (a kube-controller-manager still waiting for its Lease, or a relist still in
  // flight): the next process has the same informers to start, from its configuration.
  const pending = electorOf(record.state)?.deferred?.informers ?? resyncInformers(record.state)
  if (pending?.length) (world.stoppedWatches ??= {})[id] = pending
}

/**
 * A new process's client numbers its requests on from where the old one stopped: an answer to a
 * request of the dead process (its connection gone, its answer late) then matches nothing in the
 * new one, as it would reach no socket in a real cluster.
 */
function continueRequestIds(fresh: ApiClient<unknown>, old: ApiClient<unknown>): void {
  fresh.nextReq = old.nextReq
}

/** A fresh process: the state a component has before it learns anything. */
function freshState(record: ActorRecord): unknown {
  switch (record.kind) {
    case 'kubelet': {
      const old = record.state as KubeletState
      const fresh = newKubeletState(old.node, old.hostIP, old.client.apiserver, old.runtime)
      continueRequestIds(fresh.client, old.client)
      // Its configuration file is read again: the same --cluster-dns.
      if (old.clusterDNS) fresh.clusterDNS = old.clusterDNS
      // registerWithAPIServer runs on every start: POST, 409 AlreadyExists, GET the Node.
      const known = old.node_ ?? old.register
      if (known) fresh.register = old.node_ ? initialNodeFrom(old.node_) : known
      return fresh
    }
    case 'container-runtime': {
      // Images stay on disk; sandboxes and containers died with the machine.
      const old = record.state as RuntimeState
      const fresh = newRuntimeState(old.node, old.podNet, [])
      fresh.images = old.images
      return fresh
    }
    case 'kube-scheduler': {
      const fresh = newSchedulerState(apiserverId)
      continueRequestIds(fresh.client, (record.state as SchedulerState).client)
      return fresh
    }
    case 'kube-controller-manager': {
      const old = record.state as ControllerManagerState
      const fresh = newControllerManagerState(apiserverId)
      continueRequestIds(fresh.client, old.client)
      // Flags survive a restart: node-ipam keeps its --cluster-cidr.
      const ipam = nodeLifecycleOf(old).ipam
      if (ipam) nodeLifecycleOf(fresh).ipam = { clusterCIDR: ipam.clusterCIDR, pending: {} }
      // The EndpointSlice and Endpoints controllers start empty too; the relist fills their caches.
      if (old.services) fresh.services = newServiceControllersState(apiserverId)
      return fresh
    }
    case 'etcd': {
      // Its data, log, term and vote are on disk (WAL and snapshot); its watch streams died.
      const old = record.state as EtcdState
      return { ...old, watchers: [], prefixWatches: [], ...(old.raft ? { raft: restartedRaft(old.raft, record.id) } : {}) }
    }
    default:
      return record.state
  }
}

function start(world: World, id: ActorId, opts: { fresh: boolean }): void {
  const record = world.actors[id]
  if (!record || record.running) return
  // Started by hand before its supervisor did: that restart is no longer due.
  delete record.timers[supervisorRestart]
  record.running = true
  if (opts.fresh) record.state = freshState(record)
  const informers = world.stoppedWatches?.[id] ?? []
  if (world.stoppedWatches) delete world.stoppedWatches[id]
  const data: RestartData = { apiserver: apiserverId, informers }
  startTimer(world, id, restartTimer, 0, data)
}

/**
 * A process exited on its own (`ctx.exit`): it stops as a fault would stop it, and its supervisor
 * starts it again, fresh, after the delay the process asked for. A static pod's kubelet notices
 * the exit at its next PLEG relist and restarts the container (no back-off the first time).
 */
export function superviseProcess(world: World, event: Extract<QueueEvent, { type: 'process' }>): void {
  const record = world.actors[event.actor]
  if (!record) return
  if (event.action === 'exit') {
    if (!record.running) return
    // A stop the person asked for, done once the process finished its last work (its Lease
    // released): it stays stopped, unless they started it again meanwhile.
    const restartAfterMs = event.restartAfterMs ?? (record.terminating?.startAgain ? 0 : null)
    stop(world, event.actor)
    if (restartAfterMs === null) return
    const token = world.seq++
    record.timers[supervisorRestart] = token
    heapPush(world.queue, { ...event, time: world.now + restartAfterMs, seq: token, action: 'start', token })
    return
  }
  if (record.timers[supervisorRestart] !== event.token) return
  delete record.timers[supervisorRestart]
  start(world, event.actor, { fresh: true })
}

function nodeActors(node: string): ActorId[] {
  return [`kubelet:${node}`, `kube-proxy:${node}`, `container-runtime:${node}`]
}

function componentId(world: World, component: string): ActorId | undefined {
  return Object.values(world.actors).find((a) => a.kind === component)?.id
}

/** Restores a kubelet's watches after a partition heals: its reflectors re-list and re-watch. */
function resync(world: World, id: ActorId): void {
  const record = world.actors[id]
  if (!record?.running) return
  const api = apiserver(world)
  const held = api.watchers.filter((w) => w.client === id)
  dropWatchers(world, held)
  const informers = held.map((w) => ({ prefix: w.prefix, ...(w.namespace !== undefined ? { namespace: w.namespace } : {}), fieldSelector: w.fieldSelector, labelSelector: w.labelSelector }))
  startTimer(world, id, resyncTimer, 0, { apiserver: apiserverId, informers } satisfies RestartData)
}

/** Applies a fault now. Returns an error in one line when its target does not exist. */
export function applyFault(world: World, fault: Fault, defs: ActorDefs): string | null {
  const needNode = (node: string): string | null => (world.actors[`kubelet:${node}`] ? null : `fault ${fault.kind}: no node "${node}"`)
  switch (fault.kind) {
    case 'stop-node':
    case 'start-node':
    case 'stop-kubelet':
    case 'start-kubelet':
    case 'partition-node':
    case 'heal-node':
    case 'delete-instance': {
      const err = needNode(fault.node)
      if (err) return err
      break
    }
    default:
      break
  }
  switch (fault.kind) {
    case 'stop-node':
      for (const id of nodeActors(fault.node)) stop(world, id)
      return null
    case 'start-node':
      // Boot order: containerd, then the kubelet (it asks the runtime what runs), then kube-proxy.
      for (const id of [`container-runtime:${fault.node}`, `kubelet:${fault.node}`, `kube-proxy:${fault.node}`]) start(world, id, { fresh: true })
      return null
    case 'stop-kubelet':
      stop(world, `kubelet:${fault.node}`)
      return null
    case 'start-kubelet':
      start(world, `kubelet:${fault.node}`, { fresh: true })
      return null
    case 'partition-node': {
      const p = (world.partitions ??= [])
      if (!p.includes(fault.node)) p.push(fault.node)
      return null
    }
    case 'heal-node':
      world.partitions = (world.partitions ?? []).filter((n) => n !== fault.node)
      resync(world, `kubelet:${fault.node}`)
      return null
    case 'stop-registry':
      stop(world, 'image-registry')
      return null
    case 'start-registry':
      start(world, 'image-registry', { fresh: false })
      return null
    case 'stop-component':
    case 'start-component': {
      if (fault.component !== 'kube-scheduler' && fault.component !== 'kube-controller-manager')
        return `fault ${fault.kind}: stopping ${fault.component} is not simulated yet (kube-scheduler, kube-controller-manager)`
      const id = componentId(world, fault.component)
      if (!id) return `fault ${fault.kind}: no ${fault.component} in this cluster`
      const record = world.actors[id]!
      // SIGTERM (its static pod's manifest moved away): a ReleaseOnCancel leader frees its Lease
      // first and exits once that is answered (leader-election.ts); the others stop at once.
      if (fault.kind === 'stop-component') {
        if (!terminate(world, defs, id)) stop(world, id)
      } else if (record.terminating) record.terminating.startAgain = true
      else start(world, id, { fresh: true })
      return null
    }
    case 'stop-etcd-member':
    case 'start-etcd-member': {
      const id = `etcd:${fault.member}`
      const member = world.actors[id]
      if (!member) return `fault ${fault.kind}: no etcd member ${fault.member}`
      if (!(member.state as EtcdState).raft) return `fault ${fault.kind}: stopping the only etcd member is not simulated yet (use controlPlane.etcd: 3)`
      if (fault.kind === 'stop-etcd-member') {
        if (!member.running) return null
        stop(world, id)
        // Its clients' connections drop: the apiserver's etcd client notices at once.
        startTimer(world, apiserverId, `etcd-lost:${id}`, 0, id)
      } else {
        start(world, id, { fresh: true })
        memberBack(apiserver(world), id)
      }
      return null
    }
    case 'add-node':
      return addNode(world, specLikeFirstNode(world, fault.node))
    case 'delete-instance':
      for (const id of nodeActors(fault.node)) stop(world, id)
      instanceGone(world, fault.node)
      return null
  }
}
