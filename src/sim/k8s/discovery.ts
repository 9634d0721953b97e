/**
 * What API discovery tells kubectl about the served resources: short names, singular names and
 * which (group, version, kind) the apiserver serves. Short names are those each resource's REST
 * storage declares (`ShortNames()` in pkg/registry/<group>/<resource>/storage/storage.go).
 */
import { resources, type ResourceInfo } from './resources.ts'

/** `<resource>.<group>` → short names, as `kubectl api-resources` lists them. */
const SHORT_NAMES: Record<string, string[]> = {
  'componentstatuses.': ['cs'],
  'configmaps.': ['cm'],
  'endpoints.': ['ep'],
  'events.': ['ev'],
  'limitranges.': ['limits'],
  'namespaces.': ['ns'],
  'nodes.': ['no'],
  'persistentvolumeclaims.': ['pvc'],
  'persistentvolumes.': ['pv'],
  'pods.': ['po'],
  'replicationcontrollers.': ['rc'],
  'resourcequotas.': ['quota'],
  'serviceaccounts.': ['sa'],
  'services.': ['svc'],
  'customresourcedefinitions.apiextensions.k8s.io': ['crd', 'crds'],
  'daemonsets.apps': ['ds'],
  'deployments.apps': ['deploy'],
  'replicasets.apps': ['rs'],
  'statefulsets.apps': ['sts'],
  'horizontalpodautoscalers.autoscaling': ['hpa'],
  'cronjobs.batch': ['cj'],
  'ingresses.networking.k8s.io': ['ing'],
  'networkpolicies.networking.k8s.io': ['netpol'],
  'poddisruptionbudgets.policy': ['pdb'],
  'priorityclasses.scheduling.k8s.io': ['pc'],
  'storageclasses.storage.k8s.io': ['sc'],
}

export function shortNames(r: ResourceInfo): string[] {
  return SHORT_NAMES[`${r.resource}.${r.group}`] ?? []
}

/** Versions served besides each resource's storage version (apiVersion → group/resource). */
const OTHER_VERSIONS: Record<string, string[]> = {
  'autoscaling/v1': ['horizontalpodautoscalers'],
  'events.k8s.io/v1': ['events'],
}

/** The resource serving `kind` in `apiVersion`, or undefined when the apiserver has no such mapping. */
export function servedKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  const slash = apiVersion.lastIndexOf('/')
  const group = slash >= 0 ? apiVersion.slice(0, slash) : ''
  const version = slash >= 0 ? apiVersion.slice(slash + 1) : apiVersion
  if (group === '' && apiVersion.includes('/')) return undefined
  const r = resources.find((x) => x.kind === kind && x.group === group)
  if (!r) return undefined
  if (r.version === version) return r
  const extra = OTHER_VERSIONS[apiVersion]
  return extra?.includes(r.resource) ? { ...r, version } : undefined
}

/**
 * kubectl's RESTMapper lookup of a typed resource word: plural, singular (lowercased kind), short
 * name, or any of them qualified by a group (`deployments.apps`, `deploy.apps`).
 */
export function resourceByWord(word: string): ResourceInfo | undefined {
  const w = word.toLowerCase()
  const matches = (r: ResourceInfo, name: string): boolean =>
    name === r.resource || name === r.kind.toLowerCase() || shortNames(r).includes(name)
  for (const r of resources) if (matches(r, w)) return r
  for (const r of resources) {
    if (!r.group || !w.endsWith(`.${r.group}`)) continue
    if (matches(r, w.slice(0, -r.group.length - 1))) return r
  }
  return undefined
}

/** Kinds the engine stores and serves but no simulated component acts on yet. */
const ACTED_ON = new Set([
  'Pod', 'Node', 'Namespace', 'ServiceAccount', 'ConfigMap', 'Event', 'Lease',
  'Deployment', 'ReplicaSet', 'ReplicationController', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob',
  'ControllerRevision',
])

export function nothingActsOn(kind: string): boolean {
  return !ACTED_ON.has(kind)
}

/** The response stage's note for a stored object of a kind nothing simulated acts on. */
export function idleNote(kind: string): string {
  return nothingActsOn(kind) ? `; nothing in the simulated cluster acts on ${kind} objects yet: stored, listed and described only` : ''
}
