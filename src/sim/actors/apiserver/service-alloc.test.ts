import { describe, expect, it } from 'vitest'
import type { Ctx } from '../../engine/actor.ts'
import { applyServiceDefaults } from '../../k8s/service.ts'
import type { KObject } from '../../protocol.ts'
import { allocateForService, newServiceAlloc } from './service-alloc.ts'
import type { ApiserverState } from './state.ts'
import { newApiserverState } from './apiserver.ts'

function ctx(): Ctx {
  let x = 7
  return { random: () => ((x = (x * 16807) % 2147483647) / 2147483647) } as unknown as Ctx
}

function svc(name: string, spec: Record<string, unknown> = {}): KObject {
  const o: KObject = { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { ports: [{ port: 80 }], ...spec } }
  applyServiceDefaults(o)
  return o
}

function api(cidr: string): ApiserverState {
  const s = newApiserverState('etcd:0')
  s.serviceAlloc = newServiceAlloc(cidr)
  return s
}

/** Allocates and stores, as a create that reached etcd and the watch cache. */
function create(s: ApiserverState, c: Ctx, o: KObject) {
  const key = `/registry/services/specs/default/${o.metadata.name}`
  const r = allocateForService(s, c, key, o)
  if (r.ok) s.cache[key] = o
  return r
}

describe('ClusterIP allocation', () => {
  it('picks from the upper band of a /12 and never twice', () => {
    const s = api('10.96.0.0/12')
    const c = ctx()
    const seen = new Set<string>()
    for (let i = 0; i < 200; i++) {
      const o = svc(`s${i}`)
      expect(create(s, c, o).ok).toBe(true)
      const ip = (o.spec as { clusterIP: string }).clusterIP
      const [a, b, x] = ip.split('.').map(Number) as [number, number, number]
      expect(a).toBe(10)
      expect(b >= 96 && b < 112).toBe(true)
      expect(b > 96 || x >= 1).toBe(true) // above the static band 10.96.0.1–10.96.1.0
      expect(seen.has(ip)).toBe(false)
      seen.add(ip)
    }
  })

  it('refuses an address already taken, one outside the range, and a full range', () => {
    const s = api('10.96.0.0/29')
    const c = ctx()
    expect(create(s, c, svc('dns', { clusterIP: '10.96.0.2' })).ok).toBe(true)
    const dup = create(s, c, svc('dup', { clusterIP: '10.96.0.2' }))
    expect(dup.ok).toBe(false)
    if (!dup.ok) expect(dup.errors![0]!.body).toBe('Invalid value: ["10.96.0.2"]: failed to allocate IP 10.96.0.2: provided IP is already allocated')
    const out = create(s, c, svc('out', { clusterIP: '10.97.0.2' }))
    if (!out.ok) expect(out.errors![0]!.body).toContain('the provided IP (10.97.0.2) is not in the valid range. The range of valid IPs is 10.96.0.0/29')
    // A /29 holds 6 usable addresses: 5 more, then the range is full.
    for (let i = 0; i < 5; i++) expect(create(s, c, svc(`f${i}`)).ok).toBe(true)
    const full = create(s, c, svc('full'))
    expect(full.ok).toBe(false)
    if (!full.ok) {
      expect(full.status!.code).toBe(500)
      expect(full.status!.message).toBe('Internal error occurred: failed to allocate a serviceIP: range is full')
    }
  })

  it('gives headless Services no address', () => {
    const s = api('10.96.0.0/12')
    const o = svc('h', { clusterIP: 'None' })
    expect(create(s, ctx(), o).ok).toBe(true)
    expect((o.spec as { clusterIPs: string[] }).clusterIPs).toEqual(['None'])
  })
})

describe('NodePort allocation', () => {
  it('allocates 30000–32767, refuses duplicates and out-of-range ports, and runs out', () => {
    const s = api('10.96.0.0/12')
    const c = ctx()
    const a = svc('a', { type: 'NodePort' })
    expect(create(s, c, a).ok).toBe(true)
    const port = (a.spec as { ports: { nodePort: number }[] }).ports[0]!.nodePort
    expect(port).toBeGreaterThanOrEqual(30086)
    expect(port).toBeLessThanOrEqual(32767)
    const dup = create(s, c, svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: port }] }))
    if (dup.ok) throw new Error('expected a refusal')
    expect(dup.errors![0]).toMatchObject({ field: 'spec.ports[0].nodePort', body: `Invalid value: ${port}: provided port is already allocated` })
    const low = create(s, c, svc('c', { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] }))
    if (low.ok) throw new Error('expected a refusal')
    expect(low.errors![0]!.body).toBe('Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767')
    for (let p = 30000; p <= 32767; p++) if (p !== port) s.serviceAlloc!.ports[String(p)] = 'taken'
    const full = create(s, c, svc('d', { type: 'NodePort' }))
    if (full.ok) throw new Error('expected a refusal')
    expect(full.status!.message).toBe('Internal error occurred: failed to allocate a nodePort: range is full')
  })
})
