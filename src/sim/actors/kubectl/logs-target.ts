/**
 * `kubectl logs deploy/web`: which pod a workload's logs come from (polymorphichelpers
 * AttachablePodForObject → GetFirstPod, sorted by podutils.ByLogging).
 */
import type { KObject } from '../../protocol.ts'

/** Kinds whose selector picks the pods `kubectl logs TYPE/NAME` reads. */
export const logsOwnerResources = new Set(['deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'replicationcontrollers', 'services'])

/**
 * The label selector query for an owner: matchLabels (or a Service's or RC's plain map) as `k=v,…`,
 * or the error kubectl stops with.
 */
export function ownerSelector(owner: KObject): { selector: string } | { error: string } {
  const selector = (owner.spec as { selector?: Record<string, unknown> } | undefined)?.selector ?? {}
  const labels = (selector.matchLabels ?? (selector.matchExpressions ? {} : selector)) as Record<string, string>
  if (owner.kind === 'Service' && Object.keys(labels).length === 0) return { error: `error: invalid service '${owner.metadata.name}': Service is defined without a selector\n` }
  return {
    selector: Object.entries(labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(','),
  }
}

type Pod = { spec?: { nodeName?: string }; status?: { phase?: string; conditions?: { type: string; status: string }[]; containerStatuses?: { restartCount?: number }[] }; metadata: { creationTimestamp?: string } }

const phaseRank: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 }
const ready = (p: Pod): boolean => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false
const restarts = (p: Pod): number => Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0))

/** ByLogging: assigned, then Running < Unknown < Pending, ready, more restarts, older first. */
export function byLogging(a: KObject, b: KObject): number {
  const [x, y] = [a as unknown as Pod, b as unknown as Pod]
  const [xn, yn] = [Boolean(x.spec?.nodeName), Boolean(y.spec?.nodeName)]
  if (xn !== yn) return xn ? -1 : 1
  const [xp, yp] = [phaseRank[x.status?.phase ?? ''] ?? 3, phaseRank[y.status?.phase ?? ''] ?? 3]
  if (xp !== yp) return xp - yp
  if (ready(x) !== ready(y)) return ready(x) ? -1 : 1
  if (restarts(x) !== restarts(y)) return restarts(y) - restarts(x)
  return (x.metadata.creationTimestamp ?? '\uffff').localeCompare(y.metadata.creationTimestamp ?? '\uffff')
}

/**
 * podcmd.FindOrDefaultContainerByName without a name: the default-container annotation, else the
 * first container; with several, the note kubectl writes to stderr.
 */
export function defaultContainer(pod: KObject): { container: string; note: string } {
  const names = ((pod.spec as { containers?: { name: string }[] }).containers ?? []).map((x) => x.name)
  const container = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? names[0] ?? ''
  return { container, note: names.length > 1 ? `Defaulted container "${container}" out of: ${names.join(', ')}\n` : '' }
}
