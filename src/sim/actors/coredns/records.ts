/**
 * What CoreDNS's `kubernetes` plugin answers for an A query (FIDELITY.md §4.4;
 * dns-pod-service.md): `<svc>.<ns>.svc.cluster.local` → the ClusterIP, or for a headless Service
 * one record per ready endpoint; `<a-b-c-d>.<ns>.pod.cluster.local` → that address (`pods insecure`).
 */
import { isHeadless, serviceSpec } from '../../k8s/service.ts'
import type { KObject } from '../../protocol.ts'

export const clusterDomain = 'cluster.local'

export function answerA(name: string, services: KObject[], slices: KObject[]): { rcode: 'NOERROR' | 'NXDOMAIN'; ips: string[] } {
  const labels = name.replace(/\.$/, '').split('.')
  const suffix = clusterDomain.split('.')
  const rest = labels.slice(0, labels.length - suffix.length)
  if (labels.slice(-suffix.length).join('.') !== clusterDomain) return { rcode: 'NXDOMAIN', ips: [] }
  if (rest.length === 3 && rest[2] === 'pod') {
    const ip = rest[0]!.replace(/-/g, '.')
    return /^\d+\.\d+\.\d+\.\d+$/.test(ip) ? { rcode: 'NOERROR', ips: [ip] } : { rcode: 'NXDOMAIN', ips: [] }
  }
  if (rest.length !== 3 || rest[2] !== 'svc') return { rcode: 'NXDOMAIN', ips: [] }
  const [svcName, ns] = rest as [string, string]
  const svc = services.find((s) => s.metadata.name === svcName && s.metadata.namespace === ns)
  if (!svc) return { rcode: 'NXDOMAIN', ips: [] }
  const spec = serviceSpec(svc)
  if (!isHeadless(spec)) return { rcode: 'NOERROR', ips: spec.clusterIP ? [spec.clusterIP] : [] }
  const ips: string[] = []
  for (const s of slices) {
    if (s.metadata.namespace !== ns || s.metadata.labels?.['kubernetes.io/service-name'] !== svcName) continue
    for (const e of (s.endpoints ?? []) as { addresses: string[]; conditions?: { ready?: boolean } }[]) if (e.conditions?.ready !== false) ips.push(e.addresses[0]!)
  }
  return { rcode: 'NOERROR', ips: ips.sort() }
}

/** The resolver's first try for a short name under ndots:5: the pod's namespace search domain. */
export function qualify(name: string, namespace: string): string {
  if (name.endsWith('.')) return name.slice(0, -1)
  if (name.split('.').length - 1 >= 5) return name
  if (name.endsWith(`.${clusterDomain}`)) return name
  if (name.includes('.svc')) return `${name}.${clusterDomain}`
  const parts = name.split('.')
  return parts.length === 1 ? `${name}.${namespace}.svc.${clusterDomain}` : `${name}.svc.${clusterDomain}`
}
