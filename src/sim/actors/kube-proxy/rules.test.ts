import { describe, expect, it } from 'vitest'
import type { KObject } from '../../protocol.ts'
import { buildRules, kernelProbability, printProbability, route } from './rules.ts'

const svc: KObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default' },
  spec: { type: 'ClusterIP', clusterIP: '10.96.86.113', ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 80 }] },
}

function slice(eps: { ip: string; ready?: boolean; serving?: boolean; terminating?: boolean }[]): KObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'web-abcde', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
    addressType: 'IPv4',
    ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
    endpoints: eps.map((e) => ({ addresses: [e.ip], conditions: { ready: e.ready ?? true, serving: e.serving ?? true, terminating: e.terminating ?? false }, nodeName: 'node-1', targetRef: { kind: 'Pod', name: `p-${e.ip}` } })),
  }
}

describe('kube-proxy iptables rules', () => {
  it('prints probabilities as iptables-save does', () => {
    expect(printProbability(kernelProbability(3, 0))).toBe('0.33333333349')
    expect(printProbability(kernelProbability(3, 1))).toBe('0.50000000000')
    expect(printProbability(kernelProbability(4, 0))).toBe('0.25000000000')
  })

  it('chains a Service with 3 endpoints through KUBE-SVC-CDGGSHYLG3RE2FKL', () => {
    const r = buildRules([svc], [slice([{ ip: '10.244.1.5' }, { ip: '10.244.2.7' }, { ip: '10.244.3.4' }])], '10.244.0.0/16')
    const lines = r.text.split('\n')
    expect(lines).toContain('-A KUBE-SERVICES -d 10.96.86.113/32 -p tcp -m comment --comment "default/web:http cluster IP" -m tcp --dport 80 -j KUBE-SVC-CDGGSHYLG3RE2FKL')
    expect(lines).toContain('-A KUBE-SVC-CDGGSHYLG3RE2FKL ! -s 10.244.0.0/16 -d 10.96.86.113/32 -p tcp -m comment --comment "default/web:http cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ')
    const jumps = lines.filter((l) => l.startsWith('-A KUBE-SVC-CDGGSHYLG3RE2FKL -m comment'))
    expect(jumps[0]).toMatch(/^-A KUBE-SVC-CDGGSHYLG3RE2FKL -m comment --comment "default\/web:http -> 10.244.1.5:80" -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-[A-Z2-7]{16}$/)
    expect(jumps[1]).toContain('--probability 0.50000000000')
    expect(jumps[2]).toMatch(/"default\/web:http -> 10.244.3.4:80" -j KUBE-SEP-/)
    expect(r.text).toContain('-p tcp -m comment --comment default/web:http -m tcp -j DNAT --to-destination 10.244.1.5:80')
  })

  it('spreads connections 1/n each for a fixed seed', () => {
    const r = buildRules([svc], [slice([{ ip: '10.244.1.5' }, { ip: '10.244.2.7' }, { ip: '10.244.3.4' }])], '10.244.0.0/16')
    let x = 12345
    const random = (): number => (x = (x * 48271) % 2147483647) / 2147483647
    const counts: Record<string, number> = {}
    const n = 30_000
    for (let i = 0; i < n; i++) {
      const res = route(r, '10.96.86.113:80/TCP', random)
      if (!res.ok) throw new Error('no route')
      counts[res.endpoint.ip] = (counts[res.endpoint.ip] ?? 0) + 1
    }
    // sd of Binomial(30000, 1/3) ≈ 81.6: within 5 sd.
    for (const c of Object.values(counts)) expect(Math.abs(c - n / 3)).toBeLessThan(410)
  })

  it('uses only ready endpoints, falls back to serving terminating ones, and rejects with none', () => {
    const some = buildRules([svc], [slice([{ ip: '10.244.1.5', ready: false, serving: false }, { ip: '10.244.2.7' }])], '10.244.0.0/16')
    expect(some.ports[0]!.endpoints.map((e) => e.ip)).toEqual(['10.244.2.7'])
    const draining = buildRules([svc], [slice([{ ip: '10.244.1.5', ready: false, serving: true, terminating: true }])], '10.244.0.0/16')
    expect(draining.ports[0]!.endpoints.map((e) => e.ip)).toEqual(['10.244.1.5'])
    const none = buildRules([svc], [], '10.244.0.0/16')
    expect(none.text).toContain('-A KUBE-SERVICES -d 10.96.86.113/32 -p tcp -m comment --comment "default/web:http has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable')
    expect(route(none, '10.96.86.113:80/TCP', () => 0.5)).toMatchObject({ ok: false, reason: 'reject' })
  })
})
