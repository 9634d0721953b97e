/** The UTF-8 bytes of a string (the engine has no TextEncoder: src/sim/README.md). */
export function utf8(text: string): number[] {
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

/** The text of UTF-8 bytes; a malformed sequence reads as U+FFFD, as Go's string conversion prints it. */
export function fromUtf8(bytes: number[]): string {
  let out = ''
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!
    const len = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0
    if (len === 0 || i + len > bytes.length) {
      out += '\ufffd'
      i++
      continue
    }
    let c = len === 1 ? b : b & (0xff >> (len + 1))
    for (let k = 1; k < len; k++) c = (c << 6) | (bytes[i + k]! & 63)
    out += String.fromCodePoint(c)
    i += len
  }
  return out
}
