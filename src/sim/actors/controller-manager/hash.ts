/**
 * pod-template-hash: FNV-32a over the pod template, then the collision count as 4 little-endian
 * bytes in an 8-byte buffer, printed in decimal and each digit mapped through apimachinery's
 * safe alphabet (pkg/controller/controller_utils.go ComputeHash, util/rand SafeEncodeString).
 * Upstream hashes Go's deep print of the struct; we hash the template's canonical JSON, so the
 * value differs from a real cluster's for the same YAML but behaves the same: stable for a
 * template, different when it changes.
 */
import { utf8 } from '../../k8s/utf8.ts'
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
