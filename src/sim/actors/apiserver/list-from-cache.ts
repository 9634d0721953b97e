/**
 * A LIST with `resourceVersion=0` is answered from the watch cache without asking etcd: "any
 * version, however old" (cacher.go, FIDELITY.md §1.0.2). Every reflector's first LIST asks that
 * way, which is why a component restarted while etcd has no quorum still gets its informers
 * filled, and why such a LIST shows no hop to etcd.
 */
import type { Ctx } from '../../engine/actor.ts'
import { apiVersionOf, etcdListPrefix, type ParsedPath } from '../../k8s/resources.ts'
import type { KObject } from '../../protocol.ts'
import { respond } from './respond.ts'
import { matchesFieldSelector, matchesLabelSelector } from './selectors.ts'
import type { ApiserverState, RequestRef } from './state.ts'

export function listFromCache(state: ApiserverState, ctx: Ctx, parsed: ParsedPath, req: RequestRef, selectors: { fieldSelector: string; labelSelector: string }): void {
  const prefix = `${etcdListPrefix(parsed.info, parsed.namespace)}/`
  const keys = Object.keys(state.cache).filter((k) => k.startsWith(prefix)).sort()
  const items: KObject[] = []
  for (const key of keys) {
    const o = state.cache[key]!
    if (matchesFieldSelector(o, selectors.fieldSelector) && matchesLabelSelector(o, selectors.labelSelector)) items.push(o)
  }
  const revision = state.cacheRevision ?? 0
  ctx.stage({ name: 'watch cache', outcome: 'ok', detail: `resourceVersion=0: ${items.length} item(s) from the watch cache at resourceVersion ${revision}, no etcd read` })
  respond(ctx, req, 200, { apiVersion: apiVersionOf(parsed.info), kind: `${parsed.info.kind}List`, metadata: { resourceVersion: String(revision) }, items })
}
