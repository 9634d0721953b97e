/**
 * metav1.Status bodies for failed requests, with the texts of apimachinery pkg/api/errors.
 * kubectl turns them into `Error from server (<Reason>): <message>`.
 */
import type { ResourceInfo } from './resources.ts'
import { qualifiedResource } from './resources.ts'

export interface StatusCause {
  reason: string
  message: string
  field: string
}

export interface Status {
  kind: 'Status'
  apiVersion: 'v1'
  metadata: Record<string, never>
  status: 'Success' | 'Failure'
  message?: string
  reason?: string
  details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[] }
  code: number
}

function failure(code: number, reason: string, message: string, details?: Status['details']): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code }
}

export function success(code = 201): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code }
}

export function notFound(r: ResourceInfo, name: string): Status {
  return failure(404, 'NotFound', `${qualifiedResource(r)} "${name}" not found`, { name, group: r.group, kind: r.resource })
}

export function alreadyExists(r: ResourceInfo, name: string): Status {
  return failure(409, 'AlreadyExists', `${qualifiedResource(r)} "${name}" already exists`, { name, group: r.group, kind: r.resource })
}

export function conflict(r: ResourceInfo, name: string, detail?: string): Status {
  const why = detail ?? 'the object has been modified; please apply your changes to the latest version and try again'
  return failure(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(r)} "${name}": ${why}`, {
    name,
    group: r.group,
    kind: r.resource,
  })
}

export function forbidden(r: ResourceInfo, name: string, why: string): Status {
  return failure(403, 'Forbidden', `${qualifiedResource(r)} "${name}" is forbidden: ${why}`, { name, group: r.group, kind: r.resource })
}

/** A 500 whose error is no API status: no reason, the error's text as message (kubectl: `Error from server: …`). */
export function internalFailure(message: string): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code: 500 }
}

export function badRequest(message: string): Status {
  return failure(400, 'BadRequest', message)
}

/** 413: `Request entity too large: <why>` (errors.NewRequestEntityTooLargeError). */
export function requestEntityTooLarge(why: string): Status {
  return failure(413, 'RequestEntityTooLarge', `Request entity too large: ${why}`)
}

/**
 * A 422 made by NewGenericServerResponse: the status text alone, empty details (the server's own
 * message is dropped), which kubectl prints as "The request is invalid: …".
 */
export function genericUnprocessable(): Status {
  return failure(422, 'Invalid', 'the server rejected our request due to an error in our request', {})
}

export function methodNotAllowed(): Status {
  return failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource')
}

/** One field error, rendered as apimachinery's field.Error does. */
export interface FieldError {
  field: string
  /** `FieldValueRequired`, `FieldValueInvalid`, `FieldValueDuplicate`, `FieldValueForbidden`, … */
  type: 'FieldValueRequired' | 'FieldValueInvalid' | 'FieldValueDuplicate' | 'FieldValueForbidden' | 'FieldValueNotSupported'
  /** The whole `Invalid value: "x": detail` body. */
  body: string
}

export function fieldErrorText(e: FieldError): string {
  return `${e.field}: ${e.body}`
}

/** 422 Invalid: `Pod "x" is invalid: e1` or `... is invalid: [e1, e2]`. */
export function invalid(kind: string, group: string, name: string, errors: FieldError[]): Status {
  const qualifiedKind = group ? `${kind}.${group}` : kind
  const texts = errors.map(fieldErrorText)
  const joined = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`
  return failure(422, 'Invalid', `${qualifiedKind} "${name}" is invalid: ${joined}`, {
    name,
    group,
    kind,
    causes: errors.map((e) => ({ reason: e.type, message: e.body, field: e.field })),
  })
}

export function isStatus(body: unknown): body is Status {
  return typeof body === 'object' && body !== null && (body as { kind?: unknown }).kind === 'Status'
}
