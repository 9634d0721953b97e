/** Read-only views of the request path for the page and tests: traffic counters, kube-proxy rules. */
import type { KubeProxyState } from '../actors/kube-proxy/kube-proxy.ts'
import type { TrafficClientState } from '../actors/traffic/traffic-client.ts'
import { clusterFirstResolvConf } from './service-bootstrap.ts'
import type { World } from '../engine/world.ts'
import type { ProxyRulesView, TrafficView } from '../protocol.ts'
import { trafficClientId } from './service-wiring.ts'

export function trafficView(world: World): TrafficView {
  const s = world.actors[trafficClientId]?.state as TrafficClientState | undefined
  if (!s) return { running: false, sent: 0, ok: 0, refused: 0, counts: {}, podNodes: {} }
  const t = s.target
  return {
    running: Boolean(t),
    ...(t ? { service: `${t.namespace}/${t.service}`, from: t.from, rate: t.rate } : {}),
    sent: s.sent,
    ok: s.ok,
    refused: s.refused,
    counts: { ...s.counts },
    podNodes: { ...s.podNodes },
    ...(s.codes && Object.keys(s.codes).length ? { codes: { ...s.codes } } : {}),
    ...(t?.http ? { ingress: `${t.http.host}${t.http.path}` } : {}),
    ...(s.note ? { note: s.note } : {}),
    // kubelet --cluster-dns is kube-dns's address when the cluster runs CoreDNS (kubeadm's KubeletConfiguration clusterDNS).
    ...(t && t.from !== 'outside' && s.dnsServer ? { resolvConf: clusterFirstResolvConf(t.namespace, s.dnsServer) } : {}),
  }
}

export function proxyRulesView(world: World, node: string): ProxyRulesView | null {
  const s = world.actors[`kube-proxy:${node}`]?.state as KubeProxyState | undefined
  if (!s || !('rules' in s)) return null
  return { node, syncs: s.syncs, lastSyncAt: s.lastSyncAt, text: s.rules?.text ?? '' }
}
