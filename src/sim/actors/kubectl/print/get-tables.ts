/**
 * `kubectl get` tables for the kinds beyond pods and nodes: the columns of the apiserver's table
 * printers (pkg/printers/internalversion/printers.go, v1.34), one function per kind. Kinds without
 * a printer get the default table, NAME and AGE (or CREATED AT for the RBAC and policy kinds that
 * have none, as the server's default table convertor prints them).
 */
import type { KObject } from '../../../protocol.ts'
import { ingressAddress, ingressClassParameters, ingressHosts } from './describe-ingress.ts'
import { endpointSliceCells } from './describe-service.ts'
import { since } from './duration.ts'
import { parseTime } from './time.ts'

type Json = Record<string, unknown>

export interface OwnerRef {
  apiVersion: string
  kind: string
  name: string
  uid: string
  controller?: boolean
}

export function ownerRefs(o: KObject): OwnerRef[] {
  return (o.metadata.ownerReferences ?? []) as OwnerRef[]
}

export interface Columns {
  header: string[]
  wide: string[]
  row(o: KObject, nowMs: number): string[]
  wideRow?(o: KObject, nowMs: number): string[]
}

function spec(o: KObject): Json {
  return (o.spec ?? {}) as Json
}

function status(o: KObject): Json {
  return (o.status ?? {}) as Json
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : 0
}

function age(o: KObject, nowMs: number): string {
  return since(o.metadata.creationTimestamp, nowMs)
}

/** labels.FormatLabels / metav1.FormatLabelSelector: `app=nginx,tier=web`, `<none>` when empty. */
export function formatLabels(labels: unknown): string {
  const entries = Object.entries((labels ?? {}) as Record<string, string>)
  if (entries.length === 0) return '<none>'
  return entries
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(',')
}

export function formatSelector(selector: unknown): string {
  const s = (selector ?? {}) as { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] }
  const parts: string[] = []
  for (const [k, v] of Object.entries(s.matchLabels ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) parts.push(`${k}=${v}`)
  for (const e of s.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(',')
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`)
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`)
    else if (e.operator === 'Exists') parts.push(e.key)
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`)
  }
  return parts.length ? parts.join(',') : '<none>'
}

function templateContainers(template: unknown): [string, string] {
  const containers = (((template as Json | undefined)?.spec as Json | undefined)?.containers ?? []) as Json[]
  return [containers.map((c) => String(c.name ?? '')).join(','), containers.map((c) => String(c.image ?? '')).join(',')]
}

function workloadWide(o: KObject): string[] {
  const [names, images] = templateContainers(spec(o).template)
  return [names, images, formatSelector(spec(o).selector)]
}

function createdAt(o: KObject): string {
  return String(o.metadata.creationTimestamp ?? '')
}

function servicePorts(o: KObject): string {
  const ports = (spec(o).ports ?? []) as Json[]
  if (ports.length === 0) return '<none>'
  return ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',')
}

function externalIp(o: KObject): string {
  const s = spec(o)
  const type = String(s.type ?? 'ClusterIP')
  const external = (s.externalIPs ?? []) as string[]
  if (type === 'ExternalName') return String(s.externalName ?? '')
  if (type === 'LoadBalancer') {
    const ingress = (((status(o).loadBalancer as Json | undefined)?.ingress ?? []) as Json[]).map((i) => String(i.ip ?? i.hostname ?? ''))
    const all = [...ingress, ...external]
    return all.length ? all.join(',') : '<pending>'
  }
  return external.length ? external.join(',') : '<none>'
}

function jobStatus(o: KObject): string {
  const conditions = (status(o).conditions ?? []) as Json[]
  const has = (t: string): boolean => conditions.some((c) => c.type === t && c.status === 'True')
  if (has('Complete')) return 'Complete'
  if (has('Failed')) return 'Failed'
  if (o.metadata.deletionTimestamp) return 'Terminating'
  if (has('SuccessCriteriaMet')) return 'SuccessCriteriaMet'
  if (has('FailureTarget')) return 'FailureTarget'
  if (has('Suspended')) return 'Suspended'
  return 'Running'
}

function jobCompletions(o: KObject): string {
  const s = spec(o)
  const succeeded = num(status(o).succeeded)
  if (s.completions !== undefined && s.completions !== null) return `${succeeded}/${s.completions}`
  const parallelism = num(s.parallelism)
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`
}

function jobDuration(o: KObject, nowMs: number): string {
  const st = status(o)
  if (!st.startTime) return ''
  if (!st.completionTime) return since(String(st.startTime), nowMs)
  return since(String(st.startTime), parseTime(String(st.completionTime)) ?? nowMs)
}

const T: Record<string, Columns> = {
  deployments: {
    header: ['READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
    wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row: (o, now) => [`${num(status(o).readyReplicas)}/${num(spec(o).replicas)}`, String(num(status(o).updatedReplicas)), String(num(status(o).availableReplicas)), age(o, now)],
    wideRow: workloadWide,
  },
  replicasets: {
    header: ['DESIRED', 'CURRENT', 'READY', 'AGE'],
    wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row: (o, now) => [String(num(spec(o).replicas)), String(num(status(o).replicas)), String(num(status(o).readyReplicas)), age(o, now)],
    wideRow: workloadWide,
  },
  replicationcontrollers: {
    header: ['DESIRED', 'CURRENT', 'READY', 'AGE'],
    wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row: (o, now) => [String(num(spec(o).replicas)), String(num(status(o).replicas)), String(num(status(o).readyReplicas)), age(o, now)],
    wideRow: (o) => [...templateContainers(spec(o).template), formatLabels(spec(o).selector)],
  },
  statefulsets: {
    header: ['READY', 'AGE'],
    wide: ['CONTAINERS', 'IMAGES'],
    row: (o, now) => [`${num(status(o).readyReplicas)}/${num(spec(o).replicas)}`, age(o, now)],
    wideRow: (o) => templateContainers(spec(o).template),
  },
  daemonsets: {
    header: ['DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
    wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row: (o, now) => {
      const s = status(o)
      const nodeSelector = ((spec(o).template as Json | undefined)?.spec as Json | undefined)?.nodeSelector
      return [
        String(num(s.desiredNumberScheduled)),
        String(num(s.currentNumberScheduled)),
        String(num(s.numberReady)),
        String(num(s.updatedNumberScheduled)),
        String(num(s.numberAvailable)),
        formatLabels(nodeSelector),
        age(o, now),
      ]
    },
    wideRow: workloadWide,
  },
  jobs: {
    header: ['STATUS', 'COMPLETIONS', 'DURATION', 'AGE'],
    wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row: (o, now) => [jobStatus(o), jobCompletions(o), jobDuration(o, now), age(o, now)],
    wideRow: workloadWide,
  },
  cronjobs: {
    header: ['SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'],
    wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row: (o, now) => {
      const s = spec(o)
      const last = status(o).lastScheduleTime
      return [String(s.schedule ?? ''), String(s.timeZone ?? '<none>'), s.suspend ? 'True' : 'False', String(((status(o).active ?? []) as unknown[]).length), last ? since(String(last), now) : '<none>', age(o, now)]
    },
    wideRow: (o) => {
      const jt = ((spec(o).jobTemplate ?? {}) as Json).spec as Json | undefined
      const [names, images] = templateContainers(jt?.template)
      return [names, images, formatSelector(jt?.selector)]
    },
  },
  services: {
    header: ['TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
    wide: ['SELECTOR'],
    row: (o, now) => [String(spec(o).type ?? 'ClusterIP'), String(spec(o).clusterIP ?? '<none>'), externalIp(o), servicePorts(o), age(o, now)],
    wideRow: (o) => [formatLabels(spec(o).selector)],
  },
  configmaps: {
    header: ['DATA', 'AGE'],
    wide: [],
    row: (o, now) => {
      const x = o as Json
      return [String(Object.keys((x.data ?? {}) as Json).length + Object.keys((x.binaryData ?? {}) as Json).length), age(o, now)]
    },
  },
  secrets: {
    header: ['TYPE', 'DATA', 'AGE'],
    wide: [],
    row: (o, now) => {
      const x = o as Json
      return [String(x.type ?? 'Opaque'), String(Object.keys((x.data ?? {}) as Json).length), age(o, now)]
    },
  },
  namespaces: {
    header: ['STATUS', 'AGE'],
    wide: [],
    row: (o, now) => [String(status(o).phase ?? (o.metadata.deletionTimestamp ? 'Terminating' : 'Active')), age(o, now)],
  },
  serviceaccounts: {
    header: ['SECRETS', 'AGE'],
    wide: [],
    row: (o, now) => [String((((o as Json).secrets ?? []) as unknown[]).length), age(o, now)],
  },
  persistentvolumeclaims: {
    header: ['STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE'],
    wide: ['VOLUMEMODE'],
    row: (o, now) => {
      const s = spec(o)
      const st = status(o)
      const capacity = ((st.capacity ?? {}) as Json).storage
      return [String(st.phase ?? 'Pending'), String(s.volumeName ?? ''), capacity ? String(capacity) : '', accessModes(st.accessModes), String(s.storageClassName ?? '<unset>'), String(s.volumeAttributesClassName ?? '<unset>'), age(o, now)]
    },
    wideRow: (o) => [String(spec(o).volumeMode ?? 'Filesystem')],
  },
  persistentvolumes: {
    header: ['CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE'],
    wide: ['VOLUMEMODE'],
    row: (o, now) => {
      const s = spec(o)
      const claim = s.claimRef as Json | undefined
      return [
        String(((s.capacity ?? {}) as Json).storage ?? ''),
        accessModes(s.accessModes),
        String(s.persistentVolumeReclaimPolicy ?? 'Retain'),
        String(status(o).phase ?? 'Pending'),
        claim ? `${claim.namespace}/${claim.name}` : '',
        String(s.storageClassName ?? ''),
        String(s.volumeAttributesClassName ?? '<unset>'),
        String(status(o).reason ?? ''),
        age(o, now),
      ]
    },
    wideRow: (o) => [String(spec(o).volumeMode ?? 'Filesystem')],
  },
  endpoints: {
    header: ['ENDPOINTS', 'AGE'],
    wide: [],
    row: (o, now) => {
      const subsets = ((o as Json).subsets ?? []) as Json[]
      const eps = subsets.flatMap((s) => ((s.addresses ?? []) as Json[]).flatMap((a) => ((s.ports ?? [{}]) as Json[]).map((p) => (p.port ? `${a.ip}:${p.port}` : String(a.ip)))))
      const shown = eps.slice(0, 3).join(',')
      return [eps.length === 0 ? '<none>' : eps.length > 3 ? `${shown} + ${eps.length - 3} more...` : shown, age(o, now)]
    },
  },
  poddisruptionbudgets: {
    header: ['MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE'],
    wide: [],
    row: (o, now) => [String(spec(o).minAvailable ?? 'N/A'), String(spec(o).maxUnavailable ?? 'N/A'), String(num(status(o).disruptionsAllowed)), age(o, now)],
  },
  priorityclasses: {
    header: ['VALUE', 'GLOBAL-DEFAULT', 'AGE', 'PREEMPTIONPOLICY'],
    wide: [],
    row: (o, now) => {
      const x = o as Json
      return [String(num(x.value)), x.globalDefault ? 'true' : 'false', age(o, now), String(x.preemptionPolicy ?? 'PreemptLowerPriority')]
    },
  },
  storageclasses: {
    header: ['PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE'],
    wide: [],
    row: (o, now) => {
      const x = o as Json
      return [String(x.provisioner ?? ''), String(x.reclaimPolicy ?? 'Delete'), String(x.volumeBindingMode ?? 'Immediate'), x.allowVolumeExpansion ? 'true' : 'false', age(o, now)]
    },
  },
  rolebindings: {
    header: ['ROLE', 'AGE'],
    wide: ['USERS', 'GROUPS', 'SERVICEACCOUNTS'],
    row: (o, now) => [roleRef(o), age(o, now)],
    wideRow: subjects,
  },
  clusterrolebindings: {
    header: ['ROLE', 'AGE'],
    wide: ['USERS', 'GROUPS', 'SERVICEACCOUNTS'],
    row: (o, now) => [roleRef(o), age(o, now)],
    wideRow: subjects,
  },
  roles: { header: ['CREATED AT'], wide: [], row: (o) => [createdAt(o)] },
  clusterroles: { header: ['CREATED AT'], wide: [], row: (o) => [createdAt(o)] },
  limitranges: { header: ['CREATED AT'], wide: [], row: (o) => [createdAt(o)] },
  customresourcedefinitions: { header: ['CREATED AT'], wide: [], row: (o) => [createdAt(o)] },
  resourcequotas: {
    header: ['REQUEST', 'LIMIT', 'AGE'],
    wide: [],
    row: (o, now) => {
      const hard = (spec(o).hard ?? {}) as Json
      const used = (status(o).used ?? {}) as Json
      const req: string[] = []
      const lim: string[] = []
      for (const k of Object.keys(hard).sort()) {
        const cell = `${k}: ${used[k] ?? '0'}/${hard[k]}`
        if (k.startsWith('limits.')) lim.push(cell)
        else req.push(cell)
      }
      return [req.join(', '), lim.join(', '), age(o, now)]
    },
  },
  horizontalpodautoscalers: {
    header: ['REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE'],
    wide: [],
    row: (o, now) => {
      const s = spec(o)
      const ref = (s.scaleTargetRef ?? {}) as Json
      return [`${ref.kind}/${ref.name}`, hpaTargets(o), String(s.minReplicas ?? 1), String(num(s.maxReplicas)), String(num(status(o).currentReplicas)), age(o, now)]
    },
  },
  endpointslices: {
    header: ['ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'],
    wide: [],
    row: (o, now) => [...endpointSliceCells(o), age(o, now)],
  },
  ingresses: {
    header: ['CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'],
    wide: [],
    row: (o, now) => {
      const s = spec(o)
      return [String(s.ingressClassName ?? '<none>'), ingressHosts(o), ingressAddress(o, false), (s.tls as unknown[] | undefined)?.length ? '80, 443' : '80', age(o, now)]
    },
  },
  ingressclasses: {
    header: ['CONTROLLER', 'PARAMETERS', 'AGE'],
    wide: [],
    row: (o, now) => [String(spec(o).controller ?? ''), ingressClassParameters(o), age(o, now)],
  },
  networkpolicies: {
    header: ['POD-SELECTOR', 'AGE'],
    wide: [],
    row: (o, now) => [formatSelector(spec(o).podSelector), age(o, now)],
  },
  // printComponentStatus: the Healthy condition's status as Healthy/Unhealthy, its message and error.
  componentstatuses: {
    header: ['STATUS', 'MESSAGE', 'ERROR'],
    wide: [],
    row: (o) => {
      const c = ((o.conditions ?? []) as { type?: string; status?: string; message?: string; error?: string }[]).find((x) => x.type === 'Healthy')
      return c ? [c.status === 'True' ? 'Healthy' : 'Unhealthy', c.message ?? '', c.error ?? ''] : ['Unknown', '', '']
    },
  },
  leases: {
    header: ['HOLDER', 'AGE'],
    wide: [],
    row: (o, now) => [String(spec(o).holderIdentity ?? ''), age(o, now)],
  },
  controllerrevisions: {
    header: ['CONTROLLER', 'REVISION', 'AGE'],
    wide: [],
    row: (o, now) => {
      const owner = ownerRefs(o).find((r) => r.controller)
      return [owner ? `${owner.kind.toLowerCase()}.${owner.apiVersion.split('/')[0]}/${owner.name}` : '<none>', String(num((o as Json).revision)), age(o, now)]
    },
  },
}

/** formatHPAMetrics: `cpu: <unknown>/50%` per metric until a metrics server reports (none here). */
function hpaTargets(o: KObject): string {
  const s = spec(o)
  const metrics = (s.metrics ?? []) as Json[]
  if (s.targetCPUUtilizationPercentage !== undefined) return `cpu: <unknown>/${String(s.targetCPUUtilizationPercentage)}%`
  if (metrics.length === 0) return '<none>'
  return metrics
    .map((m) => {
      const r = (m.resource ?? {}) as Json
      const target = (r.target ?? {}) as Json
      if (m.type === 'Resource' && target.averageUtilization !== undefined) return `${String(r.name)}: <unknown>/${String(target.averageUtilization)}%`
      if (m.type === 'Resource') return `${String(r.name)}: <unknown>/${String(target.averageValue ?? target.value ?? '')}`
      return '<unknown>/<unknown>'
    })
    .join(', ')
}

function accessModes(modes: unknown): string {
  const short: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' }
  return ((modes ?? []) as string[]).map((m) => short[m] ?? m).join(',')
}

function roleRef(o: KObject): string {
  const r = ((o as Json).roleRef ?? {}) as Json
  return `${r.kind}/${r.name}`
}

function subjects(o: KObject): string[] {
  const subs = ((o as Json).subjects ?? []) as Json[]
  const of = (kind: string): string => subs.filter((s) => s.kind === kind).map((s) => (kind === 'ServiceAccount' ? `${s.namespace ?? ''}/${s.name}` : String(s.name))).join(', ')
  return [of('User'), of('Group'), of('ServiceAccount')]
}

const DEFAULT: Columns = { header: ['AGE'], wide: [], row: (o, now) => [age(o, now)] }

export function columnsFor(resource: string): Columns {
  return T[resource] ?? DEFAULT
}
