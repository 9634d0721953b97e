/**
 * Bounded inflate: compressed bytes go in 1 KB at a time and the output is counted as it comes,
 * so a deflate bomb (a few KB that inflate to gigabytes) is stopped near the limit, in bounded
 * time and memory, instead of filling the tab.
 */
import { Inflate } from 'fflate'
import { inflateChunkBytes } from './limits.ts'

export type InflateResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; reason: 'too-large' | 'corrupt' }

export function boundedInflate(data: Uint8Array, maxBytes: number): InflateResult {
  const chunks: Uint8Array[] = []
  let total = 0
  let tooLarge = false
  let ended = false
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length
    if (total > maxBytes) tooLarge = true
    else chunks.push(chunk)
    if (final) ended = true
  })
  try {
    for (let i = 0; i < data.length && !tooLarge; i += inflateChunkBytes) {
      const end = Math.min(data.length, i + inflateChunkBytes)
      inflater.push(data.subarray(i, end), end === data.length)
    }
    if (data.length === 0) return { ok: false, reason: 'corrupt' }
  } catch {
    return { ok: false, reason: tooLarge ? 'too-large' : 'corrupt' }
  }
  if (tooLarge) return { ok: false, reason: 'too-large' }
  if (!ended) return { ok: false, reason: 'corrupt' }
  const out = new Uint8Array(total)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return { ok: true, bytes: out }
}
