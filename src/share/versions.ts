/**
 * Every link version this app reads, and the one it writes. Adding version 2: write `v2.ts`, add
 * `2: readV2` here and make `currentVersion` 2; keep `readV1` (upgraded to the new moment if the
 * shape changed), because links live on in slides and chat logs for years.
 */
import type { DecodeResult } from './payload.ts'
import { readV1 } from './v1.ts'

export const currentVersion = 1

export const readers: Readonly<Record<number, (json: unknown) => DecodeResult>> = {
  1: readV1,
}
