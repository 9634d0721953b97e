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

/** Merges by key; the patch's order comes first, as `$setElementOrder` makes it. */
function mergeList(target: unknown[], patch: unknown[], key: string): unknown[] {
  const merged: unknown[] = []
  const used = new Set<unknown>()
  for (const item of patch) {
    if (!isObject(item)) continue
    const old = target.find((t) => isObject(t) && t[key] === item[key])
    if (old) used.add(old)
    // `$patch: delete` removes the element with that key (strategic merge patch directive).
    if (item.$patch === 'delete') continue
    merged.push(old ? strategicMerge(old as Json, item) : item)
  }
  return [...merged, ...target.filter((t) => !used.has(t))]
}

export function strategicMerge<T extends Json>(target: T, patch: Json): T {
  const out: Json = { ...target }
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k]
    else if (REPLACE.has(k)) out[k] = v
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
