/**
 * The component inspector's view of the controller: its nginx servers and locations as a table
 * (host, path, pathType, upstream, endpoints), the way kube-proxy's rules are shown for a node.
 */
import type { ActorInspection, InspectionSection } from '../../protocol.ts'
import type { IngressNginxState } from './state.ts'
import { upstreamOf } from './sync.ts'

type Read = { facts: ActorInspection['facts']; sections: InspectionSection[] }

/** The routing table's rows: one per location, then each server's root (default backend). */
export function routingRows(state: IngressNginxState): string[][] {
  const rows: string[][] = []
  for (const server of state.table.servers) {
    for (const l of server.locations) {
      const up = upstreamOf(state, l.backend)
      const eps = up.endpoints.map((e) => `${e.ip}:${e.port}`).join(', ')
      rows.push([server.host, `${l.path} (${l.pathType})`, `${l.backend.service}:${l.backend.port}`, eps || up.why || 'none', l.ingress])
    }
    const root = server.root ? `${server.root.service}:${server.root.port}` : 'default backend (404)'
    rows.push([server.host, '/ (root)', root, server.root ? upstreamOf(state, server.root).endpoints.map((e) => `${e.ip}:${e.port}`).join(', ') || 'none' : '—', server.rootIngress ?? ''])
  }
  return rows
}

export function inspectIngressNginx(s: IngressNginxState): Read {
  const codes = Object.entries(s.codes)
    .map(([c, n]) => `${c}×${n}`)
    .join(' ')
  return {
    facts: [
      { label: 'pod', value: s.pod ? `${s.pod.name}${s.pod.node ? ` on ${s.pod.node}` : ''}${s.pod.running ? '' : ' (not running)'}` : 'not scheduled yet' },
      { label: 'informers', value: `${s.listed.length}/4 synced` },
      { label: 'Ingresses claimed', value: s.claimed.join(', ') || 'none' },
      { label: 'status address', value: s.statusAddresses.join(', ') || (s.lastStatusAt < 0 ? 'not written yet' : 'none') },
      { label: 'requests', value: `${s.requests}${codes ? ` (${codes})` : ''}` },
    ],
    sections: [
      {
        title: 'routing table (nginx servers and locations)',
        columns: ['host', 'path (pathType)', 'backend', 'endpoints', 'Ingress'],
        rows: routingRows(s).slice(0, 50),
        empty: 'no Ingress of class nginx yet',
      },
    ],
  }
}
