/**
 * What the apiserver does to a new Pod before it is stored: defaulting (pkg/apis/core/v1/defaults.go)
 * and the mutating admission plugins that touch pods (ServiceAccount, DefaultTolerationSeconds,
 * Priority). Each returns a sentence for the request's admission stage.
 */
import type { KObject } from '../protocol.ts'
import { randomSuffix } from './meta.ts'

interface Container {
  name: string
  image: string
  imagePullPolicy?: string
  terminationMessagePath?: string
  terminationMessagePolicy?: string
  resources?: Record<string, unknown>
  volumeMounts?: { name: string; readOnly?: boolean; mountPath: string }[]
}

interface PodSpec {
  containers: Container[]
  restartPolicy?: string
  dnsPolicy?: string
  terminationGracePeriodSeconds?: number
  schedulerName?: string
  securityContext?: Record<string, unknown>
  enableServiceLinks?: boolean
  serviceAccountName?: string
  volumes?: Record<string, unknown>[]
  tolerations?: { key?: string; operator?: string; effect?: string; tolerationSeconds?: number }[]
  priority?: number
  preemptionPolicy?: string
  nodeName?: string
}

/** `:latest` or no tag pulls Always, anything else IfNotPresent. */
export function defaultPullPolicy(image: string): string {
  const lastSlash = image.lastIndexOf('/')
  const tagPart = image.slice(lastSlash + 1)
  if (image.includes('@')) return 'IfNotPresent'
  const colon = tagPart.lastIndexOf(':')
  const tag = colon >= 0 ? tagPart.slice(colon + 1) : ''
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent'
}

/** SetDefaults_Pod / SetDefaults_PodSpec / SetDefaults_Container. */
export function applyPodDefaults(pod: KObject): void {
  const spec = pod.spec as PodSpec
  spec.restartPolicy ??= 'Always'
  spec.dnsPolicy ??= 'ClusterFirst'
  spec.terminationGracePeriodSeconds ??= 30
  spec.schedulerName ??= 'default-scheduler'
  spec.securityContext ??= {}
  spec.enableServiceLinks ??= true
  for (const c of spec.containers) {
    c.imagePullPolicy ??= defaultPullPolicy(c.image)
    c.terminationMessagePath ??= '/dev/termination-log'
    c.terminationMessagePolicy ??= 'File'
    c.resources ??= {}
  }
  pod.status = { phase: 'Pending', qosClass: qosClass(spec) }
}

/** BestEffort without any request or limit; Guaranteed when every limit equals its request. */
export function qosClass(spec: PodSpec): 'BestEffort' | 'Burstable' | 'Guaranteed' {
  let any = false
  let guaranteed = true
  for (const c of spec.containers) {
    const r = (c.resources ?? {}) as { requests?: Record<string, unknown>; limits?: Record<string, unknown> }
    const req = r.requests ?? {}
    const lim = r.limits ?? {}
    if (Object.keys(req).length || Object.keys(lim).length) any = true
    for (const res of ['cpu', 'memory']) {
      if (lim[res] === undefined || (req[res] !== undefined && req[res] !== lim[res])) guaranteed = false
    }
  }
  if (!any) return 'BestEffort'
  return guaranteed ? 'Guaranteed' : 'Burstable'
}

/**
 * ServiceAccount admission: the pod runs as `default` unless it names another, and gets the
 * projected `kube-api-access-<5>` volume mounted read-only in every container
 * (plugin/pkg/admission/serviceaccount/admission.go).
 */
export function admitServiceAccount(pod: KObject, random: () => number): string {
  const spec = pod.spec as PodSpec
  spec.serviceAccountName ??= 'default'
  const volumeName = `kube-api-access-${randomSuffix(random)}`
  spec.volumes = [
    ...(spec.volumes ?? []),
    {
      name: volumeName,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
        ],
      },
    },
  ]
  for (const c of spec.containers) {
    c.volumeMounts = [
      ...(c.volumeMounts ?? []),
      { name: volumeName, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' },
    ]
  }
  return `ServiceAccount: serviceAccountName ${spec.serviceAccountName}, volume ${volumeName} mounted at /var/run/secrets/kubernetes.io/serviceaccount`
}

/**
 * DefaultTolerationSeconds: tolerate not-ready and unreachable for 300 s
 * (--default-not-ready-toleration-seconds, --default-unreachable-toleration-seconds).
 */
export function admitDefaultTolerations(pod: KObject): string {
  const spec = pod.spec as PodSpec
  const tolerations = spec.tolerations ?? []
  const added: string[] = []
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const has = tolerations.some((t) => t.key === key && (t.effect === 'NoExecute' || t.effect === undefined))
    if (!has) {
      tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 })
      added.push(key)
    }
  }
  spec.tolerations = tolerations
  return added.length
    ? `DefaultTolerationSeconds: tolerates ${added.join(' and ')}:NoExecute for 300s`
    : 'DefaultTolerationSeconds: pod already tolerates not-ready and unreachable'
}

/**
 * The PriorityClasses kube-apiserver creates at start-up (pkg/apis/scheduling/types.go
 * SystemNodeCritical = SystemCriticalPriority + 1000, SystemClusterCritical = 2000000000).
 */
export const systemPriorityClasses: { name: string; value: number }[] = [
  { name: 'system-node-critical', value: 2_000_001_000 },
  { name: 'system-cluster-critical', value: 2_000_000_000 },
]

interface PriorityClassLike {
  metadata: { name?: string }
  value?: number
  globalDefault?: boolean
  preemptionPolicy?: string
}

/**
 * The PriorityClass objects in the apiserver's cache, found through the keys admission has seen
 * created (`knownKeys`): looking each up keeps deletions and updates right without scanning the
 * whole cache for every pod.
 */
export function priorityClassesIn(cache: Record<string, KObject>, knownKeys: string[]): PriorityClassLike[] {
  const out: PriorityClassLike[] = []
  for (const key of knownKeys) if (cache[key]) out.push(cache[key] as unknown as PriorityClassLike)
  return out
}

/** Where admission keeps the keys of the PriorityClasses it has let in (plain data on its state). */
export function knownPriorityClassKeys(state: object): string[] {
  const s = state as { priorityClassKeys?: string[] }
  return (s.priorityClassKeys ??= [])
}

function findClass(name: string, classes: PriorityClassLike[]): PriorityClassLike | undefined {
  const sys = systemPriorityClasses.find((c) => c.name === name)
  if (sys) return { metadata: { name: sys.name }, value: sys.value }
  return classes.find((c) => c.metadata.name === name)
}

/** The Priority plugin's refusal when the named class does not exist (plugin/pkg/admission/priority/admission.go). */
export function missingPriorityClass(pod: KObject, classes: PriorityClassLike[]): string | undefined {
  const name = (pod.spec as PodSpec & { priorityClassName?: string }).priorityClassName
  if (!name || findClass(name, classes)) return undefined
  return `no PriorityClass with name ${name} was found`
}

/**
 * Priority admission: spec.priorityClassName resolves to its value and preemption policy; with
 * no name, the globalDefault class if there is one, else priority 0.
 */
export function admitPriority(pod: KObject, classes: PriorityClassLike[] = []): string {
  const spec = pod.spec as PodSpec & { priorityClassName?: string }
  let pc = spec.priorityClassName ? findClass(spec.priorityClassName, classes) : undefined
  if (!spec.priorityClassName) {
    pc = classes.filter((c) => c.globalDefault).sort((a, b) => (a.value ?? 0) - (b.value ?? 0))[0]
    if (pc) spec.priorityClassName = pc.metadata.name
  }
  spec.priority ??= pc?.value ?? 0
  spec.preemptionPolicy ??= (pc?.preemptionPolicy as string | undefined) ?? 'PreemptLowerPriority'
  const from = pc ? ` from PriorityClass ${pc.metadata.name}` : ''
  return `Priority: priority ${spec.priority}${from}, preemptionPolicy ${spec.preemptionPolicy}`
}
