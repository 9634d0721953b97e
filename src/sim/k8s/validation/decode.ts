/**
 * The apiserver's decode step for a request body: strict decoding (`fieldValidation=Strict`, what
 * kubectl sends) rejects unknown fields, and quantities that do not parse fail the decode. Both
 * are 400 BadRequest with the text of apimachinery's serializer:
 * `Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.foo"`.
 * Kinds with no schema here are accepted as they come.
 */
import { knownKinds, knownTypes } from './known-fields.generated.ts'

/**
 * Fields added after the kubernetes-types release the schema is generated from (1.30), up to
 * v1.34: PodSpec.resources (1.32), hostnameOverride (1.34), Lifecycle.stopSignal (1.33),
 * Container.restartPolicyRules (1.34), image volumes (1.31).
 */
const ADDED: Record<string, Record<string, string>> = {
  'core.v1.PodSpec': { resources: 'core.v1.ResourceRequirements', hostnameOverride: '' },
  'core.v1.Lifecycle': { stopSignal: '' },
  'core.v1.Container': { restartPolicyRules: '' },
  'core.v1.Volume': { image: '' },
}

/** A type's fields with the ADDED ones merged in, made once per type: every decode walks them. */
const fieldsByType = new Map<string, Record<string, string> | undefined>()

function fieldsOf(type: string): Record<string, string> | undefined {
  if (fieldsByType.has(type)) return fieldsByType.get(type)
  const base = knownTypes[type]
  const extra = ADDED[type]
  const fields = base && extra ? { ...base, ...extra } : base
  fieldsByType.set(type, fields)
  return fields
}

const FORMAT = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
const SUFFIXES = new Set(['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'n', 'u', 'm', '', 'k', 'M', 'G', 'T', 'P', 'E'])

/** apimachinery resource.ParseQuantity's error for a malformed quantity, or null. */
export function quantityError(value: unknown): string | null {
  if (typeof value === 'number') return null
  if (typeof value !== 'string') return FORMAT
  const m = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/.exec(value)
  if (!m) return FORMAT
  const [, num, suffix] = m as unknown as [string, string, string]
  if (!SUFFIXES.has(suffix) && !/^[eE][-+]?[0-9]+$/.test(suffix)) return "unable to parse quantity's suffix"
  if ((num.match(/\./g) ?? []).length > 1 || !/[0-9]/.test(num)) return 'unable to parse numeric part of quantity'
  return null
}

interface Findings {
  unknown: string[]
  quantity: string | null
  /**
   * Where the walk is: field names and list indexes. A path is spelled (`spec.containers[0].x`)
   * only for an unknown field, not built for every field of every body that decodes.
   */
  at: (string | number)[]
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function spell(at: readonly (string | number)[]): string {
  let out = ''
  for (const part of at) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part
  return out
}

function walk(value: unknown, type: string, out: Findings): void {
  if (type === 'q') {
    if (value !== null && !out.quantity) out.quantity = quantityError(value)
    return
  }
  if (type === '{q') {
    if (isObject(value)) for (const k in value) walk(value[k], 'q', out)
    return
  }
  if (type.startsWith('[')) {
    if (!Array.isArray(value)) return
    const item = type.slice(1)
    for (let i = 0; i < value.length; i++) {
      out.at.push(i)
      walk(value[i], item, out)
      out.at.pop()
    }
    return
  }
  const fields = type ? fieldsOf(type) : undefined
  if (!fields || !isObject(value)) return
  for (const k in value) {
    out.at.push(k)
    if (!(k in fields)) out.unknown.push(spell(out.at))
    else walk(value[k], fields[k]!, out)
    out.at.pop()
  }
}

/** The decode error for a body of `apiVersion`/`kind`, or null when it decodes. */
export function decodeError(apiVersion: string, kind: string, body: unknown): string | null {
  const type = knownKinds[`${apiVersion}/${kind}`]
  if (!type) return null
  const out: Findings = { unknown: [], quantity: null, at: [] }
  walk(body, type, out)
  const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion
  const prefix = `${kind} in version "${version}" cannot be handled as a ${kind}: `
  if (out.quantity) return prefix + out.quantity
  if (out.unknown.length) return `${prefix}strict decoding error: ${out.unknown.map((f) => `unknown field "${f}"`).join(', ')}`
  return null
}
