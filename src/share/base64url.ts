/**
 * base64url (RFC 4648 §5) without padding, by hand: this folder compiles without the DOM, so
 * neither btoa nor Buffer is there, and a hand decoder can refuse bad input without throwing.
 */
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const valueOf = new Int16Array(128).fill(-1)
for (let i = 0; i < alphabet.length; i++) valueOf[alphabet.charCodeAt(i)] = i

export function toBase64url(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!
    const b = bytes[i + 1]
    const c = bytes[i + 2]
    out += alphabet[a >> 2]
    out += alphabet[((a & 3) << 4) | ((b ?? 0) >> 4)]
    if (b !== undefined) out += alphabet[((b & 15) << 2) | ((c ?? 0) >> 6)]
    if (c !== undefined) out += alphabet[c & 63]
  }
  return out
}

/** The bytes, or null when the text is not base64url (a foreign character, an impossible length). */
export function fromBase64url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null
  const out = new Uint8Array(Math.floor((text.length * 3) / 4))
  let bits = 0
  let acc = 0
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    const v = code < 128 ? valueOf[code]! : -1
    if (v < 0) return null
    acc = (acc << 6) | v
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[n++] = (acc >> bits) & 0xff
    }
  }
  return n === out.length ? out : out.subarray(0, n)
}
