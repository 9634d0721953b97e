/** Routing a client request through authentication, authorization and its verb's handler. */
import type { Ctx } from '../../engine/actor.ts'
import type { ApiRequest } from '../../messages.ts'
import { microTime } from '../../k8s/meta.ts'
import { etcdKey, etcdListPrefix, parsePath, type ParsedPath } from '../../k8s/resources.ts'
import { decodeJsonPatch } from '../../k8s/json-patch.ts'
import { methodNotAllowed, type Status } from '../../k8s/status.ts'
import { serverVersion } from '../../k8s/version-info.ts'
import type { KObject } from '../../protocol.ts'
import { create } from './create.ts'
import { evict } from './eviction.ts'
import { proxyExec, proxyLogs } from './kubelet-proxy.ts'
import { answerReview, reviewPaths } from './reviews.ts'
import { apiGroupList, coreApiVersions } from '../../k8s/served-groups.ts'
import { apiserverAddress, apiserverPort } from '../../cluster/service-bootstrap.ts'
import { deleteStored } from './delete-stored.ts'
import { propagationOf } from './deletion.ts'
import { dryRunUpdate } from './dry-run-update.ts'
import { isDryRun } from './kinds-admission.ts'
import { listFromCache } from './list-from-cache.ts'
import { callerStages } from './identity.ts'
import { guaranteedUpdate } from './mutate.ts'
import { respond, sendRange } from './respond.ts'
import type { AfterRead, ApiserverState, DeleteOptions, Mutation, RequestRef } from './state.ts'
import { isUncached } from './watch-cache-sizes.ts'
import { addWatcher } from './watch.ts'
import { watchMember } from './etcd-client.ts'
import { deprecationNotice } from './deprecation.ts'
import { readComponentStatuses } from './component-status.ts'
import { stageTemplate } from '../../engine/deferred-stage.ts'

function query(msg: ApiRequest, name: string): string {
  return msg.query?.find(([k]) => k === name)?.[1] ?? ''
}

function notFoundPath(): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', code: 404 }
}

export function handleRequest(state: ApiserverState, msg: ApiRequest, ctx: Ctx): void {
  const req: RequestRef = { reqId: msg.reqId, client: ctx.from!, path: msg.path }
  for (const s of callerStages(ctx.from!, msg.asUser)) ctx.stage(s)
  if (msg.path === '/version' && msg.verb === 'get') {
    // A non-resource URL served by the apiserver itself, readable by anyone (system:public-info-viewer).
    ctx.stage({ name: 'response', outcome: 'ok', detail: `version ${serverVersion.gitVersion}: answered by the apiserver, nothing read from etcd` })
    respond(ctx, req, 200, serverVersion)
    return
  }
  if (msg.verb === 'get' && (msg.path === '/api' || msg.path === '/apis')) {
    // Discovery: non-resource URLs the apiserver answers from what it serves (system:discovery).
    ctx.stage({ name: 'response', outcome: 'ok', detail: `discovery: the ${msg.path === '/api' ? 'core group' : 'API groups'} served; nothing read from etcd` })
    respond(ctx, req, 200, msg.path === '/api' ? coreApiVersions(`${apiserverAddress}:${apiserverPort}`) : apiGroupList())
    return
  }
  if (msg.verb === 'create' && reviewPaths.includes(msg.path)) {
    const r = answerReview(msg, ctx.from!)
    ctx.stage(r.stage)
    respond(ctx, req, 201, r.body)
    return
  }
  const parsed = parsePath(msg.path)
  if (!parsed) {
    respond(ctx, req, 404, notFoundPath())
    return
  }
  const notice = deprecationNotice(parsed.info)
  if (notice !== undefined) req.warning = notice
  if (parsed.info.resource === 'componentstatuses') return readComponentStatuses(state, ctx, msg, parsed, req)
  const target = { resource: parsed.info.resource, group: parsed.info.group }
  switch (msg.verb) {
    case 'create':
      if (parsed.subresource === 'binding') return bind(state, ctx, msg, parsed, req)
      if (parsed.subresource === 'token') return tokenRequest(ctx, msg, parsed, req)
      if (parsed.subresource === 'eviction' && parsed.info.resource === 'pods') return evict(state, ctx, msg, parsed, req)
      if (parsed.subresource === 'exec' && parsed.info.resource === 'pods') return proxyExec(state, ctx, msg, parsed, req)
      return create(state, ctx, msg, parsed, req)
    case 'get':
      if (parsed.subresource === 'log' && parsed.info.resource === 'pods') return proxyLogs(state, ctx, msg, parsed, req)
      sendRange(state, ctx, { key: etcdKey(parsed.info, parsed.namespace, parsed.name!), prefix: false }, { op: 'get', req, ...target, name: parsed.name! })
      return
    case 'list':
      if (query(msg, 'resourceVersion') === '0' && !isUncached(parsed.info.etcdPrefix))
        return listFromCache(state, ctx, parsed, req, {
          fieldSelector: decodeURIComponent(query(msg, 'fieldSelector')),
          labelSelector: decodeURIComponent(query(msg, 'labelSelector')),
        })
      sendRange(state, ctx, { key: etcdListPrefix(parsed.info, parsed.namespace), prefix: true }, {
        op: 'list',
        req,
        ...target,
        fieldSelector: decodeURIComponent(query(msg, 'fieldSelector')),
        labelSelector: decodeURIComponent(query(msg, 'labelSelector')),
      })
      return
    case 'watch':
      return watch(state, ctx, msg, parsed, req)
    case 'update':
    case 'patch': {
      const key = etcdKey(parsed.info, parsed.namespace, parsed.name!)
      const mutation = mutationOf(msg, parsed)
      if (!('type' in mutation)) {
        // jsonpatch.DecodePatch failed: answered before any admission or storage.
        ctx.stage({ name: 'decode', outcome: 'failed', detail: mutation.message ?? '' })
        respond(ctx, req, mutation.code, mutation)
        return
      }
      ctx.stage({ name: 'admission', outcome: 'ok', detail: 'no mutating plugin applies to this update' })
      const dryRun = isDryRun(msg.query)
      if (isUncached(key)) return readFirst(state, ctx, req, { ...target, name: parsed.name!, key }, { verb: dryRun ? 'dry-run' : 'update', mutation })
      if (dryRun) return dryRunUpdate(state, ctx, req, { ...target, name: parsed.name!, key }, mutation)
      guaranteedUpdate(state, ctx, req, { ...target, name: parsed.name!, key }, mutation, 0)
      return
    }
    case 'delete':
      return remove(state, ctx, msg, parsed, req)
  }
  const status = methodNotAllowed()
  respond(ctx, req, status.code, status)
}

/** POST pods/<name>/binding: set spec.nodeName and PodScheduled=True (pkg/registry/core/pod/storage). */
function bind(state: ApiserverState, ctx: Ctx, msg: ApiRequest, parsed: ParsedPath, req: RequestRef): void {
  const target = (msg.body as { target?: { name?: string } }).target?.name ?? ''
  const key = etcdKey(parsed.info, parsed.namespace, parsed.name!)
  ctx.stage(binding.of(key, target))
  guaranteedUpdate(state, ctx, req, { resource: 'pods', group: '', name: parsed.name!, key }, { type: 'bind', node: target }, 0)
}

/** TokenRequest: a signed, pod-bound token; nothing is stored. */
function tokenRequest(ctx: Ctx, msg: ApiRequest, parsed: ParsedPath, req: RequestRef): void {
  const body = (msg.body ?? {}) as { spec?: Record<string, unknown> }
  const expirationSeconds = Number(body.spec?.expirationSeconds ?? 3607)
  ctx.stage({ name: 'token', outcome: 'ok', detail: `signed a token for system:serviceaccount:${parsed.namespace}:${parsed.name}, valid ${expirationSeconds}s` })
  respond(ctx, req, 201, {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name: parsed.name, namespace: parsed.namespace },
    spec: { ...body.spec, expirationSeconds },
    status: { token: 'eyJhbGciOiJSUzI1NiIsImtpZCI6…', expirationTimestamp: microTime(ctx.startTimeMs + ctx.now + expirationSeconds * 1000).replace(/\.\d+Z$/, 'Z') },
  })
}

/**
 * WATCH. Served from the watch cache; for a resource without one (events) the apiserver opens a
 * watch on etcd for this client and relays what etcd streams (etcd3 store Watch).
 */
function watch(state: ApiserverState, ctx: Ctx, msg: ApiRequest, parsed: ParsedPath, req: RequestRef): void {
  const prefix = parsed.info.etcdPrefix
  const fromEtcd = isUncached(prefix)
  const w = addWatcher(state, {
    client: req.client,
    prefix,
    ...(parsed.namespace ? { namespace: parsed.namespace } : {}),
    fieldSelector: decodeURIComponent(query(msg, 'fieldSelector')),
    labelSelector: decodeURIComponent(query(msg, 'labelSelector')),
    ...(msg.closeOn ? { until: msg.closeOn } : {}),
  })
  const name = /^metadata\.name=(.+)$/.exec(w.fieldSelector)?.[1]
  // Without a cache there is nothing to look the object up in: the watch stays open.
  const gone = !fromEtcd && msg.closeOn === 'DELETED' && name !== undefined && !(etcdKey(parsed.info, parsed.namespace, name) in state.cache)
  if (gone) state.watchers = state.watchers.filter((x) => x !== w)
  if (fromEtcd) {
    ctx.stage({ name: 'watch', outcome: 'ok', detail: `${w.id}: ${parsed.info.resource} have no watch cache, so the apiserver opens a watch on etcd for it` })
    ctx.send(watchMember(state), { kind: 'etcd.watch-create', watchId: w.id, key: parsed.namespace ? `${prefix}/${parsed.namespace}` : prefix })
  } else ctx.stage({ name: 'watch', outcome: 'ok', detail: `${w.id} streams ${parsed.info.resource} from the watch cache` })
  respond(ctx, req, 200, { kind: 'WatchStream', watchId: w.id, ...(gone ? { gone: true } : {}) })
}

/** No watch cache holds the object: read it from etcd first, then carry on (etcd3 store.go). */
function readFirst(state: ApiserverState, ctx: Ctx, req: RequestRef, target: { resource: string; group: string; name: string; key: string }, then: AfterRead): void {
  ctx.stage({ name: 'storage', outcome: 'ok', detail: `no watch cache for ${target.resource}: read ${target.key} from etcd first` })
  sendRange(state, ctx, { key: target.key, prefix: false }, { op: 'read', req, ...target, then })
}

/**
 * DELETE. A pod bound to a node is deleted gracefully: it gets a deletionTimestamp and its kubelet
 * finishes the job with a final DELETE of grace 0. An unbound pod goes at once.
 */
function remove(state: ApiserverState, ctx: Ctx, msg: ApiRequest, parsed: ParsedPath, req: RequestRef): void {
  const key = etcdKey(parsed.info, parsed.namespace, parsed.name!)
  const target = { resource: parsed.info.resource, group: parsed.info.group, name: parsed.name! }
  const graceText = query(msg, 'gracePeriodSeconds')
  const bodyGrace = (msg.body as { gracePeriodSeconds?: number } | undefined)?.gracePeriodSeconds
  const gracePeriodSeconds = bodyGrace ?? (graceText ? Number(graceText) : undefined)
  const policy = propagationOf(msg.body, msg.query)
  const options: DeleteOptions = { ...(policy ? { propagationPolicy: policy } : {}), ...(gracePeriodSeconds !== undefined ? { gracePeriodSeconds } : {}) }
  if (isUncached(key)) return readFirst(state, ctx, req, { ...target, key }, { verb: 'delete', delete: options })
  deleteStored(state, ctx, req, { ...target, key }, state.cache[key], options)
}

/** What a PUT or PATCH asks for, by verb and Content-Type; a JSON Patch that does not decode is its 400. */
function mutationOf(msg: ApiRequest, parsed: ParsedPath): Mutation | Status {
  const sub = parsed.subresource ? { subresource: parsed.subresource } : {}
  if (msg.verb === 'update') return { type: 'replace', object: msg.body as KObject, ...sub }
  if (msg.contentType === 'application/json-patch+json') {
    const decoded = decodeJsonPatch(msg.body)
    return decoded.ok ? { type: 'json-patch', ops: decoded.ops, ...sub } : decoded.status
  }
  return {
    type: 'merge-patch',
    patch: msg.body as Record<string, unknown>,
    ...sub,
    ...(msg.contentType === 'application/merge-patch+json' ? { json: true as const } : {}),
  }
}

const podsPrefix = '/registry/pods/'
/** `Binding of default/web-1 to node node-2`, from the pod's key (`/registry/pods/<ns>/<name>`), written on read (deferred-stage.ts). */
const binding = stageTemplate('admission', 'ok', (podKey: string, node: string) => `Binding of ${podKey.slice(podsPrefix.length)} to node ${node}`)
