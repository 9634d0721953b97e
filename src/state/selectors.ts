/**
 * Named selectors. Components never select whole objects; arrays go through `useShallow`
 * (see the hooks at the bottom) so a component re-renders only when what it shows changed.
 */
import { useShallow } from 'zustand/react/shallow'
import type { ActorView, Flow, KubectlResult, KubectlStream, PodView } from '../sim/protocol.ts'
import { usePlaybackStore, type PlaybackState } from './playback-store.ts'
import { useSimStore, type SimState } from './sim-store.ts'
import { useUiStore, type UiState } from './ui-store.ts'

export const selectActors = (s: SimState): ActorView[] => s.actors
export const selectActor =
  (id: string) =>
  (s: SimState): ActorView | undefined =>
    s.actorById[id]
/** More than one etcd member: each is named by its number, the first one too (`etcd-0`). */
export const selectEtcdCluster = (s: SimState): boolean => s.actorById['etcd:1'] !== undefined
export const selectPod =
  (key: string) =>
  (s: SimState): PodView | undefined =>
    s.pods.find((p) => p.key === key)
/** `<key>|<node>` per pod: what the layout depends on. */
export const selectPodPlacements = (s: SimState): string[] =>
  s.pods.map((p) => `${p.key}|${p.node ?? ''}`)
export const selectFlows = (s: SimState): Flow[] => s.flows
export const selectFlow =
  (id: string | null) =>
  (s: SimState): Flow | undefined =>
    id === null ? undefined : s.flows.find((f) => f.id === id)
export const selectLiveFlowIds = (s: SimState): string[] => s.live.map((f) => f.id)
export const selectDeliveredCount = (s: SimState): number => s.deliveredCount
export const selectKubectlResults = (s: SimState): KubectlResult[] => s.kubectl
export const selectKubectlStreams = (s: SimState): KubectlStream[] => s.kubectlStreams
export const selectScenarioTitle = (s: SimState): string => s.scenarioTitle
export const selectLoaded = (s: SimState): boolean => s.loaded
export const selectError = (s: SimState): string | null => s.error
export const selectIdle = (s: SimState): boolean => s.idle

export const selectPlaying = (s: PlaybackState): boolean => s.playing
export const selectSpeed = (s: PlaybackState): number => s.speed
export const selectReducedMotion = (s: PlaybackState): boolean => s.reducedMotion

export const selectSelectedFlowId = (s: UiState): string | null => s.selectedFlowId
export const selectShowAmbient = (s: UiState): boolean => s.showAmbient

export const usePodPlacements = (): string[] => useSimStore(useShallow(selectPodPlacements))
export const useLiveFlowIds = (): string[] => useSimStore(useShallow(selectLiveFlowIds))
export const useSelectedFlow = (): Flow | undefined => {
  const id = useUiStore(selectSelectedFlowId)
  return useSimStore(selectFlow(id))
}
export const usePlaying = (): boolean => usePlaybackStore(selectPlaying)
