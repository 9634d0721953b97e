/**
 * The API resources the simulated apiserver serves, their REST paths and their etcd keys.
 * Key prefixes follow kube-apiserver's storage factory: nodes live under `/registry/minions/`
 * and services under `/registry/services/specs/` (pkg/kubeapiserver/default_storage_factory_builder.go).
 */
export interface ResourceInfo {
  /** Plural REST name: `pods`. */
  resource: string
  /** API group, '' for core. */
  group: string
  version: string
  kind: string
  namespaced: boolean
  /** etcd key prefix without a trailing slash: `/registry/pods`. */
  etcdPrefix: string
}

const table: ResourceInfo[] = [
  { resource: 'pods', group: '', version: 'v1', kind: 'Pod', namespaced: true, etcdPrefix: '/registry/pods' },
  { resource: 'nodes', group: '', version: 'v1', kind: 'Node', namespaced: false, etcdPrefix: '/registry/minions' },
  { resource: 'namespaces', group: '', version: 'v1', kind: 'Namespace', namespaced: false, etcdPrefix: '/registry/namespaces' },
  { resource: 'serviceaccounts', group: '', version: 'v1', kind: 'ServiceAccount', namespaced: true, etcdPrefix: '/registry/serviceaccounts' },
  { resource: 'configmaps', group: '', version: 'v1', kind: 'ConfigMap', namespaced: true, etcdPrefix: '/registry/configmaps' },
  { resource: 'events', group: '', version: 'v1', kind: 'Event', namespaced: true, etcdPrefix: '/registry/events' },
  { resource: 'leases', group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', namespaced: true, etcdPrefix: '/registry/leases' },
  // Services and Endpoints under their special prefixes (default_storage_factory_builder.go).
  { resource: 'services', group: '', version: 'v1', kind: 'Service', namespaced: true, etcdPrefix: '/registry/services/specs' },
  { resource: 'endpoints', group: '', version: 'v1', kind: 'Endpoints', namespaced: true, etcdPrefix: '/registry/services/endpoints' },
  { resource: 'endpointslices', group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice', namespaced: true, etcdPrefix: '/registry/endpointslices' },
  { resource: 'ingresses', group: 'networking.k8s.io', version: 'v1', kind: 'Ingress', namespaced: true, etcdPrefix: '/registry/ingress' },
  // Workloads (issue 4); ReplicationControllers live under /registry/controllers (storage factory).
  { resource: 'replicationcontrollers', group: '', version: 'v1', kind: 'ReplicationController', namespaced: true, etcdPrefix: '/registry/controllers' },
  { resource: 'deployments', group: 'apps', version: 'v1', kind: 'Deployment', namespaced: true, etcdPrefix: '/registry/deployments' },
  { resource: 'replicasets', group: 'apps', version: 'v1', kind: 'ReplicaSet', namespaced: true, etcdPrefix: '/registry/replicasets' },
  { resource: 'daemonsets', group: 'apps', version: 'v1', kind: 'DaemonSet', namespaced: true, etcdPrefix: '/registry/daemonsets' },
  { resource: 'statefulsets', group: 'apps', version: 'v1', kind: 'StatefulSet', namespaced: true, etcdPrefix: '/registry/statefulsets' },
  { resource: 'controllerrevisions', group: 'apps', version: 'v1', kind: 'ControllerRevision', namespaced: true, etcdPrefix: '/registry/controllerrevisions' },
  { resource: 'jobs', group: 'batch', version: 'v1', kind: 'Job', namespaced: true, etcdPrefix: '/registry/jobs' },
  { resource: 'cronjobs', group: 'batch', version: 'v1', kind: 'CronJob', namespaced: true, etcdPrefix: '/registry/cronjobs' },
  // Served kinds a learner meets (issue 4, API half); special prefixes from the storage factory and
  // test/integration/etcd/data.go: services/specs, services/endpoints, ingress (singular).
  { resource: 'secrets', group: '', version: 'v1', kind: 'Secret', namespaced: true, etcdPrefix: '/registry/secrets' },
  { resource: 'persistentvolumes', group: '', version: 'v1', kind: 'PersistentVolume', namespaced: false, etcdPrefix: '/registry/persistentvolumes' },
  { resource: 'persistentvolumeclaims', group: '', version: 'v1', kind: 'PersistentVolumeClaim', namespaced: true, etcdPrefix: '/registry/persistentvolumeclaims' },
  { resource: 'resourcequotas', group: '', version: 'v1', kind: 'ResourceQuota', namespaced: true, etcdPrefix: '/registry/resourcequotas' },
  { resource: 'limitranges', group: '', version: 'v1', kind: 'LimitRange', namespaced: true, etcdPrefix: '/registry/limitranges' },
  { resource: 'podtemplates', group: '', version: 'v1', kind: 'PodTemplate', namespaced: true, etcdPrefix: '/registry/podtemplates' },
  { resource: 'poddisruptionbudgets', group: 'policy', version: 'v1', kind: 'PodDisruptionBudget', namespaced: true, etcdPrefix: '/registry/poddisruptionbudgets' },
  { resource: 'ingressclasses', group: 'networking.k8s.io', version: 'v1', kind: 'IngressClass', namespaced: false, etcdPrefix: '/registry/ingressclasses' },
  { resource: 'networkpolicies', group: 'networking.k8s.io', version: 'v1', kind: 'NetworkPolicy', namespaced: true, etcdPrefix: '/registry/networkpolicies' },
  { resource: 'roles', group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'Role', namespaced: true, etcdPrefix: '/registry/roles' },
  { resource: 'rolebindings', group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'RoleBinding', namespaced: true, etcdPrefix: '/registry/rolebindings' },
  { resource: 'clusterroles', group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRole', namespaced: false, etcdPrefix: '/registry/clusterroles' },
  { resource: 'clusterrolebindings', group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRoleBinding', namespaced: false, etcdPrefix: '/registry/clusterrolebindings' },
  { resource: 'horizontalpodautoscalers', group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler', namespaced: true, etcdPrefix: '/registry/horizontalpodautoscalers' },
  { resource: 'storageclasses', group: 'storage.k8s.io', version: 'v1', kind: 'StorageClass', namespaced: false, etcdPrefix: '/registry/storageclasses' },
  { resource: 'csidrivers', group: 'storage.k8s.io', version: 'v1', kind: 'CSIDriver', namespaced: false, etcdPrefix: '/registry/csidrivers' },
  { resource: 'priorityclasses', group: 'scheduling.k8s.io', version: 'v1', kind: 'PriorityClass', namespaced: false, etcdPrefix: '/registry/priorityclasses' },
  // Not stored: each read probes the components (apiserver/component-status.ts), so no etcd prefix.
  { resource: 'componentstatuses', group: '', version: 'v1', kind: 'ComponentStatus', namespaced: false, etcdPrefix: '' },
  { resource: 'customresourcedefinitions', group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition', namespaced: false, etcdPrefix: '/registry/apiextensions.k8s.io/customresourcedefinitions' },
]

/** events.k8s.io/v1 Events share core Events' storage. */
const aliases: ResourceInfo[] = [
  { resource: 'events', group: 'events.k8s.io', version: 'v1', kind: 'Event', namespaced: true, etcdPrefix: '/registry/events' },
  // autoscaling/v1 HPAs are the v2 objects seen through an older version (same storage).
  { resource: 'horizontalpodautoscalers', group: 'autoscaling', version: 'v1', kind: 'HorizontalPodAutoscaler', namespaced: true, etcdPrefix: '/registry/horizontalpodautoscalers' },
]

export const resources: readonly ResourceInfo[] = table

/**
 * group → resource → info, built once: every request the apiserver serves looks one up, and a
 * two-level lookup needs no key string made per call.
 */
const byGroup = new Map<string, Map<string, ResourceInfo>>()
for (const r of [...table, ...aliases]) {
  let byResource = byGroup.get(r.group)
  if (!byResource) byGroup.set(r.group, (byResource = new Map()))
  if (!byResource.has(r.resource)) byResource.set(r.resource, r)
}

export function resourceByName(resource: string, group = ''): ResourceInfo | undefined {
  return byGroup.get(group)?.get(resource)
}

export function resourceByKind(kind: string): ResourceInfo | undefined {
  return table.find((r) => r.kind === kind)
}

export function apiVersionOf(r: ResourceInfo): string {
  return r.group ? `${r.group}/${r.version}` : r.version
}

/** `pods` → `pods`; `deployments` in apps → `deployments.apps`: how error messages name a resource. */
export function qualifiedResource(r: ResourceInfo): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource
}

export function etcdKey(r: ResourceInfo, namespace: string | undefined, name: string): string {
  return r.namespaced ? `${r.etcdPrefix}/${namespace}/${name}` : `${r.etcdPrefix}/${name}`
}

/** The list prefix for a namespace (or all namespaces). */
export function etcdListPrefix(r: ResourceInfo, namespace: string | undefined): string {
  return r.namespaced && namespace ? `${r.etcdPrefix}/${namespace}` : r.etcdPrefix
}

/** The REST path of a collection or one object. */
export function restPath(r: ResourceInfo, namespace?: string, name?: string, subresource?: string): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`
  const ns = r.namespaced && namespace ? `/namespaces/${namespace}` : ''
  const obj = name ? `/${name}` : ''
  const sub = name && subresource ? `/${subresource}` : ''
  return `${base}${ns}/${r.resource}${obj}${sub}`
}

export interface ParsedPath {
  info: ResourceInfo
  namespace?: string
  name?: string
  subresource?: string
}

const namespacesInfo = resourceByName('namespaces')!

/**
 * Parses `/api/v1/namespaces/default/pods/nginx/status` and friends. Empty segments (a leading,
 * doubled or trailing slash) are skipped; the segments are walked by index in the one array the
 * split made, since every request the apiserver serves is parsed here.
 */
export function parsePath(path: string): Readonly<ParsedPath> | undefined {
  const known = parsedPaths.get(path)
  if (known !== undefined || parsedPaths.has(path)) return known
  const parsed = parse(path)
  if (parsed?.name !== undefined) return parsed
  // A pure function of the text, so a bounded memo of the paths that come back: collections
  // (every Event POST, every LIST and WATCH). A named path is parsed each time: most are asked
  // once (each pod's binding), and a memo of them held ~180 bytes a pod for nothing.
  if (parsedPaths.size >= maxParsedPaths) parsedPaths.clear()
  parsedPaths.set(path, parsed && Object.freeze(parsed))
  return parsed
}

const parsedPaths = new Map<string, Readonly<ParsedPath> | undefined>()
const maxParsedPaths = 10_000

function parse(path: string): ParsedPath | undefined {
  const parts = path.split('/')
  let n = 0
  for (let j = 0; j < parts.length; j++) if (parts[j]) parts[n++] = parts[j]!
  parts.length = n
  let group = ''
  // `i` is where the resource part starts: after /api/v1 or after /apis/<group>/<version>.
  let i: number
  if (parts[0] === 'api' && parts[1] === 'v1') i = 2
  else if (parts[0] === 'apis' && n >= 3) {
    group = parts[1]!
    i = 3
  } else return undefined
  const namespaced = parts[i] === 'namespaces' && n - i >= 3
  // `/api/v1/namespaces/<ns>/finalize` and `/status` are subresources of the namespace itself.
  if (!group && namespaced && n - i === 3 && (parts[i + 2] === 'finalize' || parts[i + 2] === 'status'))
    return { info: namespacesInfo, name: parts[i + 1]!, subresource: parts[i + 2]! }
  let namespace: string | undefined
  if (namespaced) {
    namespace = parts[i + 1]
    i += 2
  }
  const info = resourceByName(parts[i] ?? '', group)
  if (!info) return undefined
  const name = parts[i + 1]
  // `/api/v1/namespaces/default` is the namespace object itself.
  if (namespace === undefined && info.resource === 'namespaces' && name) return { info, name }
  const out: ParsedPath = { info }
  if (namespace !== undefined) out.namespace = namespace
  if (name !== undefined) out.name = name
  if (parts[i + 2] !== undefined) out.subresource = parts[i + 2]
  return out
}
