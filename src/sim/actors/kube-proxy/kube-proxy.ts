/**
 * kube-proxy on one node (iptables mode; FIDELITY.md §4.3). It watches Services and EndpointSlices
 * and rewrites the node's rules as data: at most once per `minSyncPeriod` (1 s) after a change,
 * and every `syncPeriod` (30 s) regardless (pkg/proxy/apis/config/v1alpha1/defaults.go, the
 * BoundedFrequencyRunner). The actor also stands for the node's netfilter: a packet arriving at
 * the node walks those rules (data-plane.ts).
 */
import type { ActorDef, Ctx } from '../../engine/actor.ts'
import type { KObject } from '../../protocol.ts'
import { applyWatchEvent, type Cache } from '../client/informer.ts'
import { dataPlaneReceive } from './data-plane.ts'
import { buildRules, type ProxyRules } from './rules.ts'

/** --iptables-min-sync-period and --iptables-sync-period defaults. */
export const minSyncPeriodMs = 1_000
export const syncPeriodMs = 30_000

export interface KubeProxyState {
  node: string
  /** --cluster-cidr: traffic from outside it is masqueraded (KUBE-MARK-MASQ). */
  clusterCIDR: string
  services: Cache
  endpointslices: Cache
  /** The rules of the last sync; null before the first. */
  rules: ProxyRules | null
  /**
   * A Service or EndpointSlice changed since the last sync (true before the first). Without one a sync
   * would work out the very rules it has (they depend on those two caches and the cluster CIDR),
   * so they are kept rather than computed again: 100 nodes' resyncs were ~5% of a busy run.
   */
  changed: boolean
  /** Virtual ms of the last sync; -1 before the first. */
  lastSyncAt: number
  syncs: number
  /** Requests delivered to each local pod, by pod name. */
  served: Record<string, number>
}

export function newKubeProxyState(node: string, clusterCIDR: string): KubeProxyState {
  return { node, clusterCIDR, services: {}, endpointslices: {}, rules: null, changed: true, lastSyncAt: -1, syncs: 0, served: {} }
}

export function syncRules(state: KubeProxyState, now: number): void {
  if (state.changed) {
    state.rules = buildRules(Object.values(state.services), Object.values(state.endpointslices), state.clusterCIDR)
    state.changed = false
  }
  state.lastSyncAt = now
  state.syncs++
}

function requestSync(state: KubeProxyState, ctx: Ctx): void {
  if (ctx.hasTimer('sync')) return
  const wait = state.lastSyncAt < 0 ? 0 : Math.max(0, state.lastSyncAt + minSyncPeriodMs - ctx.now)
  ctx.setTimer('sync', wait)
}

export const kubeProxy: ActorDef<KubeProxyState> = {
  kind: 'kube-proxy',
  receive(state, msg, ctx) {
    if (msg.kind === 'watch.event') {
      const o: KObject = msg.object
      if (o.kind === 'Service') applyWatchEvent(state.services, msg)
      else if (o.kind === 'EndpointSlice') applyWatchEvent(state.endpointslices, msg)
      else return
      state.changed = true
      requestSync(state, ctx)
      return
    }
    dataPlaneReceive(state, msg, ctx)
  },
  timer(state, name, _data, ctx) {
    if (name === 'sync') {
      syncRules(state, ctx.now)
      ctx.setTimer('resync', syncPeriodMs)
    } else if (name === 'resync') {
      syncRules(state, ctx.now)
      ctx.setTimer('resync', syncPeriodMs)
    }
  },
}
