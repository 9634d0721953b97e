/**
 * The Service REST storage's allocators: a ClusterIP from `--service-cluster-ip-range` and node
 * ports from `--service-node-port-range` (pkg/registry/core/service/ipallocator, portallocator;
 * FIDELITY.md §4.1). Dynamic picks start at a random offset in the upper band and walk up; the
 * lower (static) band is used only when the upper one is full. What is taken is read from the watch
 * cache plus the reservations of creates still on their way to etcd.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { FieldError, Status } from '../../k8s/status.ts'
import {
  inCidr,
  intToIp,
  ipStaticBand,
  ipToInt,
  isHeadless,
  needsNodePorts,
  nodePortMax,
  nodePortMin,
  parseCidr,
  portStaticBand,
  serviceSpec,
} from '../../k8s/service.ts'
import type { KObject } from '../../protocol.ts'
import type { ApiserverState } from './state.ts'

export interface ServiceAllocState {
  /** `--service-cluster-ip-range`, kubeadm default 10.96.0.0/12. */
  cidr: string
  /** Addresses and ports handed to creates not yet in the watch cache: value → etcd key. */
  ips: Record<string, string>
  ports: Record<string, string>
}

export function newServiceAlloc(cidr: string): ServiceAllocState {
  return { cidr, ips: {}, ports: {} }
}

const servicesPrefix = '/registry/services/specs/'

function takenInCache(state: ApiserverState): { ips: Set<number>; ports: Set<number> } {
  const ips = new Set<number>()
  const ports = new Set<number>()
  for (const key in state.cache) {
    if (!key.startsWith(servicesPrefix)) continue
    const s = serviceSpec(state.cache[key]!)
    for (const ip of s.clusterIPs ?? (s.clusterIP ? [s.clusterIP] : [])) if (ip !== 'None') ips.add(ipToInt(ip))
    for (const p of s.ports ?? []) if (p.nodePort) ports.add(p.nodePort)
  }
  return { ips, ports }
}

/** Reservations whose Service has reached the cache (or was refused long ago) are dropped. */
function prune(state: ApiserverState, alloc: ServiceAllocState): void {
  for (const [k, key] of Object.entries(alloc.ips)) if (key in state.cache) delete alloc.ips[k]
  for (const [k, key] of Object.entries(alloc.ports)) if (key in state.cache) delete alloc.ports[k]
}

function internalError(message: string): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `Internal error occurred: ${message}`,
    reason: 'InternalError',
    details: { causes: [{ reason: '', message, field: '' }] },
    code: 500,
  }
}

/** First free offset walking up from a random start in [lo, hi], wrapping; -1 when none. */
function walk(lo: number, hi: number, taken: (offset: number) => boolean, random: () => number): number {
  if (hi < lo) return -1
  const n = hi - lo + 1
  const start = Math.floor(random() * n)
  for (let i = 0; i < n; i++) {
    const o = lo + ((start + i) % n)
    if (!taken(o)) return o
  }
  return -1
}

export type AllocResult = { ok: true; notes: string[] } | { ok: false; status?: Status; errors?: FieldError[] }

/** Fills spec.clusterIP(s), ipFamilies and node ports of a Service being created. */
export function allocateForService(state: ApiserverState, ctx: Ctx, key: string, svc: KObject): AllocResult {
  const alloc = state.serviceAlloc
  const s = serviceSpec(svc)
  if (!alloc || s.type === 'ExternalName') return { ok: true, notes: [] }
  prune(state, alloc)
  const cache = takenInCache(state)
  const cidr = parseCidr(alloc.cidr)
  const ipTaken = (n: number): boolean => cache.ips.has(n) || intToIp(n) in alloc.ips
  const notes: string[] = []
  let ip: string
  if (isHeadless(s)) ip = 'None'
  else if (s.clusterIP) {
    ip = s.clusterIP
    const field = 'spec.clusterIPs'
    const value = JSON.stringify([ip])
    if (!inCidr(cidr, ip))
      return { ok: false, errors: [{ field, type: 'FieldValueInvalid', body: `Invalid value: ${value}: failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${alloc.cidr}` }] }
    if (ipTaken(ipToInt(ip)))
      return { ok: false, errors: [{ field, type: 'FieldValueInvalid', body: `Invalid value: ${value}: failed to allocate IP ${ip}: provided IP is already allocated` }] }
    notes.push(`ClusterIP ${ip} as requested`)
  } else {
    const band = ipStaticBand(cidr)
    const first = cidr.base + 1
    const last = cidr.base + cidr.size - 2
    let n = walk(first + band, last, ipTaken, ctx.random)
    if (n < 0) n = walk(first, Math.min(last, first + band - 1), ipTaken, ctx.random)
    if (n < 0) return { ok: false, status: internalError('failed to allocate a serviceIP: range is full') }
    ip = intToIp(n)
    notes.push(`ClusterIP ${ip} from the upper band of ${alloc.cidr}`)
  }
  s.clusterIP = ip
  s.clusterIPs = [ip]
  if (ip !== 'None') {
    alloc.ips[ip] = key
    s.ipFamilies ??= ['IPv4']
    s.ipFamilyPolicy ??= 'SingleStack'
  } else {
    s.ipFamilies ??= ['IPv4']
    s.ipFamilyPolicy ??= 'SingleStack'
  }
  if (!needsNodePorts(s)) return { ok: true, notes }
  const portTaken = (p: number): boolean => cache.ports.has(p) || String(p) in alloc.ports
  const mine: number[] = []
  const ports = s.ports ?? []
  for (const [i, p] of ports.entries()) {
    const field = `spec.ports[${i}].nodePort`
    if (p.nodePort) {
      if (p.nodePort < nodePortMin || p.nodePort > nodePortMax)
        return { ok: false, errors: [{ field, type: 'FieldValueInvalid', body: `Invalid value: ${p.nodePort}: provided port is not in the valid range. The range of valid ports is ${nodePortMin}-${nodePortMax}` }] }
      if (portTaken(p.nodePort) || mine.includes(p.nodePort))
        return { ok: false, errors: [{ field, type: 'FieldValueInvalid', body: `Invalid value: ${p.nodePort}: provided port is already allocated` }] }
    } else {
      const band = portStaticBand()
      const free = (q: number): boolean => portTaken(q) || mine.includes(q)
      let q = walk(nodePortMin + band, nodePortMax, free, ctx.random)
      if (q < 0) q = walk(nodePortMin, nodePortMin + band - 1, free, ctx.random)
      if (q < 0) return { ok: false, status: internalError('failed to allocate a nodePort: range is full') }
      p.nodePort = q
    }
    mine.push(p.nodePort)
  }
  for (const p of mine) alloc.ports[String(p)] = key
  notes.push(`nodePort ${mine.join(', ')}`)
  return { ok: true, notes }
}
