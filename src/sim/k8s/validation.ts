/**
 * Object validation with the apiserver's real texts (apimachinery pkg/util/validation,
 * pkg/apis/core/validation). Only what the simulated kinds need so far.
 */
import type { KObject } from '../protocol.ts'
import type { FieldError } from './status.ts'

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?'
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`
const subdomainRe = new RegExp(`^${DNS1123_SUBDOMAIN}$`)
const labelRe = new RegExp(`^${DNS1123_LABEL}$`)

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"

function invalidValue(field: string, value: string, detail: string): FieldError {
  return { field, type: 'FieldValueInvalid', body: `Invalid value: ${JSON.stringify(value)}: ${detail}` }
}

function required(field: string): FieldError {
  return { field, type: 'FieldValueRequired', body: 'Required value' }
}

export function validateSubdomain(field: string, value: string): FieldError[] {
  const errs: FieldError[] = []
  if (value.length > 253) errs.push(invalidValue(field, value, 'must be no more than 253 characters'))
  if (!subdomainRe.test(value)) errs.push(invalidValue(field, value, SUBDOMAIN_MSG))
  return errs
}

export function validateLabel(field: string, value: string): FieldError[] {
  const errs: FieldError[] = []
  if (value.length > 63) errs.push(invalidValue(field, value, 'must be no more than 63 characters'))
  if (!labelRe.test(value)) errs.push(invalidValue(field, value, LABEL_MSG))
  return errs
}

export function validateObjectName(obj: KObject, nameRule: 'subdomain' | 'label'): FieldError[] {
  const name = obj.metadata.name
  if (!name) return [{ field: 'metadata.name', type: 'FieldValueRequired', body: 'Required value: name or generateName is required' }]
  return nameRule === 'subdomain' ? validateSubdomain('metadata.name', name) : validateLabel('metadata.name', name)
}

interface ContainerLike {
  name?: string
  image?: string
  ports?: { containerPort?: number }[]
}

export function validatePod(pod: KObject): FieldError[] {
  const errs = validateObjectName(pod, 'subdomain')
  const spec = (pod.spec ?? {}) as { containers?: ContainerLike[] }
  const containers = spec.containers ?? []
  if (containers.length === 0) errs.push(required('spec.containers'))
  const seen = new Set<string>()
  containers.forEach((c, i) => {
    const at = `spec.containers[${i}]`
    if (!c.name) errs.push(required(`${at}.name`))
    else {
      errs.push(...validateLabel(`${at}.name`, c.name))
      if (seen.has(c.name)) errs.push({ field: `${at}.name`, type: 'FieldValueDuplicate', body: `Duplicate value: ${JSON.stringify(c.name)}` })
      seen.add(c.name)
    }
    if (!c.image) errs.push(required(`${at}.image`))
    c.ports?.forEach((p, j) => {
      const port = p.containerPort ?? 0
      if (port < 1 || port > 65535)
        errs.push({
          field: `${at}.ports[${j}].containerPort`,
          type: 'FieldValueInvalid',
          body: `Invalid value: ${port}: must be between 1 and 65535, inclusive`,
        })
    })
  })
  return errs
}
