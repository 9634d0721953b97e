/**
 * Defaulting, mutating admission and validation for a new object, each a stage on the request.
 * Returns the error status to answer with, or null when the object may be stored.
 */
import type { Ctx } from '../../engine/actor.ts'
import { admitDefaultTolerations, admitPriority, admitServiceAccount, applyPodDefaults, knownPriorityClassKeys, missingPriorityClass, priorityClassesIn } from '../../k8s/pod-defaults.ts'
import { etcdKey, resourceByName, type ResourceInfo } from '../../k8s/resources.ts'
import { forbidden, invalid, notFound, type Status } from '../../k8s/status.ts'
import { validatePod } from '../../k8s/validation.ts'
import type { KObject, Stage } from '../../protocol.ts'
import { validateResources } from '../../k8s/validation/workloads.ts'
import { admitDefaultIngressClass } from './default-ingress-class.ts'
import { admitKind } from './kinds-admission.ts'
import { admitNodeTaint } from './node-taint-admission.ts'
import { admitService } from './service-admission.ts'
import type { ApiserverState } from './state.ts'

const namespaces = resourceByName('namespaces')!

/** One frozen stage shared by every flow it describes: a flow keeps its stages for the whole run. */
const nothingMutated: Stage = Object.freeze({ name: 'admission', outcome: 'ok', detail: 'NamespaceLifecycle ok; no mutating plugin changed the object' })

export function admit(state: ApiserverState, ctx: Ctx, info: ResourceInfo, obj: KObject): Status | null {
  const ns = obj.metadata.namespace
  // NamespaceLifecycle: nothing is created in a namespace that does not exist (one cache read).
  const namespace = info.namespaced && ns ? state.cache[etcdKey(namespaces, undefined, ns)] : undefined
  if (info.namespaced && ns && !namespace) {
    ctx.stage({ name: 'admission', outcome: 'failed', detail: `NamespaceLifecycle: namespace ${ns} does not exist` })
    return notFound(namespaces, ns)
  }
  // NamespaceLifecycle refuses new content in a Terminating namespace (plugin/pkg/admission/namespace/lifecycle).
  if (info.namespaced && ns && info.kind !== 'Event' && namespace?.metadata.deletionTimestamp) {
    const why = `unable to create new content in namespace ${ns} because it is being terminated`
    ctx.stage({ name: 'admission', outcome: 'failed', detail: `NamespaceLifecycle: ${why}` })
    return forbidden(info, String(obj.metadata.name ?? obj.metadata.generateName ?? ''), why)
  }
  if (info.kind === 'Service') return admitService(state, ctx, info, obj)
  const notes: string[] = []
  if (info.kind === 'Pod') {
    // A pod without a containers list is refused by validation below, not by defaulting.
    if (Array.isArray((obj.spec as { containers?: unknown } | undefined)?.containers)) applyPodDefaults(obj)
    else obj.spec = { containers: [], ...((obj.spec as object | undefined) ?? {}) }
    const sa = ((obj.spec as { serviceAccountName?: string }).serviceAccountName ?? 'default') as string
    const saKey = etcdKey(resourceByName('serviceaccounts')!, ns, sa)
    if (!(saKey in state.cache)) {
      const why = `error looking up service account ${ns}/${sa}: serviceaccount "${sa}" not found`
      ctx.stage({ name: 'admission', outcome: 'failed', detail: `ServiceAccount: ${why}` })
      return forbidden(info, String(obj.metadata.name), why)
    }
    const classes = priorityClassesIn(state.cache, knownPriorityClassKeys(state))
    const noClass = missingPriorityClass(obj, classes)
    if (noClass) {
      ctx.stage({ name: 'admission', outcome: 'failed', detail: `Priority: ${noClass}` })
      return forbidden(info, String(obj.metadata.name), noClass)
    }
    notes.push(admitServiceAccount(obj, ctx.random), admitDefaultTolerations(obj), admitPriority(obj, classes))
  }
  if (info.kind === 'Node') notes.push(admitNodeTaint(obj))
  if (info.kind === 'Ingress') {
    const note = admitDefaultIngressClass(state.cache, obj)
    if (note) notes.push(note)
  }
  ctx.stage(notes.length ? { name: 'admission', outcome: 'ok', detail: notes.join('; ') } : nothingMutated)
  if (info.kind === 'PriorityClass') {
    const keys = knownPriorityClassKeys(state)
    const key = `/registry/priorityclasses/${obj.metadata.name}`
    if (!keys.includes(key)) keys.push(key)
  }
  if (info.kind !== 'Pod') return admitKind(ctx, info, obj)
  const errors = [...validatePod(obj), ...validateResources((obj.spec ?? {}) as Record<string, unknown>, 'spec')]
  if (errors.length) {
    const status = invalid(info.kind, info.group, String(obj.metadata.name ?? ''), errors)
    ctx.stage({ name: 'validation', outcome: 'failed', detail: status.message ?? '' })
    return status
  }
  ctx.stage({ name: 'validation', outcome: 'ok', detail: `${info.kind} is valid` })
  return null
}
