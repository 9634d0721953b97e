/**
 * The image registry outside the cluster. It answers manifest requests and streams layers; the
 * transfer takes size / bandwidth (FIDELITY.md §6: pulls of 4–540 MB images took 0.3–8 s).
 */
import type { ActorDef } from '../../engine/actor.ts'
import type { RegistryImage } from '../../protocol.ts'
import { digestOf, normalizeImage } from './catalogue.ts'

export interface RegistryState {
  /** Normalised reference → size in bytes. */
  images: Record<string, number>
}

export function newRegistryState(images: RegistryImage[]): RegistryState {
  const out: Record<string, number> = {}
  for (const i of images) out[normalizeImage(i.name)] = i.sizeBytes
  return { images: out }
}

/** Bytes per virtual ms: 25 MB/s, in the middle of what FIDELITY.md §6 reports. */
const bytesPerMs = 25_000

export const registry: ActorDef<RegistryState> = {
  kind: 'image-registry',
  receive(state, msg, ctx) {
    if (msg.kind !== 'registry.get' || !ctx.from) return
    const size = state.images[normalizeImage(msg.image)]
    const base = { kind: 'registry.reply' as const, reqId: msg.reqId, image: msg.image, what: msg.what }
    if (size === undefined) {
      ctx.stage({ name: 'lookup', outcome: 'failed', detail: `manifest unknown: ${normalizeImage(msg.image)}` })
      ctx.send(ctx.from, { ...base, code: 404 })
      return
    }
    if (msg.what === 'manifest') {
      ctx.send(ctx.from, { ...base, code: 200, digest: digestOf(msg.image), sizeBytes: size, layers: 1 + (size % 6) })
      return
    }
    const transferMs = 300 + Math.round(size / bytesPerMs) + Math.floor(ctx.random() * 200)
    ctx.send(ctx.from, { ...base, code: 200, sizeBytes: size }, { durationMs: transferMs })
  },
}
