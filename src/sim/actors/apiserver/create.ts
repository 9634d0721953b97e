/** POST of a new object: decode, name, admit, validate, then `Txn If(create_revision == 0) Put`. */
import type { Ctx } from '../../engine/actor.ts'
import { clonePlain } from '../../engine/clone.ts'
import { stageTemplate } from '../../engine/deferred-stage.ts'
import type { ApiRequest } from '../../messages.ts'
import { generatedName, rfc3339, uuid } from '../../k8s/meta.ts'
import { apiVersionOf, etcdKey, resourceByName, type ParsedPath, type ResourceInfo } from '../../k8s/resources.ts'
import { badRequest } from '../../k8s/status.ts'
import type { KObject } from '../../protocol.ts'
import { admit } from './admission.ts'
import { decodeStage, isDryRun, prepareForCreate } from './kinds-admission.ts'
import { respond, sendTxn } from './respond.ts'
import type { ApiserverState, RequestRef } from './state.ts'

/**
 * An events.k8s.io/v1 Event is stored as the core/v1 Event it converts to. It reads the request's
 * body and copies only the fields it keeps, where a copy of the whole body was made first and
 * then mostly dropped (the scheduler posts one per pod it binds).
 */
function toCoreEvent(e: KObject): KObject {
  const x = e as Record<string, unknown>
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: clonePlain(e.metadata),
    involvedObject: clonePlain(x.regarding),
    reason: clonePlain(x.reason),
    message: clonePlain(x.note),
    source: {},
    firstTimestamp: null,
    lastTimestamp: null,
    eventTime: clonePlain(x.eventTime),
    type: clonePlain(x.type),
    action: clonePlain(x.action),
    reportingComponent: clonePlain(x.reportingController),
    reportingInstance: clonePlain(x.reportingInstance),
  }
}

export function create(state: ApiserverState, ctx: Ctx, msg: ApiRequest, parsed: ParsedPath, req: RequestRef): void {
  const info = parsed.info
  const body = msg.body as KObject | null | undefined
  if (!body || typeof body !== 'object' || body.kind !== info.kind) {
    const status = badRequest(`the body of the request was in an unknown format`)
    respond(ctx, req, status.code, status)
    return
  }
  const obj = info.group === 'events.k8s.io' ? toCoreEvent(body) : clonePlain(body)
  // The body is already a copy, so only a metadata that is no object needs making into one.
  if (typeof obj.metadata !== 'object' || obj.metadata === null || Array.isArray(obj.metadata)) obj.metadata = { ...(obj.metadata ?? {}) }
  if (info.namespaced) {
    const ns = obj.metadata.namespace ?? parsed.namespace
    if (obj.metadata.namespace && parsed.namespace && obj.metadata.namespace !== parsed.namespace) {
      const status = badRequest('the namespace of the provided object does not match the namespace sent on the request')
      respond(ctx, req, status.code, status)
      return
    }
    obj.metadata.namespace = ns
  }
  if (!obj.metadata.name && obj.metadata.generateName) obj.metadata.name = generatedName(obj.metadata.generateName, ctx.random)
  const stored = resourceByNameForStorage(parsed)
  const sentVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : apiVersionOf(parsed.info)
  obj.apiVersion = apiVersionOf(stored)
  const error = decodeStage(ctx, stored, sentVersion, obj) ?? admit(state, ctx, stored, obj)
  if (error) {
    respond(ctx, req, error.code, error)
    return
  }
  if (isDryRun(msg.query)) {
    ctx.stage({ name: 'storage', outcome: 'ok', detail: 'dryRun=All: every stage ran, nothing is stored' })
    respond(ctx, req, 201, obj)
    return
  }
  const epochMs = ctx.startTimeMs + ctx.now
  obj.metadata.uid = uuid(ctx.random)
  obj.metadata.creationTimestamp = rfc3339(epochMs)
  prepareForCreate(stored, obj)
  // Each kind's strategy PrepareForCreate starts generation at 1 (pkg/registry/*/strategy.go).
  if (info.kind === 'Pod' || generationKinds.has(info.kind)) obj.metadata.generation = 1
  const name = String(obj.metadata.name)
  const key = etcdKey(stored, obj.metadata.namespace, name)
  ctx.stage(createTxn.of(key))
  sendTxn(state, ctx, { key, op: 'create', value: obj }, {
    op: 'create',
    req,
    resource: stored.resource,
    group: stored.group,
    name,
    respond: 'object',
  })
}

const generationKinds = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob'])

const coreEvents = resourceByName('events')!

/** The resource whose storage a request writes to (events.k8s.io events are core events). */
function resourceByNameForStorage(parsed: ParsedPath): ResourceInfo {
  return parsed.info.group === 'events.k8s.io' ? coreEvents : parsed.info
}

/** The create's etcd transaction (storage/etcd3 store.go Create), written on read (deferred-stage.ts). */
const createTxn = stageTemplate('storage', 'ok', (key: string) => `Txn If(create_revision(${key}) == 0) Then Put`)
