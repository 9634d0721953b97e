/**
 * `-o json`, `-o yaml` and `-o name`. kubectl prints what the server sent as an unstructured map:
 * Go's encoding/json sorts map keys and indents by four spaces; sigs.k8s.io/yaml converts that JSON
 * (keys sorted, lists at their parent's indent). Several objects print as a `List`.
 */
import { stringify } from 'yaml'
import type { KObject } from '../../../protocol.ts'

type Json = Record<string, unknown>

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys)
  if (typeof v === 'object' && v !== null) {
    const out: Json = {}
    for (const k of Object.keys(v).sort()) if ((v as Json)[k] !== undefined) out[k] = sortKeys((v as Json)[k])
    return out
  }
  return v
}

export function asList(items: KObject[]): Json {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } }
}

export function toJson(o: unknown): string {
  return `${JSON.stringify(sortKeys(o), null, 4)}\n`
}

export function toYaml(o: unknown): string {
  // YAML 1.1 quoting, as go-yaml's: timestamps, numbers and booleans written as strings are quoted.
  return stringify(sortKeys(o), { version: '1.1', indentSeq: false, lineWidth: 0, minContentWidth: 0 })
}
