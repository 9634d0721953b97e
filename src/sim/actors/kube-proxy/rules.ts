/**
 * The iptables rules kube-proxy writes in one sync, as data (pkg/proxy/iptables/proxier.go
 * syncProxyRules; FIDELITY.md §4.3): per service port a KUBE-SERVICES match on the ClusterIP (and
 * NodePort / load-balancer IP through KUBE-EXT-), a KUBE-SVC- chain choosing an endpoint with
 * `-m statistic --mode random --probability 1/(n-i)`, and a KUBE-SEP- chain DNATing to it. A port
 * with no usable endpoint gets a REJECT in the filter table instead.
 */
import { isHeadless, serviceSpec } from '../../k8s/service.ts'
import type { KObject } from '../../protocol.ts'
import { endpointChain, servicePortChain } from './chain-name.ts'

export interface EndpointRoute {
  ip: string
  port: number
  chain: string
  /** As the kernel holds it after `--probability %0.10f` (xt_statistic: a 31-bit fraction); 1 for the last rule. */
  probability: number
  nodeName?: string
  pod?: string
}

export interface ServicePortRoute {
  /** `default/web:http`, or `default/web` for an unnamed port. */
  name: string
  protocol: string
  clusterIP: string
  port: number
  nodePort?: number
  loadBalancerIPs: string[]
  chain: string
  endpoints: EndpointRoute[]
}

export interface ProxyRules {
  /** Lookup `ip:port/proto` and `nodeport:port/proto` → index in `ports`. */
  byDestination: Record<string, number>
  ports: ServicePortRoute[]
  /** `iptables-save` text of the filter and nat tables. */
  text: string
}

/** What the proxier prints (`%0.10f` of 1/(n-i)) read back as the kernel stores it. */
export function kernelProbability(n: number, i: number): number {
  const printed = Number((1 / (n - i)).toFixed(10))
  return Math.round(printed * 0x80000000) / 0x80000000
}

/** iptables-save prints the stored probability with 11 decimals: 0.33333333349, 0.50000000000. */
export function printProbability(p: number): string {
  return p.toFixed(11)
}

function comment(text: string): string {
  return /[\s"]/.test(text) ? `"${text}"` : text
}

interface SliceEndpoint {
  addresses: string[]
  conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean }
  nodeName?: string
  targetRef?: { name?: string }
}

/** Endpoints kube-proxy uses: ready ones, else serving-and-terminating ones (proxy/topology.go). */
function usable(eps: SliceEndpoint[]): SliceEndpoint[] {
  const ready = eps.filter((e) => e.conditions?.ready !== false)
  if (ready.length) return ready
  return eps.filter((e) => e.conditions?.serving && e.conditions?.terminating)
}

export function buildRules(services: KObject[], slices: KObject[], clusterCIDR: string): ProxyRules {
  const ports: ServicePortRoute[] = []
  const byDestination: Record<string, number> = {}
  const sorted = [...services].sort((a, b) => (`${a.metadata.namespace}/${a.metadata.name}` < `${b.metadata.namespace}/${b.metadata.name}` ? -1 : 1))
  for (const svc of sorted) {
    const spec = serviceSpec(svc)
    if (!spec.clusterIP || isHeadless(spec) || spec.type === 'ExternalName') continue
    const ns = String(svc.metadata.namespace)
    const name = String(svc.metadata.name)
    const mySlices = slices.filter((s) => s.metadata.namespace === ns && s.metadata.labels?.['kubernetes.io/service-name'] === name)
    const lb = ((svc.status as { loadBalancer?: { ingress?: { ip?: string }[] } } | undefined)?.loadBalancer?.ingress ?? []).map((x) => x.ip).filter((x): x is string => Boolean(x))
    for (const p of spec.ports ?? []) {
      const protocol = p.protocol ?? 'TCP'
      const portName = p.name ? `${ns}/${name}:${p.name}` : `${ns}/${name}`
      const all: { ip: string; port: number; ep: SliceEndpoint }[] = []
      for (const s of mySlices) {
        const sp = ((s.ports ?? []) as { name?: string; port?: number; protocol?: string }[]).find((x) => (x.name ?? '') === (p.name ?? '') && (x.protocol ?? 'TCP') === protocol)
        if (!sp?.port) continue
        for (const ep of usable((s.endpoints ?? []) as SliceEndpoint[])) all.push({ ip: ep.addresses[0]!, port: sp.port, ep })
      }
      all.sort((a, b) => (`${a.ip}:${a.port}` < `${b.ip}:${b.port}` ? -1 : 1))
      const chain = servicePortChain('KUBE-SVC-', portName, protocol)
      const route: ServicePortRoute = {
        name: portName,
        protocol,
        clusterIP: spec.clusterIP,
        port: p.port ?? 0,
        ...(p.nodePort ? { nodePort: p.nodePort } : {}),
        loadBalancerIPs: lb,
        chain,
        endpoints: all.map((e, i) => ({
          ip: e.ip,
          port: e.port,
          chain: endpointChain(portName, protocol, `${e.ip}:${e.port}`),
          probability: i === all.length - 1 ? 1 : kernelProbability(all.length, i),
          ...(e.ep.nodeName ? { nodeName: e.ep.nodeName } : {}),
          ...(e.ep.targetRef?.name ? { pod: e.ep.targetRef.name } : {}),
        })),
      }
      byDestination[`${route.clusterIP}:${route.port}/${protocol}`] = ports.length
      if (route.nodePort) byDestination[`nodeport:${route.nodePort}/${protocol}`] = ports.length
      for (const ip of lb) byDestination[`${ip}:${route.port}/${protocol}`] = ports.length
      ports.push(route)
    }
  }
  return { byDestination, ports, text: iptablesSave(ports, clusterCIDR) }
}

function iptablesSave(ports: ServicePortRoute[], clusterCIDR: string): string {
  const filter: string[] = []
  const natChains: string[] = []
  const services: string[] = []
  const nodeports: string[] = []
  const chains: string[] = []
  for (const r of ports) {
    const proto = r.protocol.toLowerCase()
    const m = `-p ${proto}`
    if (r.endpoints.length === 0) {
      filter.push(`-A KUBE-SERVICES -d ${r.clusterIP}/32 ${m} -m comment --comment ${comment(`${r.name} has no endpoints`)} -m ${proto} --dport ${r.port} -j REJECT --reject-with icmp-port-unreachable`)
      if (r.nodePort)
        filter.push(`-A KUBE-EXTERNAL-SERVICES ${m} -m comment --comment ${comment(`${r.name} has no endpoints`)} -m addrtype --dst-type LOCAL -m ${proto} --dport ${r.nodePort} -j REJECT --reject-with icmp-port-unreachable`)
      continue
    }
    const ext = servicePortChain('KUBE-EXT-', r.name, r.protocol)
    natChains.push(r.chain)
    services.push(`-A KUBE-SERVICES -d ${r.clusterIP}/32 ${m} -m comment --comment ${comment(`${r.name} cluster IP`)} -m ${proto} --dport ${r.port} -j ${r.chain}`)
    for (const ip of r.loadBalancerIPs) services.push(`-A KUBE-SERVICES -d ${ip}/32 ${m} -m comment --comment ${comment(`${r.name} loadbalancer IP`)} -m ${proto} --dport ${r.port} -j ${ext}`)
    if (r.nodePort || r.loadBalancerIPs.length) {
      natChains.push(ext)
      if (r.nodePort) nodeports.push(`-A KUBE-NODEPORTS ${m} -m comment --comment ${comment(r.name)} -m ${proto} --dport ${r.nodePort} -j ${ext}`)
      chains.push(`-A ${ext} -m comment --comment ${comment(`masquerade traffic for ${r.name} external destinations`)} -j KUBE-MARK-MASQ`, `-A ${ext} -j ${r.chain}`)
    }
    chains.push(`-A ${r.chain} ! -s ${clusterCIDR} -d ${r.clusterIP}/32 ${m} -m comment --comment ${comment(`${r.name} cluster IP`)} -m ${proto} --dport ${r.port} -j KUBE-MARK-MASQ`)
    r.endpoints.forEach((e, i) => {
      const stat = i === r.endpoints.length - 1 ? '' : ` -m statistic --mode random --probability ${printProbability(e.probability)}`
      chains.push(`-A ${r.chain} -m comment --comment ${comment(`${r.name} -> ${e.ip}:${e.port}`)}${stat} -j ${e.chain}`)
    })
    for (const e of r.endpoints) {
      natChains.push(e.chain)
      chains.push(
        `-A ${e.chain} -s ${e.ip}/32 -m comment --comment ${comment(r.name)} -j KUBE-MARK-MASQ`,
        `-A ${e.chain} ${m} -m comment --comment ${comment(r.name)} -m ${proto} -j DNAT --to-destination ${e.ip}:${e.port}`,
      )
    }
  }
  const decl = (names: string[]): string[] => names.map((c) => `:${c} - [0:0]`)
  return [
    '*filter',
    ...decl(['KUBE-EXTERNAL-SERVICES', 'KUBE-FIREWALL', 'KUBE-FORWARD', 'KUBE-KUBELET-CANARY', 'KUBE-NODEPORTS', 'KUBE-PROXY-FIREWALL', 'KUBE-SERVICES']),
    ...filter,
    '-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP',
    '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT',
    '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    'COMMIT',
    '*nat',
    ...decl(['KUBE-KUBELET-CANARY', 'KUBE-MARK-MASQ', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-SERVICES', ...natChains]),
    '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000',
    ...nodeports,
    '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
    '-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0',
    '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
    ...services,
    '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
    ...chains,
    'COMMIT',
    '',
  ].join('\n')
}

/** One packet's walk through the rules: the endpoint chosen, or why it was refused. */
export type RouteResult =
  | { ok: true; route: ServicePortRoute; endpoint: EndpointRoute; tried: number }
  | { ok: false; reason: 'reject'; route: ServicePortRoute }
  | { ok: false; reason: 'no-rule' }

/** Evaluates KUBE-SERVICES then the KUBE-SVC- chain: each statistic rule rolls on its own. */
export function route(rules: ProxyRules, destination: string, random: () => number): RouteResult {
  const i = rules.byDestination[destination]
  if (i === undefined) return { ok: false, reason: 'no-rule' }
  const r = rules.ports[i]!
  if (r.endpoints.length === 0) return { ok: false, reason: 'reject', route: r }
  for (let k = 0; k < r.endpoints.length; k++) {
    const e = r.endpoints[k]!
    if (e.probability >= 1 || random() < e.probability) return { ok: true, route: r, endpoint: e, tried: k + 1 }
  }
  return { ok: true, route: r, endpoint: r.endpoints[r.endpoints.length - 1]!, tried: r.endpoints.length }
}
