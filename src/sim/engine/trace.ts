/**
 * The canonical trace of a run and its hash: every flow, every kubectl answer and the final etcd
 * contents, in a fixed text form. Two runs of one scenario give the same bytes.
 */
import type { Flow, KObject, KubectlResult } from '../protocol.ts'
import { canonicalJson } from './clone.ts'
import { fnv1a } from './rng.ts'

export function flowLine(f: Flow): string {
  return `${f.id}|${f.from}|${f.to}|${f.kind}|${f.label}|${f.sentAt}|${f.arrivesAt}|${f.causeId ?? '-'}|${f.outcome}\n`
}

export function traceHash(flows: readonly Flow[], kubectl: readonly KubectlResult[], objects: Record<string, KObject>): string {
  let h = 0x811c9dc5
  for (const f of flows) h = fnv1a(flowLine(f), h)
  for (const k of kubectl) h = fnv1a(canonicalJson(k), h)
  h = fnv1a(canonicalJson(objects), h)
  return h.toString(16).padStart(8, '0')
}
