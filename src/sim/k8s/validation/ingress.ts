/**
 * Ingress validation as the apiserver runs it (pkg/apis/networking/validation/validation.go
 * ValidateIngressSpec, validateHTTPIngressPath, validateIngressBackend), with its texts:
 * every path needs a pathType; Exact and Prefix paths (and a non-empty ImplementationSpecific one)
 * must be absolute; a backend is a Service (with a name and a port name or number) or a resource.
 */
import type { KObject } from '../../protocol.ts'
import type { FieldError } from '../status.ts'

type Json = Record<string, unknown>

const pathTypes = ['Exact', 'ImplementationSpecific', 'Prefix']
/** validation.go invalidPathSequences and invalidPathSuffixes. */
const invalidPathSequences = ['//', '/./', '/../', '%2f', '%2F']
const invalidPathSuffixes = ['/..', '/.']

function invalid(field: string, value: unknown, detail: string): FieldError {
  return { field, type: 'FieldValueInvalid', body: `Invalid value: ${JSON.stringify(value)}: ${detail}` }
}

function required(field: string, detail = ''): FieldError {
  return { field, type: 'FieldValueRequired', body: detail ? `Required value: ${detail}` : 'Required value' }
}

function validateBackend(b: Json | undefined, at: string): FieldError[] {
  const svc = b?.service as Json | undefined
  const res = b?.resource as Json | undefined
  if (svc && res) return [invalid(at, '', 'cannot set both resource and service backends')]
  if (res) return [...(res.kind ? [] : [required(`${at}.resource.kind`)]), ...(res.name ? [] : [required(`${at}.resource.name`)])]
  if (!svc) return [invalid(at, '', 'resource or service backend is required')]
  const errs: FieldError[] = []
  if (!svc.name) errs.push(required(`${at}.service.name`))
  const port = (svc.port ?? {}) as Json
  const hasName = typeof port.name === 'string' && port.name.length > 0
  const hasNumber = port.number !== undefined && port.number !== 0
  if (hasName && hasNumber) errs.push(invalid(at, '', 'cannot set both port name & port number'))
  else if (hasNumber && (Number(port.number) < 1 || Number(port.number) > 65535)) errs.push(invalid(`${at}.service.port.number`, port.number, 'must be between 1 and 65535, inclusive'))
  else if (!hasName && !hasNumber) errs.push(required(`${at}.service.port`, 'port name or number is required'))
  return errs
}

function validatePath(p: Json, at: string): FieldError[] {
  if (p.pathType === undefined || p.pathType === null || p.pathType === '') return [required(`${at}.pathType`, 'pathType must be specified')]
  const errs: FieldError[] = []
  const path = typeof p.path === 'string' ? p.path : ''
  if (!pathTypes.includes(String(p.pathType)))
    errs.push({ field: `${at}.pathType`, type: 'FieldValueNotSupported', body: `Unsupported value: ${JSON.stringify(p.pathType)}: supported values: ${pathTypes.map((t) => `"${t}"`).join(', ')}` })
  else if (p.pathType !== 'ImplementationSpecific' || path.length > 0) {
    if (!path.startsWith('/')) errs.push(invalid(`${at}.path`, path, 'must be an absolute path'))
    else if (p.pathType !== 'ImplementationSpecific') {
      for (const seq of invalidPathSequences) if (path.includes(seq)) errs.push(invalid(`${at}.path`, path, `must not contain '${seq}'`))
      for (const suf of invalidPathSuffixes) if (path.endsWith(suf)) errs.push(invalid(`${at}.path`, path, `cannot end with '${suf}'`))
    }
  }
  return [...errs, ...validateBackend(p.backend as Json | undefined, `${at}.backend`)]
}

export function validateIngress(o: KObject): FieldError[] {
  const spec = (o.spec ?? {}) as Json
  const errs: FieldError[] = []
  if (spec.defaultBackend) errs.push(...validateBackend(spec.defaultBackend as Json, 'spec.defaultBackend'))
  ;((spec.rules ?? []) as Json[]).forEach((rule, i) => {
    const http = rule.http as Json | undefined
    if (!http) return
    const paths = (http.paths ?? []) as Json[]
    if (!paths.length) errs.push(required(`spec.rules[${i}].http.paths`))
    paths.forEach((p, j) => errs.push(...validatePath(p, `spec.rules[${i}].http.paths[${j}]`)))
  })
  return errs
}
