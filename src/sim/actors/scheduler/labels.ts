/**
 * Label selectors and node selector terms (apimachinery pkg/labels/selector.go,
 * component-helpers scheduling/corev1/nodeaffinity/nodeaffinity.go).
 */
import type { KObject } from '../../protocol.ts'
import type { LabelSelector, NodeSelectorTerm, Requirement } from './types.ts'

export function matchesRequirement(labels: Record<string, string>, r: Requirement): boolean {
  const v = labels[r.key]
  switch (r.operator) {
    case 'In':
      return v !== undefined && (r.values ?? []).includes(v)
    case 'NotIn':
      return v === undefined || !(r.values ?? []).includes(v)
    case 'Exists':
      return v !== undefined
    case 'DoesNotExist':
      return v === undefined
    case 'Gt':
    case 'Lt': {
      // Both sides must parse as integers, else the requirement does not match.
      if (v === undefined || !/^-?\d+$/.test(v) || !/^-?\d+$/.test(r.values?.[0] ?? '')) return false
      const a = Number(v)
      const b = Number(r.values![0])
      return r.operator === 'Gt' ? a > b : a < b
    }
  }
}

/** metav1.LabelSelector: matchLabels and matchExpressions ANDed; an empty selector matches all. */
export function matchesLabelSelector(labels: Record<string, string>, s: LabelSelector | undefined): boolean {
  if (!s) return false
  for (const k in s.matchLabels ?? {}) if (labels[k] !== s.matchLabels![k]) return false
  for (const r of s.matchExpressions ?? []) if (!matchesRequirement(labels, r)) return false
  return true
}

/**
 * A node selector term: its expressions and fields ANDed. A term with neither matches nothing
 * (nodeaffinity.go: "an empty term matches no objects"). matchFields knows only metadata.name.
 */
export function matchesNodeSelectorTerm(node: KObject, term: NodeSelectorTerm): boolean {
  const exprs = term.matchExpressions ?? []
  const fields = term.matchFields ?? []
  if (!exprs.length && !fields.length) return false
  const labels = node.metadata.labels ?? {}
  for (const r of exprs) if (!matchesRequirement(labels, r)) return false
  const nodeFields = { 'metadata.name': String(node.metadata.name) }
  for (const r of fields) {
    if (r.key !== 'metadata.name') return false
    if (!matchesRequirement(nodeFields, r)) return false
  }
  return true
}

/** A set of labels as a selector (labels.SelectorFromSet): every pair must match. */
export function selectorFromSet(set: Record<string, string>): LabelSelector {
  return { matchLabels: { ...set } }
}

export function isEmptySelector(s: LabelSelector): boolean {
  return !Object.keys(s.matchLabels ?? {}).length && !(s.matchExpressions ?? []).length
}
