/**
 * ControllerRevisions, the history of a DaemonSet's or StatefulSet's pod template
 * (pkg/controller/history/controller_history.go; daemon/update.go constructHistory,
 * statefulset/stateful_set_control.go getStatefulSetRevisions). Each distinct template is stored
 * once as `<set>-<hash>`, owned by the set, its `data` the patch that puts the template back
 * (`{"spec":{"template":{…,"$patch":"replace"}}}`) and `revision` its number. A template equal to
 * an older revision (a rollout undo) does not make a new one: that revision's number is raised to
 * the newest (history.go "the equivalent revision is not the latest").
 * `kubectl rollout history|undo` read these revisions.
 */
import type { Ctx } from '../../engine/actor.ts'
import { resourceByKind, restPath } from '../../k8s/resources.ts'
import type { KObject } from '../../protocol.ts'
import { controllerRef, newControllerRef } from './objects.ts'
import type { ControllerManagerState, ControllerName } from './state.ts'
import { send } from './workqueue.ts'

type Template = { metadata?: { labels?: Record<string, string> } } & Record<string, unknown>

export function ownedRevisions(state: ControllerManagerState, set: KObject): KObject[] {
  return Object.values(state.caches.controllerrevisions ?? {}).filter(
    (r) => r.metadata.namespace === set.metadata.namespace && controllerRef(r)?.uid === set.metadata.uid,
  )
}

export function revisionNumber(r: KObject): number {
  return Number((r as { revision?: number }).revision ?? 0)
}

/**
 * Makes sure the set's current template has the newest revision: a POST of a new revision, or a
 * PUT raising an old one's number. One write at a time per set; the next sync looks again.
 */
export function syncRevisions(state: ControllerManagerState, ctx: Ctx, ctrl: ControllerName, key: string, set: KObject, template: Template | undefined, hash: string): void {
  const pendingKey = `${ctrl}/${key}`
  const pending = (state.revisionWrites ??= {})
  const owned = ownedRevisions(state, set)
  const name = `${set.metadata.name}-${hash}`
  const max = owned.reduce((m, r) => Math.max(m, revisionNumber(r)), 0)
  const current = owned.find((r) => r.metadata.name === name)
  if (pending[pendingKey]) {
    // Written: wait until the informer shows it (or the write failed and was cleared).
    if (current && revisionNumber(current) === max) delete pending[pendingKey]
    return
  }
  const ns = String(set.metadata.namespace)
  const info = resourceByKind('ControllerRevision')!
  if (!current) {
    const body: KObject = {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name,
        namespace: ns,
        labels: { ...(template?.metadata?.labels ?? {}), 'controller-revision-hash': hash },
        ownerReferences: [newControllerRef(set)],
      },
      data: { spec: { template: { ...(template ?? {}), $patch: 'replace' } } },
      revision: max + 1,
    }
    pending[pendingKey] = name
    send(state, ctx, ctrl, key, 'create', restPath(info, ns), { body, step: 'revision', name })
  } else if (revisionNumber(current) < max) {
    pending[pendingKey] = name
    send(state, ctx, ctrl, key, 'update', restPath(info, ns, name), { body: { ...current, revision: max + 1 }, step: 'revision', name })
  }
}

/** The answer to a revision write; a refusal lets the next sync try again. */
export function revisionResponse(state: ControllerManagerState, ctrl: ControllerName, key: string, code: number): void {
  if (code >= 300) delete state.revisionWrites?.[`${ctrl}/${key}`]
}
