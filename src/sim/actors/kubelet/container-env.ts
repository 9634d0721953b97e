/**
 * The environment the kubelet gives a container when it creates it (pkg/kubelet/kubelet_pods.go
 * makeEnvironmentVariables): `envFrom` sources, then `env` entries (literal values, the downward
 * API's fieldRef, ConfigMap and Secret keys), then the Service link variables of
 * pkg/kubelet/envvars (every Service of the pod's namespace when enableServiceLinks is true, the
 * default namespace's `kubernetes` always) for names not already set. A ConfigMap or Secret that
 * does not exist, or lacks the key, fails the container with CreateContainerConfigError.
 */
import type { KObject } from '../../protocol.ts'
import { decodeBase64 } from '../../k8s/base64.ts'
import type { Cache } from '../client/informer.ts'

interface KeyRef {
  name: string
  key: string
  optional?: boolean
}

interface EnvVar {
  name: string
  value?: string
  valueFrom?: { configMapKeyRef?: KeyRef; secretKeyRef?: KeyRef; fieldRef?: { fieldPath: string } }
}

interface EnvFrom {
  prefix?: string
  configMapRef?: { name: string; optional?: boolean }
  secretRef?: { name: string; optional?: boolean }
}

export interface ContainerEnvSpec {
  env?: EnvVar[]
  envFrom?: EnvFrom[]
}

/** `configmap/<name>` and `secret/<name>`: the objects a container's environment reads. */
export function envSources(spec: ContainerEnvSpec): string[] {
  const out = new Set<string>()
  for (const f of spec.envFrom ?? []) {
    if (f.configMapRef) out.add(`configmap/${f.configMapRef.name}`)
    if (f.secretRef) out.add(`secret/${f.secretRef.name}`)
  }
  for (const e of spec.env ?? []) {
    if (e.valueFrom?.configMapKeyRef) out.add(`configmap/${e.valueFrom.configMapKeyRef.name}`)
    if (e.valueFrom?.secretKeyRef) out.add(`secret/${e.valueFrom.secretKeyRef.name}`)
  }
  return [...out]
}

/** A source's data as text: a Secret's values are base64 in the API. */
export function sourceData(source: string, o: KObject): Record<string, string> {
  const data = (o as { data?: Record<string, string> }).data ?? {}
  if (!source.startsWith('secret/')) return data
  const out: Record<string, string> = {}
  for (const k in data) out[k] = decodeBase64(data[k]!)
  return out
}

/** The downward API fields an env var may name (pkg/apis/core/validation validEnvDownwardAPIFieldPathExpressions). */
function fieldValue(pod: KObject, path: string, hostIP: string, podIP: string): string {
  const label = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path)
  if (label) return (pod.metadata[label[1] as 'labels' | 'annotations'] ?? {})[label[2]!] ?? ''
  const spec = pod.spec as { nodeName?: string; serviceAccountName?: string }
  switch (path) {
    case 'metadata.name':
      return String(pod.metadata.name)
    case 'metadata.namespace':
      return String(pod.metadata.namespace)
    case 'metadata.uid':
      return String(pod.metadata.uid)
    case 'spec.nodeName':
      return spec.nodeName ?? ''
    case 'spec.serviceAccountName':
      return spec.serviceAccountName ?? ''
    case 'status.hostIP':
      return hostIP
    case 'status.podIP':
      return podIP
    default:
      return ''
  }
}

/** pkg/kubelet/envvars FromServices: host, port, named ports, then the Docker link variables. */
function serviceVars(svc: KObject): [string, string][] {
  const spec = svc.spec as { clusterIP?: string; ports?: { name?: string; port: number; protocol?: string }[] }
  const ip = spec.clusterIP ?? ''
  const name = String(svc.metadata.name).toUpperCase().replace(/-/g, '_')
  const ports = spec.ports ?? []
  const out: [string, string][] = [[`${name}_SERVICE_HOST`, ip]]
  if (ports[0]) out.push([`${name}_SERVICE_PORT`, String(ports[0].port)])
  for (const p of ports) if (p.name) out.push([`${name}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`, String(p.port)])
  ports.forEach((p, i) => {
    const proto = (p.protocol ?? 'TCP').toLowerCase()
    const url = `${proto}://${ip}:${p.port}`
    const prefix = `${name}_PORT_${p.port}_${proto.toUpperCase()}`
    if (i === 0) out.push([`${name}_PORT`, url])
    out.push([prefix, url], [`${prefix}_PROTO`, proto], [`${prefix}_PORT`, String(p.port)], [`${prefix}_ADDR`, ip])
  })
  return out
}

/** Service links, in the kubelet's service lister order (namespace/name). */
export function serviceEnv(services: Cache, namespace: string, enableServiceLinks: boolean): [string, string][] {
  const out: [string, string][] = []
  for (const key of Object.keys(services).sort()) {
    const svc = services[key]!
    const ip = (svc.spec as { clusterIP?: string }).clusterIP
    if (!ip || ip === 'None') continue
    const ns = svc.metadata.namespace
    if ((ns === 'default' && svc.metadata.name === 'kubernetes') || (enableServiceLinks && ns === namespace)) out.push(...serviceVars(svc))
  }
  return out
}

export interface EnvInputs {
  pod: KObject
  spec: ContainerEnvSpec
  /** What GET answered for each of `envSources`: the object, null when it does not exist, or an error. */
  sources: Record<string, KObject | null | { error: string }>
  services: Cache
  hostIP: string
  podIP: string
}

/** The container's variables in the order the kubelet hands them to CRI, or the config error. */
export function containerEnv(inp: EnvInputs): { env: [string, string][] } | { error: string } {
  const { pod, spec } = inp
  const vars = new Map<string, string>()
  const links = (pod.spec as { enableServiceLinks?: boolean }).enableServiceLinks !== false
  const services = new Map(serviceEnv(inp.services, String(pod.metadata.namespace), links))
  /** A source's data; undefined when it is optional and missing; a string when it fails the container. */
  const read = (source: string, optional: boolean | undefined): Record<string, string> | undefined | string => {
    const o = inp.sources[source]
    if (fetchFailed(o)) return o.error
    if (o) return sourceData(source, o)
    return optional ? undefined : `${source.startsWith('secret/') ? 'secret' : 'configmap'} "${source.slice(source.indexOf('/') + 1)}" not found`
  }
  for (const f of spec.envFrom ?? []) {
    const ref = f.configMapRef ?? f.secretRef
    if (!ref) continue
    const data = read(`${f.configMapRef ? 'configmap' : 'secret'}/${ref.name}`, ref.optional)
    if (typeof data === 'string') return { error: data }
    for (const k of Object.keys(data ?? {})) vars.set(`${f.prefix ?? ''}${k}`, data![k]!)
  }
  for (const e of spec.env ?? []) {
    const from = e.valueFrom
    const ref = from?.configMapKeyRef ?? from?.secretKeyRef
    if (ref) {
      const secret = !!from?.secretKeyRef
      const data = read(`${secret ? 'secret' : 'configmap'}/${ref.name}`, ref.optional)
      if (typeof data === 'string') return { error: data }
      if (!data) continue
      if (!(ref.key in data)) {
        if (ref.optional) continue
        return { error: `couldn't find key ${ref.key} in ${secret ? 'Secret' : 'ConfigMap'} ${String(pod.metadata.namespace)}/${ref.name}` }
      }
      vars.set(e.name, data[ref.key]!)
    } else if (from?.fieldRef) vars.set(e.name, fieldValue(pod, from.fieldRef.fieldPath, inp.hostIP, inp.podIP))
    else vars.set(e.name, expand(e.value ?? '', vars, services))
  }
  for (const [k, v] of services) if (!vars.has(k)) vars.set(k, v)
  return { env: [...vars] }
}

/**
 * third_party/forked/golang/expansion: `$(NAME)` is the value of a variable defined before it or of
 * a Service link (expansion.MappingFuncFor(tmpEnv, serviceEnv)); `$$` is a literal `$`; an unknown
 * name stays as written.
 */
function expand(value: string, vars: Map<string, string>, services: Map<string, string>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, n: string | undefined) => (n === undefined ? '$' : (vars.get(n) ?? services.get(n) ?? m)))
}

/** `configmap/<name>` or `secret/<name>` → its REST path in the pod's namespace, for the kubelet's GET. */
export function sourcePath(namespace: string, source: string): string {
  const [kind, name] = source.split('/') as [string, string]
  return `/api/v1/namespaces/${namespace}/${kind}s/${name}`
}

/** A GET that failed otherwise than NotFound: its error, not an object (objects have a kind). */
export function fetchFailed(o: KObject | null | { error: string } | undefined): o is { error: string } {
  return !!o && !('kind' in o) && typeof o.error === 'string'
}
