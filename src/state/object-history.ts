/**
 * Every stored version of every object the page has seen since the last reset, from the worker's
 * object changes: an object's resourceVersion history and the revisions to diff.
 */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import type { KObject, Update } from '../sim/protocol.ts'

export interface Revision {
  /** etcd revision of the write (0 for what was there when the mirror was reset). */
  revision: number
  /** Null: the key was deleted at this revision. */
  object: KObject | null
}

export interface ObjectHistoryState {
  byKey: Record<string, Revision[]>
}

/** Versions kept per key (an Event or a Lease is rewritten often). */
export const revisionsPerKey = 50

export const objectHistoryStore = createStore<ObjectHistoryState>()(() => ({ byKey: {} }))

export function useObjectHistory<T>(selector: (state: ObjectHistoryState) => T): T {
  return useStore(objectHistoryStore, selector)
}

/** Folds an update's object changes into the history (called by connect). */
export function applyObjectHistory(update: Update): void {
  if (!update.reset && update.objects.length === 0) return
  const prev = update.reset ? {} : objectHistoryStore.getState().byKey
  const byKey: Record<string, Revision[]> = { ...prev }
  for (const c of update.objects) {
    const list = [...(byKey[c.key] ?? []), { revision: c.revision, object: c.object }]
    byKey[c.key] = list.length > revisionsPerKey ? list.slice(-revisionsPerKey) : list
  }
  objectHistoryStore.setState({ byKey }, true)
}
