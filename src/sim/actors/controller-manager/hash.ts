/**
 * pod-template-hash: FNV-32a over the pod template, then the collision count as 4 little-endian
 * bytes in an 8-byte buffer, printed in decimal and each digit mapped through apimachinery's
 * safe alphabet (pkg/controller/controller_utils.go ComputeHash, util/rand SafeEncodeString).
 * Upstream hashes Go's deep print of the struct; we hash the template's canonical JSON, so the
 * value differs from a real cluster's for the same YAML but behaves the same: stable for a
 * template, different when it changes.
 */
import { canonicalJson } from './objects.ts'

const SAFE = 'bcdfghjklmnpqrstvwxz2456789'

function fnv32a(bytes: Iterable<number>, seed = 0x811c9dc5): number {
  let h = seed
  for (const b of bytes) {
    h ^= b
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}

function utf8(text: string): number[] {
  const out: number[] = []
  for (const ch of text) {
    const c = ch.codePointAt(0)!
    if (c < 0x80) out.push(c)
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63))
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
  }
  return out
}

export function safeEncode(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) out += SAFE[text.charCodeAt(i) % SAFE.length]
  return out
}

export function computeHash(template: unknown, collisionCount?: number): string {
  const bytes = utf8(canonicalJson(template))
  if (collisionCount !== undefined) {
    const c = collisionCount >>> 0
    bytes.push(c & 255, (c >> 8) & 255, (c >> 16) & 255, (c >>> 24) & 255, 0, 0, 0, 0)
  }
  return safeEncode(String(fnv32a(bytes)))
}
