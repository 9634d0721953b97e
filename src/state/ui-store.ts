/** What the person is looking at: selection, open panels, filters. Never sent to the worker. */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'

export type PanelId = 'flows' | 'details' | 'console'

export interface UiState {
  selectedFlowId: string | null
  /** Lease renewals and other routine traffic. */
  showAmbient: boolean
  panels: Record<PanelId, boolean>
}

export const uiStore = createStore<UiState>()(() => ({
  selectedFlowId: null,
  showAmbient: false,
  panels: { flows: true, details: true, console: true },
}))

export function useUiStore<T>(selector: (state: UiState) => T): T {
  return useStore(uiStore, selector)
}
