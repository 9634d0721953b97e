/**
 * Base64 of a string's UTF-8 bytes: how a Secret's `data` carries `--from-literal` values
 * (encoding/json writes []byte as standard base64). Written out because the engine has no DOM or
 * Node globals (src/sim/README.md).
 */
import { fromUtf8, utf8 } from './utf8.ts'

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

export function base64(text: string): string {
  const b = utf8(text)
  let out = ''
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i]! << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0)
    out += alphabet[(n >> 18) & 63]! + alphabet[(n >> 12) & 63]!
    out += i + 1 < b.length ? alphabet[(n >> 6) & 63]! : '='
    out += i + 2 < b.length ? alphabet[n & 63]! : '='
  }
  return out
}

/** The text a base64 value carries (a Secret's `data`), its bytes read as UTF-8. */
export function decodeBase64(value: string): string {
  const bytes: number[] = []
  let n = 0
  let bits = 0
  for (const ch of value) {
    const v = alphabet.indexOf(ch)
    if (v < 0) continue
    n = (n << 6) | v
    bits += 6
    if (bits >= 8) {
      bits -= 8
      bytes.push((n >> bits) & 255)
    }
  }
  return fromUtf8(bytes)
}
