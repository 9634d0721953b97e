/**
 * The TaintNodesByCondition admission plugin (plugin/pkg/admission/nodetaint/admission.go, on by
 * default): a Node being created gets `node.kubernetes.io/not-ready:NoSchedule`, so nothing is
 * scheduled onto it before its kubelet reports Ready and the node lifecycle controller lifts it.
 */
import type { KObject } from '../../protocol.ts'

const notReady = { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }

/** Mutates the new Node; returns the note for the admission stage. */
export function admitNodeTaint(node: KObject): string {
  const spec = ((node.spec ??= {}) as { taints?: { key: string; effect: string }[] })
  const taints = spec.taints ?? []
  if (taints.some((t) => t.key === notReady.key && t.effect === notReady.effect)) return 'TaintNodesByCondition: taint already present'
  spec.taints = [...taints, { ...notReady }]
  return `TaintNodesByCondition: added taint ${notReady.key}:${notReady.effect}`
}
