/**
 * Share links: `#v1.` + base64url(deflate(canonical JSON)), in the URL fragment so nothing reaches
 * a server. `decodeShare` checks, in order, the version, the link's size, the base64url text, the
 * inflated size (bounded while inflating), JSON, and the shape, including the scenario through the
 * same parser as files. It never throws: every failure is `{ok: false, reason}` with a sentence
 * that finishes "This link is damaged: …".
 */
import { deflateSync, strFromU8, strToU8 } from 'fflate'
import { fromBase64url, toBase64url } from './base64url.ts'
import { canonicalJson } from './canonical-json.ts'
import { boundedInflate } from './inflate.ts'
import { maxInflatedBytes, maxLinkChars } from './limits.ts'
import type { DecodeResult, SharePayload } from './payload.ts'
import { toWireV1 } from './v1.ts'
import { currentVersion, readers } from './versions.ts'

const prefix = /^v(\d{1,6})\.([\s\S]*)$/

export function encodeShare(payload: SharePayload): string {
  const json = canonicalJson(toWireV1(payload))
  return `#v${currentVersion}.${toBase64url(deflateSync(strToU8(json), { level: 9, mem: 8 }))}`
}

/** True when a URL fragment looks like a share link (anything else in the fragment is ignored). */
export function isShareFragment(hash: string): boolean {
  return /^#?v\d/.test(hash)
}

export function decodeShare(link: unknown): DecodeResult {
  try {
    return decode(link)
  } catch (error) {
    // Unreachable by design (each step answers with a reason); kept so a bug is a message too.
    return {
      ok: false,
      reason: `it could not be read (${error instanceof Error ? error.message : String(error)})`,
    }
  }
}

function decode(link: unknown): DecodeResult {
  if (typeof link !== 'string') return { ok: false, reason: 'it is not text' }
  const hashAt = link.indexOf('#')
  const fragment = (hashAt >= 0 ? link.slice(hashAt + 1) : link).trim()
  const match = prefix.exec(fragment)
  if (!match) return { ok: false, reason: 'it does not start with a version (#v1.…)' }
  const version = Number(match[1])
  const body = match[2]!
  const read = readers[version]
  if (!read) {
    return {
      ok: false,
      reason:
        version > currentVersion
          ? `it was made by a newer kube-anatomy (link version ${version}; this one reads up to ${currentVersion})`
          : `link version ${version} is not one this app reads (it reads 1 to ${currentVersion})`,
    }
  }
  if (body.length > maxLinkChars) {
    return {
      ok: false,
      reason: `it is ${body.length} characters long; the limit is ${maxLinkChars}`,
    }
  }
  if (body.length === 0) return { ok: false, reason: 'it is empty after the version' }
  const foreign = /[^A-Za-z0-9_-]/.exec(body)
  if (foreign) {
    return {
      ok: false,
      reason: `it holds a character a link never has (${JSON.stringify(foreign[0])} at ${foreign.index + 1})`,
    }
  }
  const bytes = fromBase64url(body)
  if (!bytes) return { ok: false, reason: 'it was cut short (its length is impossible)' }
  const inflated = boundedInflate(bytes, maxInflatedBytes)
  if (!inflated.ok) {
    return {
      ok: false,
      reason:
        inflated.reason === 'too-large'
          ? `it unpacks to more than ${maxInflatedBytes} bytes (the limit), so it was not opened`
          : 'its compressed data is cut short or corrupt',
    }
  }
  let json: unknown
  try {
    json = JSON.parse(strFromU8(inflated.bytes))
  } catch {
    return { ok: false, reason: 'its contents are not JSON' }
  }
  return read(json)
}
