/**
 * The request path as the page mirrors it: the traffic source's counters, and the rules of the
 * kube-proxy the person is reading. Starting traffic or opening the rules asks the worker.
 */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import type { ProxyRulesView, TrafficView, Update } from '../sim/protocol.ts'
import { connectedClient } from './connect.ts'

export interface NetworkState {
  traffic: TrafficView
  /** The node whose kube-proxy rules are open, or null. */
  proxyNode: string | null
  rules: ProxyRulesView | null
}

const idle: TrafficView = { running: false, sent: 0, ok: 0, refused: 0, counts: {}, podNodes: {} }

export const networkStore = createStore<NetworkState>()(() => ({ traffic: idle, proxyNode: null, rules: null }))

export function useNetworkStore<T>(selector: (state: NetworkState) => T): T {
  return useStore(networkStore, selector)
}

/** `start web --rate 20 --from node-1`, `start web --from outside`, `stop`. */
export function sendTraffic(line: string): void {
  connectedClient()?.send({ type: 'traffic', line })
}

export function inspectProxy(node: string | null): void {
  networkStore.setState({ proxyNode: node, rules: null })
  connectedClient()?.send({ type: 'inspect-proxy', node })
}

/** Folds an update's traffic counters and rules into the store (called by connect). */
export function applyNetwork(update: Update): void {
  if (update.reset && !update.traffic) networkStore.setState({ traffic: idle })
  if (update.traffic) networkStore.setState({ traffic: update.traffic })
  if (update.proxyRules !== undefined) {
    const rules = update.proxyRules
    if (!rules || rules.node === networkStore.getState().proxyNode) networkStore.setState({ rules })
  }
}
