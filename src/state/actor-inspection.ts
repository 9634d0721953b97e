/**
 * The component the person is inspecting, and its live state as the worker last sent it. Opening
 * asks the worker to follow the component; closing stops it (as pod-decision.ts does for pods).
 */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import type { ActorInspection, Update } from '../sim/protocol.ts'
import { connectedClient } from './connect.ts'

export interface ActorInspectionState {
  /** The inspected actor's id (`kubelet:node-1`), or null when the inspector is closed. */
  actorId: string | null
  /** Null until the worker answers, or when no actor has that id. */
  inspection: ActorInspection | null
  /** True once the worker has answered for this actor. */
  answered: boolean
}

export const actorInspectionStore = createStore<ActorInspectionState>()(() => ({ actorId: null, inspection: null, answered: false }))

export function useActorInspectionStore<T>(selector: (state: ActorInspectionState) => T): T {
  return useStore(actorInspectionStore, selector)
}

/** Opens the inspector for a component (its actor id). */
export function inspectActor(actorId: string): void {
  actorInspectionStore.setState({ actorId, inspection: null, answered: false })
  connectedClient()?.send({ type: 'inspect-actor', id: actorId })
}

export function closeActorInspection(): void {
  actorInspectionStore.setState({ actorId: null, inspection: null, answered: false })
  connectedClient()?.send({ type: 'inspect-actor', id: null })
}

/** Folds an update's `actorInspection` into the store (called by connect). */
export function applyActorInspection(update: Update): void {
  const msg = update.actorInspection
  if (!msg) return
  if (msg.id !== actorInspectionStore.getState().actorId) return
  actorInspectionStore.setState({ inspection: msg.inspection, answered: true })
}
