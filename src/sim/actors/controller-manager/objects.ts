/** Small readers over the objects controllers handle: owners, pod state, selectors, templates. */
import type { KObject } from '../../protocol.ts'

export interface OwnerRef {
  apiVersion: string
  kind: string
  name: string
  uid: string
  controller?: boolean
  blockOwnerDeletion?: boolean
}

export function ownerRefs(o: KObject): OwnerRef[] {
  return (o.metadata.ownerReferences ?? []) as OwnerRef[]
}

export function controllerRef(o: KObject): OwnerRef | undefined {
  return ownerRefs(o).find((r) => r.controller)
}

/** The ownerReference a controller puts on what it creates (metav1.NewControllerRef). */
export function newControllerRef(owner: KObject): OwnerRef {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: String(owner.metadata.name), uid: String(owner.metadata.uid), controller: true, blockOwnerDeletion: true }
}

export function keyOf(o: KObject): string {
  return o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : String(o.metadata.name)
}

interface PodStatus {
  phase?: string
  conditions?: { type: string; status: string; lastTransitionTime?: string }[]
  containerStatuses?: { restartCount?: number }[]
}

export function podStatus(p: KObject): PodStatus {
  return (p.status ?? {}) as PodStatus
}

/** controller.IsPodActive: not Succeeded, not Failed, not being deleted. */
export function isPodActive(p: KObject): boolean {
  const phase = podStatus(p).phase
  return phase !== 'Succeeded' && phase !== 'Failed' && !p.metadata.deletionTimestamp
}

export function isPodReady(p: KObject): boolean {
  return podStatus(p).conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false
}

/** podutil.IsPodAvailable: ready for at least minReadySeconds. */
export function isPodAvailable(p: KObject, minReadySeconds: number, nowEpochMs: number): boolean {
  if (!isPodReady(p)) return false
  if (!minReadySeconds) return true
  const c = podStatus(p).conditions!.find((x) => x.type === 'Ready')!
  return !!c.lastTransitionTime && Date.parse(c.lastTransitionTime) + minReadySeconds * 1000 < nowEpochMs
}

export function nodeNameOf(p: KObject): string {
  return (p.spec as { nodeName?: string } | undefined)?.nodeName ?? ''
}

export interface LabelSelector {
  matchLabels?: Record<string, string>
  matchExpressions?: { key: string; operator: string; values?: string[] }[]
}

/** metav1.LabelSelectorAsSelector semantics over a label map. */
export function selectorMatches(sel: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  if (!sel) return false
  const l = labels ?? {}
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (l[k] !== v) return false
  for (const e of sel.matchExpressions ?? []) {
    const has = e.key in l
    const inValues = has && (e.values ?? []).includes(l[e.key]!)
    if (e.operator === 'In' && !inValues) return false
    if (e.operator === 'NotIn' && inValues) return false
    if (e.operator === 'Exists' && !has) return false
    if (e.operator === 'DoesNotExist' && has) return false
  }
  return true
}

export { sameJson } from '../../engine/clone.ts'

/** JSON with object keys sorted: equal objects print equal, whatever order they were built in. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(v)
}

export function annotations(o: KObject): Record<string, string> {
  return o.metadata.annotations ?? {}
}

export function epochOf(text: string | undefined): number {
  return text ? Date.parse(text) : 0
}
