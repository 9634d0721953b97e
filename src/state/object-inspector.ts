/**
 * The object the person is inspecting (its etcd key) and its resourceVersion history as the worker
 * last sent it. Opening asks the worker to follow the object; a pod also follows its scheduling
 * decision (one tab of the pod's inspector). Closing stops both.
 */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import type { ObjectHistoryView, Update } from '../sim/protocol.ts'
import { connectedClient } from './connect.ts'
import { closePodDecision, inspectPod } from './pod-decision.ts'

/** Where the inspector shows: its own panel over the graph, or inside the etcd browser. */
export type ObjectInspectorPlace = 'panel' | 'etcd'

export interface ObjectInspectorState {
  /** The inspected object's etcd key, or null when nothing is inspected. */
  key: string | null
  place: ObjectInspectorPlace
  /** Null until the worker answers, or when the key was never stored. */
  history: ObjectHistoryView | null
  /** True once the worker has answered for this key. */
  answered: boolean
}

export const objectInspectorStore = createStore<ObjectInspectorState>()(() => ({
  key: null,
  place: 'panel',
  history: null,
  answered: false,
}))

export function useObjectInspector<T>(selector: (state: ObjectInspectorState) => T): T {
  return useStore(objectInspectorStore, selector)
}

export const isPodKey = (key: string): boolean => key.startsWith('/registry/pods/')

/** Opens the object inspector for an etcd key (`/registry/pods/default/nginx`). */
export function inspectObject(key: string, place: ObjectInspectorPlace = 'panel'): void {
  const was = objectInspectorStore.getState()
  if (was.key === key && was.place === place) return
  objectInspectorStore.setState({ key, place, history: was.key === key ? was.history : null, answered: was.key === key && was.answered })
  connectedClient()?.send({ type: 'inspect-object', key })
  if (isPodKey(key)) inspectPod(key)
  else if (was.key && isPodKey(was.key)) closePodDecision()
}

export function closeObjectInspector(): void {
  const was = objectInspectorStore.getState().key
  objectInspectorStore.setState({ key: null, place: 'panel', history: null, answered: false })
  connectedClient()?.send({ type: 'inspect-object', key: null })
  if (was && isPodKey(was)) closePodDecision()
}

/** Folds an update's `objectHistory` into the store (called by connect). */
export function applyInspectedObject(update: Update): void {
  const msg = update.objectHistory
  if (!msg || msg.key !== objectInspectorStore.getState().key) return
  objectInspectorStore.setState({ history: msg.history, answered: true })
}

/** `Pod default/nginx` from a stored object, or the key's tail when there is none. */
export function objectTitle(key: string, history: ObjectHistoryView | null): string {
  const last = [...(history?.revisions ?? [])].reverse().find((r) => r.object !== null)?.object
  const ns = last?.metadata.namespace
  if (last) return `${last.kind} ${ns ? `${ns}/` : ''}${last.metadata.name}`
  return key.replace(/^\/registry\//, '')
}
