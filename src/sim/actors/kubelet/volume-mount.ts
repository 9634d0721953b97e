/**
 * The kubelet's side of mounting a pod's ConfigMap and Secret volumes (volumes.ts): GET each
 * source, then either hand the files to the pod worker and go on to the sandbox, or record
 * FailedMount and try again after the back-off.
 */
import type { Ctx } from '../../engine/actor.ts'
import { apiRequest } from '../client/api-client.ts'
import { sourcePath } from './container-env.ts'
import { podEvent, volumesReady } from './pod-worker.ts'
import type { KubeletState, PodWorker, SourceAnswer } from './state.ts'
import { mountBackoffMs, volumeFiles, volumeSources } from './volumes.ts'

/** The service-account token is there: read the other volumes' sources, if any. */
export function mountVolumes(state: KubeletState, ctx: Ctx, w: PodWorker): void {
  if (w.step !== 'volumes') return
  const sources = volumeSources(w.pod)
  if (!sources.length) return volumesReady(state, ctx, w)
  w.volumeFetch = { pending: sources.length, got: {} }
  for (const source of sources) apiRequest(state.client, ctx, 'get', sourcePath(w.namespace, source), { do: 'volume-source', uid: w.uid, source })
}

export function volumeSourceFetched(state: KubeletState, ctx: Ctx, w: PodWorker, source: string, object: SourceAnswer): void {
  const f = w.volumeFetch
  if (!f || w.step !== 'volumes') return
  f.got[source] = object
  if (--f.pending > 0) return
  delete w.volumeFetch
  const r = volumeFiles(w.pod, f.got)
  if ('errors' in r) {
    w.mountFailures = (w.mountFailures ?? 0) + 1
    // Each volume is mounted on its own: one FailedMount per volume that failed.
    for (const message of r.errors) podEvent(state, ctx, w, { type: 'Warning', reason: 'FailedMount', message })
    ctx.setTimer(`mountretry:${w.uid}`, mountBackoffMs(w.mountFailures), { uid: w.uid })
    return
  }
  delete w.mountFailures
  w.volumeFiles = r.files
  volumesReady(state, ctx, w)
}

/** The mount's back-off is over: read the sources again. */
export function retryMount(state: KubeletState, ctx: Ctx, w: PodWorker): void {
  mountVolumes(state, ctx, w)
}
