/**
 * Validation of the kinds beyond Pod with the apiserver's texts (pkg/apis/apps/validation,
 * pkg/apis/batch/validation, pkg/apis/core/validation ValidateObjectMeta; FIDELITY.md §5.1–5.2).
 * Kinds with no rule here get their metadata validated only.
 */
import type { KObject } from '../../protocol.ts'
import { parseQuantity } from '../quantity.ts'
import type { FieldError } from '../status.ts'
import { validateIngress } from './ingress.ts'
import { validateObjectName, validatePod, validateSubdomain } from '../validation.ts'

type Json = Record<string, unknown>

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/
const QUALIFIED_NAME_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"

function invalid(field: string, value: unknown, detail: string): FieldError {
  return { field, type: 'FieldValueInvalid', body: `Invalid value: ${JSON.stringify(value)}: ${detail}` }
}

function required(field: string, detail = ''): FieldError {
  return { field, type: 'FieldValueRequired', body: detail ? `Required value: ${detail}` : 'Required value' }
}

function unsupported(field: string, value: unknown, supported: string[]): FieldError {
  return {
    field,
    type: 'FieldValueNotSupported',
    body: `Unsupported value: ${JSON.stringify(value)}: supported values: ${supported.map((s) => `"${s}"`).join(', ')}`,
  }
}

/** ValidateLabels: qualified-name keys (optional DNS subdomain prefix) and label values. */
export function validateLabels(labels: unknown, field: string): FieldError[] {
  if (typeof labels !== 'object' || labels === null) return []
  const errs: FieldError[] = []
  for (const [key, value] of Object.entries(labels as Json)) {
    const slash = key.indexOf('/')
    const name = slash >= 0 ? key.slice(slash + 1) : key
    if (slash >= 0) {
      const prefix = key.slice(0, slash)
      errs.push(...validateSubdomain(field, prefix).map((e) => ({ ...e, body: e.body.replace(JSON.stringify(prefix), JSON.stringify(key)).replace('a lowercase', 'prefix part a lowercase') })))
    }
    if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME.test(name)) {
      errs.push(invalid(field, key, name.length > 63 ? 'name part must be no more than 63 characters' : QUALIFIED_NAME_MSG))
    }
    const v = String(value ?? '')
    if (v.length > 63) errs.push(invalid(field, v, 'must be no more than 63 characters'))
    if (!LABEL_VALUE.test(v)) errs.push(invalid(field, v, LABEL_VALUE_MSG))
  }
  return errs
}

/** The name rule of each kind (ValidateObjectMeta's nameFn). */
function nameRule(kind: string): 'subdomain' | 'label' | 'path' {
  if (kind === 'Namespace') return 'label'
  if (['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'].includes(kind)) return 'path'
  return 'subdomain'
}

/** ValidateObjectMeta for any kind: name (per kind), labels. */
export function validateMeta(kind: string, o: KObject): FieldError[] {
  const rule = nameRule(kind)
  let errs: FieldError[]
  if (rule === 'path') {
    const name = o.metadata.name
    if (!name) errs = [required('metadata.name', 'name or generateName is required')]
    else if (name === '.' || name === '..') errs = [invalid('metadata.name', name, `may not be '${name}'`)]
    else if (name.includes('/')) errs = [invalid('metadata.name', name, "may not contain '/'")]
    else if (name.includes('%')) errs = [invalid('metadata.name', name, "may not contain '%'")]
    else errs = []
  } else errs = validateObjectName(o, rule)
  return [...errs, ...validateLabels(o.metadata.labels, 'metadata.labels')]
}

function selectorMatches(selector: Json, labels: Json): boolean {
  const ml = (selector.matchLabels ?? {}) as Json
  for (const [k, v] of Object.entries(ml)) if (labels[k] !== v) return false
  for (const e of (selector.matchExpressions ?? []) as Json[]) {
    const has = Object.hasOwn(labels, String(e.key))
    const val = labels[String(e.key)]
    const values = (e.values ?? []) as unknown[]
    if (e.operator === 'In' && !(has && values.includes(val))) return false
    if (e.operator === 'NotIn' && has && values.includes(val)) return false
    if (e.operator === 'Exists' && !has) return false
    if (e.operator === 'DoesNotExist' && has) return false
  }
  return true
}

function isEmptySelector(s: Json): boolean {
  return Object.keys((s.matchLabels ?? {}) as Json).length === 0 && ((s.matchExpressions ?? []) as unknown[]).length === 0
}

/**
 * Container resources (ValidateResourceRequirements): no negative quantity, and no request above
 * its limit. Values print as sent (the apiserver prints the parsed quantity's canonical form).
 */
export function validateResources(podSpec: Json, at: string): FieldError[] {
  const errs: FieldError[] = []
  for (const key of ['initContainers', 'containers']) {
    const list = podSpec[key]
    if (!Array.isArray(list)) continue
    list.forEach((c: Json, i: number) => {
      const res = (c?.resources ?? {}) as { requests?: Json; limits?: Json }
      const base = `${at}.${key}[${i}].resources`
      for (const kind of ['limits', 'requests'] as const) {
        for (const [name, v] of Object.entries(res[kind] ?? {})) {
          const q = parseQuantity(v as string | number)
          if (q !== undefined && q < 0) errs.push(invalid(`${base}.${kind}[${name}]`, String(v), 'must be greater than or equal to 0'))
        }
      }
      for (const [name, v] of Object.entries(res.requests ?? {})) {
        const limit = res.limits?.[name]
        if (limit === undefined) continue
        const rq = parseQuantity(v as string | number)
        const lq = parseQuantity(limit as string | number)
        if (rq !== undefined && lq !== undefined && rq > lq)
          errs.push(invalid(`${base}.requests`, String(v), `must be less than or equal to ${name} limit of ${String(limit)}`))
      }
    })
  }
  return errs
}

/** The pod template rules shared by the controllers' kinds. */
function validateTemplate(spec: Json, at: string, restartPolicies: string[], selector: Json | null | undefined): FieldError[] {
  const errs: FieldError[] = []
  const template = spec.template as Json | undefined
  if (!template) return [required(`${at}.template`)]
  const meta = (template.metadata ?? {}) as Json
  const labels = (meta.labels ?? {}) as Json
  errs.push(...validateLabels(meta.labels, `${at}.template.metadata.labels`))
  // A missing selector selects nothing (LabelSelectorAsSelector(nil)), so the template cannot match it.
  if (selector === null || (selector && !isEmptySelector(selector) && !selectorMatches(selector, labels)))
    errs.push(invalid(`${at}.template.metadata.labels`, labels, '`selector` does not match template `labels`'))
  const podSpec = (template.spec ?? {}) as Json
  const podErrs = validatePod({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'template' }, spec: podSpec })
  errs.push(...podErrs.map((e) => ({ ...e, field: `${at}.template.${e.field}` })))
  errs.push(...validateResources(podSpec, `${at}.template.spec`))
  const rp = podSpec.restartPolicy
  if (rp !== undefined && !restartPolicies.includes(String(rp)))
    errs.push(unsupported(`${at}.template.spec.restartPolicy`, rp, restartPolicies))
  return errs
}

function validateSelector(spec: Json, at: string, kind: string): FieldError[] {
  const selector = spec.selector as Json | undefined
  if (!selector) return [required(`${at}.selector`)]
  if (isEmptySelector(selector)) return [invalid(`${at}.selector`, selector, `empty selector is invalid for ${kind.toLowerCase()}`)]
  return []
}

function nonNegative(spec: Json, key: string, at: string): FieldError[] {
  const v = spec[key]
  return typeof v === 'number' && v < 0 ? [invalid(`${at}.${key}`, v, 'must be greater than or equal to 0')] : []
}

/** An int-or-percent of a rolling update: `25%` or 1 (ValidatePositiveIntOrPercent, IsNotMoreThan100Percent). */
function intOrPercent(v: unknown, field: string): FieldError[] {
  if (v === undefined) return []
  if (typeof v === 'number') return v < 0 ? [invalid(field, v, 'must be greater than or equal to 0')] : []
  const m = /^(\d+)%$/.exec(String(v))
  if (!m) return [invalid(field, v, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")]
  return Number(m[1]) > 100 ? [invalid(field, v, 'must not be greater than 100%')] : []
}

function isZero(v: unknown): boolean {
  return v === 0 || v === '0%'
}

function validateDeploymentStrategy(spec: Json): FieldError[] {
  const strategy = (spec.strategy ?? {}) as Json
  const type = strategy.type
  if (type !== 'RollingUpdate' && type !== 'Recreate') return [unsupported('spec.strategy.type', type, ['Recreate', 'RollingUpdate'])]
  if (type === 'Recreate')
    return strategy.rollingUpdate ? [{ field: 'spec.strategy.rollingUpdate', type: 'FieldValueForbidden', body: "Forbidden: may not be specified when strategy `type` is 'Recreate'" }] : []
  const ru = (strategy.rollingUpdate ?? {}) as Json
  const errs = [...intOrPercent(ru.maxUnavailable, 'spec.strategy.rollingUpdate.maxUnavailable'), ...intOrPercent(ru.maxSurge, 'spec.strategy.rollingUpdate.maxSurge')]
  if (!errs.length && isZero(ru.maxUnavailable) && isZero(ru.maxSurge))
    errs.push(invalid('spec.strategy.rollingUpdate.maxUnavailable', ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'))
  return errs
}

/** Validation of a new (or updated) object of `kind`: metadata, then the kind's spec rules. */
export function validateKind(kind: string, o: KObject): FieldError[] {
  const errs = validateMeta(kind, o)
  const spec = (o.spec ?? {}) as Json
  switch (kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'StatefulSet': {
      errs.push(...nonNegative(spec, 'replicas', 'spec'))
      const selErrs = validateSelector(spec, 'spec', kind)
      errs.push(...selErrs)
      errs.push(...validateTemplate(spec, 'spec', ['Always'], spec.selector ? (selErrs.length ? undefined : (spec.selector as Json)) : null))
      if (kind === 'Deployment') errs.push(...validateDeploymentStrategy(spec))
      errs.push(...nonNegative(spec, 'minReadySeconds', 'spec'), ...nonNegative(spec, 'revisionHistoryLimit', 'spec'))
      return errs
    }
    case 'ReplicationController':
      errs.push(...nonNegative(spec, 'replicas', 'spec'))
      errs.push(...validateTemplate(spec, 'spec', ['Always'], spec.selector ? { matchLabels: spec.selector } : undefined))
      return errs
    case 'Job':
      return [...errs, ...validateJobSpec(spec, 'spec')]
    case 'CronJob': {
      if (!spec.schedule) errs.push(required('spec.schedule'))
      const jt = (spec.jobTemplate ?? {}) as Json
      errs.push(...validateJobSpec((jt.spec ?? {}) as Json, 'spec.jobTemplate.spec'))
      if (typeof o.metadata.name === 'string' && o.metadata.name.length > 52)
        errs.push(invalid('metadata.name', o.metadata.name, 'must be no more than 52 characters'))
      return errs
    }
    case 'Ingress':
      return [...errs, ...validateIngress(o)]
    case 'Namespace':
    case 'ConfigMap':
    case 'Secret':
    default:
      return errs
  }
}

function validateJobSpec(spec: Json, at: string): FieldError[] {
  const errs: FieldError[] = []
  for (const key of ['parallelism', 'completions', 'backoffLimit', 'activeDeadlineSeconds', 'ttlSecondsAfterFinished'])
    errs.push(...nonNegative(spec, key, at))
  const selector = spec.selector as Json | undefined
  errs.push(...validateTemplate(spec, at, ['OnFailure', 'Never'], selector))
  const rp = ((spec.template as Json | undefined)?.spec as Json | undefined)?.restartPolicy
  if (rp === undefined) errs.push(unsupported(`${at}.template.spec.restartPolicy`, 'Always', ['OnFailure', 'Never']))
  return errs
}

/** Fields that may not change once stored (FIDELITY.md §5.4), with the apiserver's texts. */
export function validateImmutable(kind: string, before: KObject, after: KObject): FieldError[] {
  const b = (before.spec ?? {}) as Json
  const a = (after.spec ?? {}) as Json
  const same = (x: unknown, y: unknown): boolean => JSON.stringify(x) === JSON.stringify(y)
  const immutable = (field: string, value: unknown): FieldError => invalid(field, value, 'field is immutable')
  switch (kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'StatefulSet':
      return same(b.selector, a.selector) ? [] : [immutable('spec.selector', a.selector)]
    case 'Job': {
      const errs: FieldError[] = []
      if (!same(b.selector, a.selector)) errs.push(immutable('spec.selector', a.selector))
      if (!same(b.template, a.template)) errs.push(immutable('spec.template', a.template))
      if (!same(b.completions, a.completions) && b.completionMode !== 'Indexed') errs.push(immutable('spec.completions', a.completions))
      return errs
    }
    default:
      return []
  }
}
