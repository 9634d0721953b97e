/**
 * Strategic merge patch, as far as the simulated clients use it: maps merge, `null` deletes a
 * field, and the lists Kubernetes merges by key (conditions by `type`, container statuses by
 * `name`, IPs by `ip`) merge element by element. Other lists replace.
 */
const MERGE_KEYS: Record<string, string> = {
  conditions: 'type',
  containerStatuses: 'name',
  initContainerStatuses: 'name',
  podIPs: 'ip',
  hostIPs: 'ip',
  addresses: 'type',
  // metadata.ownerReferences: patchMergeKey uid (apimachinery pkg/apis/meta/v1 types.go); the
  // controller-ref manager adopts and releases through it.
  ownerReferences: 'uid',
  // Node spec.taints is +listType=atomic (k8s.io/api/core/v1 types.go): a patch replaces it whole.
}

/**
 * One-of structures: a container is waiting, running or terminated. The kubelet's two-way patch
 * nulls the old member, so the new value replaces the old one whole.
 */
const REPLACE = new Set(['state', 'lastState'])

type Json = Record<string, unknown>

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * Merges by key; the patch's order comes first, as `$setElementOrder` makes it. Loops rather than
 * find/filter closures and a Set: the kubelet's status PATCHes merge their conditions and
 * container statuses (lists of 1-5) thousands of times a run.
 */
function mergeList(target: unknown[], patch: unknown[], key: string): unknown[] {
  const merged: unknown[] = []
  const used: unknown[] = []
  for (const item of patch) {
    if (!isObject(item)) continue
    let old: Json | undefined
    for (const t of target) {
      if (isObject(t) && t[key] === item[key]) {
        old = t
        break
      }
    }
    if (old) used.push(old)
    // `$patch: delete` removes the element with that key (strategic merge patch directive).
    if (item.$patch === 'delete') continue
    merged.push(old ? strategicMerge(old, item) : item)
  }
  for (const t of target) if (!used.includes(t)) merged.push(t)
  return merged
}

/**
 * A copy of `target` without the fields the patch sets to null. Built without them rather than
 * deleted from a copy: a delete turns the object into a slow dictionary for everyone who reads it
 * afterwards (every condition the kubelet patches has `lastProbeTime: null`).
 */
function copyWithoutNulled(target: Json, patch: Json): Json {
  let nulled = false
  for (const k in patch) {
    if (patch[k] === null && Object.hasOwn(target, k)) {
      nulled = true
      break
    }
  }
  if (!nulled) return { ...target }
  const out: Json = {}
  for (const k in target) if (patch[k] !== null) out[k] = target[k]
  return out
}

export function strategicMerge<T extends Json>(target: T, patch: Json): T {
  const out = copyWithoutNulled(target, patch)
  for (const k in patch) {
    const v = patch[k]
    if (v === null) continue
    if (REPLACE.has(k)) out[k] = v
    else if (Array.isArray(v) && k in MERGE_KEYS && (Array.isArray(out[k]) || out[k] === undefined)) {
      const list = mergeList((out[k] as unknown[] | undefined) ?? [], v, MERGE_KEYS[k]!)
      // Deleting from a list that is not there leaves it absent.
      if (list.length || Array.isArray(out[k]) || v.length === 0) out[k] = list
    }
    else if (isObject(v) && isObject(out[k])) out[k] = strategicMerge(out[k] as Json, v)
    else out[k] = v
  }
  return out as T
}

/**
 * A JSON merge patch (RFC 7386, `application/merge-patch+json`): objects merge key by key, `null`
 * removes a key, anything else (a list included) replaces what was there.
 */
export function jsonMergePatch<T extends Json>(target: T, patch: Json): T {
  const out: Json = { ...target }
  for (const k in patch) {
    const v = patch[k]
    if (v === null) delete out[k]
    else if (isObject(v)) out[k] = jsonMergePatch(isObject(out[k]) ? (out[k] as Json) : {}, v)
    else out[k] = v
  }
  return out as T
}
