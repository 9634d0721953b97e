/**
 * RFC 6902 JSON Patch as kube-apiserver serves `Content-Type: application/json-patch+json`
 * (apiserver pkg/endpoints/handlers/patch.go, jsonPatcher.applyJSPatch, with evanphx/json-patch):
 * the operations are applied by a library in order, all or nothing. A body that is not a list of
 * operation objects is a 400 with the Go decoder's text; an operation that cannot be applied (a
 * path that does not exist, a failed `test`, an unknown `op`) is a 422 whose message says nothing
 * about which one (errors.NewGenericServerResponse drops the library's text), which is why kubectl
 * answers such a patch with "The request is invalid: the server rejected our request due to an
 * error in our request".
 */
// The library's core module alone: its package root also loads `observe`, which runs timers.
import { applyPatch, type Operation } from 'fast-json-patch/module/core.mjs'
import { badRequest, requestEntityTooLarge, type Status } from './status.ts'

/** patch.go maxJSONPatchOperations. */
export const maxJsonPatchOperations = 10_000

/** The Go JSON type name encoding/json puts in "cannot unmarshal <type> into …". */
function goJsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array'
  if (typeof v === 'boolean') return 'bool'
  return typeof v === 'object' ? 'object' : typeof v
}

/**
 * jsonpatch.DecodePatch: a JSON array of objects (null is an empty patch). Returns the operations,
 * or the 400 (or 413 past the operation limit) the apiserver answers.
 */
export function decodeJsonPatch(body: unknown): { ok: true; ops: Record<string, unknown>[] } | { ok: false; status: Status } {
  if (body === null || body === undefined) return { ok: true, ops: [] }
  if (!Array.isArray(body)) return { ok: false, status: badRequest(`json: cannot unmarshal ${goJsonType(body)} into Go value of type jsonpatch.Patch`) }
  for (const op of body) {
    if (op !== null && (typeof op !== 'object' || Array.isArray(op)))
      return { ok: false, status: badRequest(`json: cannot unmarshal ${goJsonType(op)} into Go value of type jsonpatch.Operation`) }
  }
  if (body.length > maxJsonPatchOperations)
    return { ok: false, status: requestEntityTooLarge(`The allowed maximum operations in a JSON patch is ${maxJsonPatchOperations}, got ${body.length}`) }
  return { ok: true, ops: body.filter((op): op is Record<string, unknown> => op !== null) }
}

/**
 * Applies the operations to a copy of `doc`; null when one of them does not apply (the document is
 * left as it was: the library works on its own deep copy).
 */
export function applyJsonPatch<T>(doc: T, ops: Record<string, unknown>[]): T | null {
  try {
    // validate: each operation is checked against the document before it runs (missing paths, bad ops).
    return applyPatch(doc, ops as unknown as Operation[], true, false).newDocument
  } catch {
    return null
  }
}
