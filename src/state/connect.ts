/**
 * Wires a SimClient to the stores, outside React: every update is folded into the mirror the
 * moment it arrives, stamped with the page's own receipt time.
 */
import type { SimClient } from '../bridge/sim-client.ts'
import { playbackStore } from './playback-store.ts'
import { applyPodDecision } from './pod-decision.ts'
import { applyActorInspection } from './actor-inspection.ts'
import { applyNetwork } from './network-store.ts'
import { applySessionUpdate, sessionStore } from './session-store.ts'
import { applyTimeline } from './timeline-store.ts'
import { applyCauseTree } from './cause-store.ts'
import { applyInspectedObject } from './object-inspector.ts'
import { applyLesson } from './lesson-store.ts'
import { applyUpdate, reportError } from './sim-store.ts'
import { coalesceUpdates } from './update-coalescer.ts'

let current: SimClient | null = null
/** Commands sent so far: a resting update counts as current only once the worker handled them all. */
let sent = 0

/** The client actions send to; null before `connect`. */
export function connectedClient(): SimClient | null {
  return current
}

export function connect(
  client: SimClient,
  now: () => number = () => performance.now(),
): () => void {
  const counting: SimClient = {
    ...client,
    send: (command) => {
      sent++
      // Whatever rested before this command is no longer where the simulation stands.
      if (sessionStore.getState().rest) sessionStore.setState({ rest: null })
      client.send(command)
    },
  }
  current = counting
  // Folded once per animation frame (update-coalescer.ts), each stamped with its arrival time.
  const offUpdate = client.onUpdate(
    coalesceUpdates((update, receivedAt) => {
      // Updates that waited for the frame after a disconnect are no longer this page's.
      if (current !== counting) return
      applyUpdate(update, receivedAt)
      applySessionUpdate(update, sent)
      applyTimeline(update)
      applyCauseTree(update)
      applyInspectedObject(update)
      applyLesson(update)
      applyPodDecision(update)
      applyActorInspection(update)
      applyNetwork(update)
      const playback = playbackStore.getState()
      if (playback.playing !== update.playing || playback.speed !== update.speed) {
        playbackStore.setState({ playing: update.playing, speed: update.speed })
      }
    }, now),
  )
  const offError = client.onError(reportError)
  return () => {
    offUpdate()
    offError()
    if (current === counting) current = null
  }
}
