/** Calls back once when kubectl's answer to `requestId` arrives; returns the unsubscribe. */
import type { KubectlResult } from '../sim/protocol.ts'
import { simStore } from './sim-store.ts'

export function onKubectlAnswer(requestId: string, done: (r: KubectlResult) => void): () => void {
  const find = (): KubectlResult | undefined =>
    simStore.getState().kubectl.find((r) => r.requestId === requestId)
  const now = find()
  if (now) {
    done(now)
    return () => {}
  }
  const unsubscribe = simStore.subscribe(() => {
    const r = find()
    if (!r) return
    unsubscribe()
    done(r)
  })
  return unsubscribe
}
