/**
 * PUT or PATCH with `?dryRun=All`: the change is made to a copy of the cached object and goes
 * through the same checks as a real write (immutable fields, validation), then the would-be object
 * is returned and nothing is stored (apiserver pkg/endpoints/handlers/patch.go, rest.go dryRun).
 * kubectl apply uses it to check every document of a file before it writes the first.
 */
import type { Ctx } from '../../engine/actor.ts'
import { resourceByName } from '../../k8s/resources.ts'
import { notFound } from '../../k8s/status.ts'
import { checkUpdate } from './kinds-admission.ts'
import { applyMutation } from './mutate.ts'
import { respond } from './respond.ts'
import type { KObject } from '../../protocol.ts'
import type { ApiserverState, Mutation, RequestRef } from './state.ts'

export function dryRunUpdate(
  state: ApiserverState,
  ctx: Ctx,
  req: RequestRef,
  target: { resource: string; group: string; name: string; key: string },
  mutation: Mutation,
  current: KObject | undefined = state.cache[target.key],
): void {
  const info = resourceByName(target.resource, target.group)!
  if (!current) {
    ctx.stage({ name: 'storage', outcome: 'failed', detail: `${target.key} is not stored` })
    const status = notFound(info, target.name)
    respond(ctx, req, status.code, status)
    return
  }
  const result = applyMutation(current, mutation, ctx.startTimeMs + ctx.now, target.resource, target.group)
  const refused = result.ok ? checkUpdate(info, current, result.object, mutation) : result.status
  if (refused) {
    ctx.stage({ name: 'validation', outcome: 'failed', detail: refused.message ?? '' })
    respond(ctx, req, refused.code, refused)
    return
  }
  ctx.stage({ name: 'storage', outcome: 'ok', detail: 'dryRun=All: every stage ran, nothing is stored' })
  respond(ctx, req, 200, result.ok ? result.object : current)
}
