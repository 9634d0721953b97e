/**
 * The request pipeline's steps for every kind besides Pod and Service: strict decoding, defaulting,
 * validation on create and update (immutable fields), the status subresource rule, and dry runs.
 * Each is a stage on the request's flow (FIDELITY.md §1.0.1 step 3–4, §5).
 */
import type { Ctx } from '../../engine/actor.ts'
import { idleNote } from '../../k8s/discovery.ts'
import { badRequest, invalid, type Status } from '../../k8s/status.ts'
import type { ResourceInfo } from '../../k8s/resources.ts'
import { decodeError } from '../../k8s/validation/decode.ts'
import { applyKindDefaults, prepareJob } from '../../k8s/validation/defaults.ts'
import { validateImmutable, validateKind } from '../../k8s/validation/workloads.ts'
import type { KObject, Stage } from '../../protocol.ts'
import type { Mutation } from './state.ts'

/** Kinds whose status is written only through `/status` (their REST storage has a status subresource). */
const STATUS_SUBRESOURCE = new Set([
  'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController', 'Job', 'CronJob',
  'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'PersistentVolumeClaim', 'PersistentVolume', 'ResourceQuota',
  'Namespace', 'Ingress',
])

/** `?dryRun=All`: every stage runs, nothing is stored. */
export function isDryRun(query: [string, string][] | undefined): boolean {
  return (query ?? []).some(([k, v]) => k === 'dryRun' && v === 'All')
}

/** Decode with fieldValidation=Strict (kubectl's default): unknown fields and bad quantities are 400. */
export function decodeStage(ctx: Ctx, info: ResourceInfo, apiVersion: string, body: unknown): Status | null {
  const error = decodeError(apiVersion, info.kind, body)
  if (error) {
    ctx.stage({ name: 'decode', outcome: 'failed', detail: error })
    return badRequest(error)
  }
  return null
}

/** Defaulting and validation of a new object of a kind other than Pod and Service. */
export function admitKind(ctx: Ctx, info: ResourceInfo, obj: KObject): Status | null {
  applyKindDefaults(info.kind, obj)
  if (STATUS_SUBRESOURCE.has(info.kind) && info.kind !== 'Namespace') delete obj.status
  const errors = validateKind(info.kind, obj)
  if (errors.length) {
    const status = invalid(info.kind, info.group, String(obj.metadata.name ?? ''), errors)
    ctx.stage({ name: 'validation', outcome: 'failed', detail: status.message ?? '' })
    return status
  }
  ctx.stage(validStage(info.kind))
  return null
}

/** Strategy PrepareForCreate steps that need the object's uid. */
export function prepareForCreate(info: ResourceInfo, obj: KObject): void {
  if (info.kind === 'Job') prepareJob(obj)
  if (info.kind === 'Namespace') {
    // namespaceStrategy.PrepareForCreate: the `kubernetes` finalizer, phase Active.
    const spec = (obj.spec ?? {}) as { finalizers?: string[] }
    obj.spec = { ...spec, finalizers: spec.finalizers?.includes('kubernetes') ? spec.finalizers : [...(spec.finalizers ?? []), 'kubernetes'] }
    obj.status = { phase: 'Active' }
  }
}

/**
 * An update of the main resource (PUT or PATCH without a subresource): status is kept as stored,
 * defaults apply, then validation and the immutable fields. Returns the error to answer with.
 */
export function checkUpdate(info: ResourceInfo, before: KObject, after: KObject, mutation: Mutation): Status | null {
  if (mutation.type !== 'replace' && mutation.type !== 'merge-patch' && mutation.type !== 'json-patch') return null
  if (mutation.subresource && mutation.subresource !== 'scale') return null
  if (info.kind === 'Pod' || info.kind === 'Service' || info.kind === 'Event' || info.kind === 'Node') return null
  if (STATUS_SUBRESOURCE.has(info.kind)) {
    if (before.status === undefined) delete after.status
    else after.status = before.status
  }
  applyKindDefaults(info.kind, after)
  const errors = [...validateKind(info.kind, after), ...validateImmutable(info.kind, before, after)]
  if (after.metadata.name !== before.metadata.name)
    errors.unshift({ field: 'metadata.name', type: 'FieldValueInvalid', body: `Invalid value: ${JSON.stringify(after.metadata.name)}: field is immutable` })
  return errors.length ? invalid(info.kind, info.group, String(before.metadata.name), errors) : null
}

/** The passing validation stage, one frozen object per kind shared by every flow (a flow keeps its stages for the whole run). */
const validStages = new Map<string, Stage>()

function validStage(kind: string): Stage {
  let stage = validStages.get(kind)
  if (!stage) validStages.set(kind, (stage = Object.freeze({ name: 'validation', outcome: 'ok', detail: `${kind} is valid${idleNote(kind)}` })))
  return stage
}
