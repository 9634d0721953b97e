/**
 * Creating a Service: defaulting, validation, then the REST storage's allocation of a ClusterIP and
 * node ports, each a stage on the request's flow (pkg/registry/core/service/storage/storage.go).
 */
import type { Ctx } from '../../engine/actor.ts'
import { applyServiceDefaults, validateService } from '../../k8s/service.ts'
import { etcdKey, type ResourceInfo } from '../../k8s/resources.ts'
import { invalid, type Status } from '../../k8s/status.ts'
import type { KObject } from '../../protocol.ts'
import { allocateForService } from './service-alloc.ts'
import type { ApiserverState } from './state.ts'

export function admitService(state: ApiserverState, ctx: Ctx, info: ResourceInfo, obj: KObject): Status | null {
  applyServiceDefaults(obj)
  ctx.stage({ name: 'admission', outcome: 'ok', detail: 'NamespaceLifecycle ok; defaults: type, sessionAffinity, protocol, targetPort' })
  const name = String(obj.metadata.name ?? '')
  const errors = validateService(obj)
  if (errors.length) {
    const status = invalid(info.kind, info.group, name, errors)
    ctx.stage({ name: 'validation', outcome: 'failed', detail: status.message ?? '' })
    return status
  }
  const result = allocateForService(state, ctx, etcdKey(info, obj.metadata.namespace, name), obj)
  if (!result.ok) {
    const status = result.status ?? invalid(info.kind, info.group, name, result.errors ?? [])
    ctx.stage({ name: 'allocation', outcome: 'failed', detail: status.message ?? '' })
    return status
  }
  ctx.stage({ name: 'allocation', outcome: 'ok', detail: result.notes.join('; ') || 'nothing to allocate' })
  ctx.stage({ name: 'validation', outcome: 'ok', detail: 'Service is valid' })
  return null
}
