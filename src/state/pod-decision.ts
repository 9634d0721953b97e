/**
 * The pod whose scheduling decision the person is reading, and that decision as the worker last
 * sent it. Opening asks the worker to follow the pod; closing stops it.
 */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import type { PodDecisionView, Update } from '../sim/protocol.ts'
import { connectedClient } from './connect.ts'

export interface PodDecisionState {
  /** The inspected pod's etcd key, or null when the table is closed. */
  podKey: string | null
  /** Null until the worker answers, or when the scheduler has not decided yet. */
  decision: PodDecisionView | null
  /** True once the worker has answered for this pod. */
  answered: boolean
}

export const podDecisionStore = createStore<PodDecisionState>()(() => ({ podKey: null, decision: null, answered: false }))

export function usePodDecisionStore<T>(selector: (state: PodDecisionState) => T): T {
  return useStore(podDecisionStore, selector)
}

/** Opens the scheduling table for a pod (its etcd key). */
export function inspectPod(podKey: string): void {
  podDecisionStore.setState({ podKey, decision: null, answered: false })
  connectedClient()?.send({ type: 'inspect-pod', key: podKey })
}

export function closePodDecision(): void {
  podDecisionStore.setState({ podKey: null, decision: null, answered: false })
  connectedClient()?.send({ type: 'inspect-pod', key: null })
}

/** Folds an update's `podDecision` into the store (called by connect). */
export function applyPodDecision(update: Update): void {
  const msg = update.podDecision
  if (!msg) return
  if (msg.key !== podDecisionStore.getState().podKey) return
  podDecisionStore.setState({ decision: msg.decision, answered: true })
}
