/**
 * Service rules with no actor in them: IPv4 arithmetic over the service CIDR, the allocators'
 * static/dynamic bands, defaulting and validation with the apiserver's texts
 * (pkg/apis/core/v1/defaults.go, pkg/apis/core/validation/validation.go; FIDELITY.md §4.1, §5.2).
 */
import type { KObject } from '../protocol.ts'
import type { FieldError } from './status.ts'

export function ipToInt(ip: string): number {
  const p = ip.split('.').map(Number)
  return ((p[0]! << 24) >>> 0) + (p[1]! << 16) + (p[2]! << 8) + p[3]!
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

export interface Cidr {
  base: number
  bits: number
  /** Addresses in the range, network and broadcast included. */
  size: number
}

export function parseCidr(cidr: string): Cidr {
  const [ip, bits] = cidr.split('/')
  const b = Number(bits)
  const size = 2 ** (32 - b)
  return { base: Math.floor(ipToInt(ip!) / size) * size, bits: b, size }
}

export function inCidr(c: Cidr, ip: string): boolean {
  const n = ipToInt(ip)
  return n >= c.base && n < c.base + c.size
}

/**
 * The static band at the bottom of a range: `min(max(16, size/16), 256)` addresses for Service IPs
 * (pkg/registry/core/service/ipallocator `calculateRangeOffset`), `min(max(16, size/32), 128)`
 * ports for NodePorts (pkg/registry/core/service/portallocator). Dynamic allocation uses the upper
 * band first.
 */
export function ipStaticBand(c: Cidr): number {
  return Math.min(Math.max(16, Math.floor(c.size / 16)), 256)
}

/** kube-apiserver --service-node-port-range default. */
export const nodePortMin = 30000
export const nodePortMax = 32767

export function portStaticBand(): number {
  const size = nodePortMax - nodePortMin + 1
  return Math.min(Math.max(16, Math.floor(size / 32)), 128)
}

export interface ServicePort {
  name?: string
  protocol?: string
  port?: number
  targetPort?: number | string
  nodePort?: number
  appProtocol?: string
}

export interface ServiceSpec {
  type?: string
  selector?: Record<string, string>
  ports?: ServicePort[]
  clusterIP?: string
  clusterIPs?: string[]
  sessionAffinity?: string
  ipFamilies?: string[]
  ipFamilyPolicy?: string
  internalTrafficPolicy?: string
  externalTrafficPolicy?: string
  publishNotReadyAddresses?: boolean
  allocateLoadBalancerNodePorts?: boolean
  externalName?: string
}

export function serviceSpec(o: KObject): ServiceSpec {
  return (o.spec ?? {}) as ServiceSpec
}

export function isHeadless(s: ServiceSpec): boolean {
  return s.clusterIP === 'None'
}

/** Whether the type needs node ports (NodePort, LoadBalancer unless allocateLoadBalancerNodePorts: false). */
export function needsNodePorts(s: ServiceSpec): boolean {
  return s.type === 'NodePort' || (s.type === 'LoadBalancer' && s.allocateLoadBalancerNodePorts !== false)
}

/** SetDefaults_Service and friends (pkg/apis/core/v1/defaults.go). */
export function applyServiceDefaults(o: KObject): void {
  const s = (o.spec ??= {}) as ServiceSpec
  s.type ??= 'ClusterIP'
  if (s.type === 'ExternalName') return
  s.sessionAffinity ??= 'None'
  s.ports = (s.ports ?? []).map((p) => ({
    ...p,
    protocol: p.protocol ?? 'TCP',
    ...(p.targetPort === undefined || p.targetPort === 0 ? { targetPort: p.port } : {}),
  }))
  s.internalTrafficPolicy ??= 'Cluster'
  if (s.type === 'NodePort' || s.type === 'LoadBalancer') s.externalTrafficPolicy ??= 'Cluster'
  if (s.type === 'LoadBalancer') s.allocateLoadBalancerNodePorts ??= true
  o.status ??= { loadBalancer: {} }
}

const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
const IANA_SVC_NAME_MSG = 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'

function invalid(field: string, value: unknown, detail: string): FieldError {
  return { field, type: 'FieldValueInvalid', body: `Invalid value: ${JSON.stringify(value)}: ${detail}` }
}

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']
const PROTOCOLS = ['SCTP', 'TCP', 'UDP']

/** ValidateService: the name (DNS-1035), the type, ports and their names (validation.go). */
export function validateService(o: KObject): FieldError[] {
  const errs: FieldError[] = []
  const name = o.metadata.name
  if (!name) errs.push({ field: 'metadata.name', type: 'FieldValueRequired', body: 'Required value: name or generateName is required' })
  else {
    if (name.length > 63) errs.push(invalid('metadata.name', name, 'must be no more than 63 characters'))
    if (!DNS1035.test(name)) errs.push(invalid('metadata.name', name, DNS1035_MSG))
  }
  const s = serviceSpec(o)
  if (!TYPES.includes(s.type ?? '')) {
    errs.push({ field: 'spec.type', type: 'FieldValueNotSupported', body: `Unsupported value: ${JSON.stringify(s.type)}: supported values: ${TYPES.map((t) => `"${t}"`).join(', ')}` })
    return errs
  }
  if (s.type === 'ExternalName') return errs
  const ports = s.ports ?? []
  if (ports.length === 0 && !isHeadless(s)) errs.push({ field: 'spec.ports', type: 'FieldValueRequired', body: 'Required value' })
  if (isHeadless(s) && (s.type === 'NodePort' || s.type === 'LoadBalancer'))
    errs.push(invalid('spec.clusterIPs[0]', 'None', `may not be set to 'None' for ${s.type} services`))
  const names = new Set<string>()
  ports.forEach((p, i) => {
    const at = `spec.ports[${i}]`
    if (ports.length > 1 && !p.name) errs.push({ field: `${at}.name`, type: 'FieldValueRequired', body: 'Required value' })
    if (p.name) {
      if (names.has(p.name)) errs.push({ field: `${at}.name`, type: 'FieldValueDuplicate', body: `Duplicate value: ${JSON.stringify(p.name)}` })
      names.add(p.name)
    }
    const port = p.port ?? 0
    if (port < 1 || port > 65535) errs.push({ field: `${at}.port`, type: 'FieldValueInvalid', body: `Invalid value: ${port}: must be between 1 and 65535, inclusive` })
    if (!PROTOCOLS.includes(p.protocol ?? ''))
      errs.push({ field: `${at}.protocol`, type: 'FieldValueNotSupported', body: `Unsupported value: ${JSON.stringify(p.protocol)}: supported values: "SCTP", "TCP", "UDP"` })
    if (typeof p.targetPort === 'number' && (p.targetPort < 1 || p.targetPort > 65535))
      errs.push({ field: `${at}.targetPort`, type: 'FieldValueInvalid', body: `Invalid value: ${p.targetPort}: must be between 1 and 65535, inclusive` })
    if (typeof p.targetPort === 'string' && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(p.targetPort))
      errs.push(invalid(`${at}.targetPort`, p.targetPort, IANA_SVC_NAME_MSG))
    if (p.nodePort !== undefined && p.nodePort !== 0 && s.type === 'ClusterIP')
      errs.push({ field: `${at}.nodePort`, type: 'FieldValueForbidden', body: 'Forbidden: may not be used when `type` is \'ClusterIP\'' })
  })
  return errs
}

/** A port's target on one pod: a number, or the containerPort named so (0 when no container has it). */
export function resolveTargetPort(port: ServicePort, pod: KObject): number {
  if (typeof port.targetPort === 'number') return port.targetPort
  const containers = ((pod.spec as { containers?: { ports?: { name?: string; containerPort: number; protocol?: string }[] }[] })?.containers ?? [])
  for (const c of containers) for (const cp of c.ports ?? []) if (cp.name === port.targetPort && (cp.protocol ?? 'TCP') === (port.protocol ?? 'TCP')) return cp.containerPort
  return 0
}
