/**
 * The selected flow's cause tree, as the worker last sent it. Selecting a flow (uiStore) asks the
 * worker to follow it; the tree stays current while its effects keep coming.
 */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import type { CauseTreeView, Update } from '../sim/protocol.ts'
import { connectedClient } from './connect.ts'
import { uiStore } from './ui-store.ts'

export interface CauseState {
  tree: CauseTreeView | null
}

export const causeStore = createStore<CauseState>()(() => ({ tree: null }))

export function useCauseStore<T>(selector: (state: CauseState) => T): T {
  return useStore(causeStore, selector)
}

let following: string | null = null

/** Asks the worker for the selected flow's tree (idempotent; called by connect per update). */
function followSelection(): void {
  const id = uiStore.getState().selectedFlowId
  if (id === following) return
  following = id
  causeStore.setState({ tree: null })
  connectedClient()?.send({ type: 'inspect-flow', id })
}

uiStore.subscribe(followSelection)

/** Folds an update's `causeTree` into the store (called by connect). */
export function applyCauseTree(update: Update): void {
  if (update.reset) {
    // A new simulation (or a seek): follow again; the worker answers with the tree here.
    following = null
    followSelection()
  }
  const msg = update.causeTree
  if (!msg || msg.id !== uiStore.getState().selectedFlowId) return
  causeStore.setState({ tree: msg.tree })
}

export const selectCauseTree = (s: CauseState): CauseTreeView | null => s.tree

/** Actor ids a tree touches: the graph lights them up. */
export function actorsOf(tree: CauseTreeView): string[] {
  const ids = new Set<string>()
  for (const f of tree.chain) ids.add(f.from).add(f.to)
  for (const d of tree.descendants) ids.add(d.flow.from).add(d.flow.to)
  return [...ids]
}
