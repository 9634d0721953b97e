/**
 * Client-side apply's three-way patch (kubectl pkg/cmd/apply/patcher.go, apimachinery
 * strategicpatch CreateThreeWayMergePatch): what changed from the live object to the manifest,
 * plus `null` for what the last applied manifest had and this one drops. Lists are sent whole
 * (the simulated apiserver merges them as replacements); fields the server defaulted and the
 * manifest never set are left alone, so a second apply of the same file is `unchanged`.
 */
type Json = Record<string, unknown>

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** JSON with map keys sorted, as Go's encoding/json writes an unstructured object. */
export function sortedJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(',')}]`
  if (isObject(v))
    return `{${Object.keys(v)
      .sort()
      .filter((k) => v[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${sortedJson(v[k])}`)
      .join(',')}}`
  return JSON.stringify(v) ?? 'null'
}

/**
 * The manifest kubectl sends: its last-applied annotation holds the manifest itself (with an empty
 * annotations map, as kubectl sets it before serialising), newline-terminated.
 */
export function withLastApplied(manifest: Json): Json {
  const meta = (isObject(manifest.metadata) ? manifest.metadata : {}) as Json
  const annotations = (isObject(meta.annotations) ? { ...meta.annotations } : {}) as Json
  delete annotations[LAST_APPLIED]
  const forAnnotation = { ...manifest, metadata: { ...meta, annotations } }
  return { ...manifest, metadata: { ...meta, annotations: { ...annotations, [LAST_APPLIED]: `${sortedJson(forAnnotation)}\n` } } }
}

/** Every field the manifest sets has that value in the live object (lists element by element). */
export function isSubset(modified: unknown, current: unknown): boolean {
  if (isObject(modified)) {
    if (!isObject(current)) return false
    return Object.entries(modified).every(([k, v]) => (v === null ? current[k] === undefined : isSubset(v, current[k])))
  }
  if (Array.isArray(modified)) {
    if (!Array.isArray(current) || current.length !== modified.length) return false
    return modified.every((v, i) => isSubset(v, current[i]))
  }
  return modified === current || (typeof current === 'number' && String(current) === String(modified))
}

/** The strategic merge patch from `current` to `modified`, deleting what `original` had. */
export function threeWayPatch(original: Json | undefined, modified: Json, current: Json): Json {
  const patch: Json = {}
  for (const [k, v] of Object.entries(modified)) {
    const cur = current[k]
    if (isObject(v) && isObject(cur)) {
      const inner = threeWayPatch(isObject(original?.[k]) ? (original![k] as Json) : undefined, v, cur)
      if (!isEmptyPatch(inner)) patch[k] = inner
    } else if (!isSubset(v, cur)) patch[k] = v
  }
  for (const k of Object.keys(original ?? {})) {
    if (!(k in modified) && current[k] !== undefined) patch[k] = null
  }
  return patch
}

export function isEmptyPatch(p: Json): boolean {
  return Object.keys(p).length === 0
}
