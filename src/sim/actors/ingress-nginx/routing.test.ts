import { describe, expect, it } from 'vitest'
import type { KObject } from '../../protocol.ts'
import { buildRoutingTable, claimed, hostMatches, routeRequest } from './routing.ts'

type Path = { path: string; pathType: string; svc: string }

function ingress(name: string, rules: { host?: string; paths: Path[] }[], extra: Record<string, unknown> = {}, created = '2026-01-01T00:00:00Z'): KObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace: 'default', creationTimestamp: created },
    spec: {
      ingressClassName: 'nginx',
      ...extra,
      rules: rules.map((r) => ({
        ...(r.host ? { host: r.host } : {}),
        http: { paths: r.paths.map((p) => ({ path: p.path, pathType: p.pathType, backend: { service: { name: p.svc, port: { number: 80 } } } })) },
      })),
    },
  }
}

const to = (table: ReturnType<typeof buildRoutingTable>, host: string, path: string): string => {
  const r = routeRequest(table, host, path)
  return r.kind === 'backend' ? r.backend.service : '404'
}

describe('ingress-nginx routing', () => {
  it('matches Prefix element-wise and Exact exactly, the longest path winning and Exact first on a tie', () => {
    const t = buildRoutingTable([
      ingress('a', [{ host: 'foo.bar.com', paths: [
        { path: '/', pathType: 'Prefix', svc: 'root' },
        { path: '/foo', pathType: 'Prefix', svc: 'foo' },
        { path: '/foo/bar', pathType: 'Prefix', svc: 'foobar' },
        { path: '/foo', pathType: 'Exact', svc: 'exact' },
      ] }]),
    ])
    expect(to(t, 'foo.bar.com', '/foo')).toBe('default/exact')
    expect(to(t, 'foo.bar.com', '/foo/')).toBe('default/foo')
    expect(to(t, 'foo.bar.com', '/foo/baz')).toBe('default/foo')
    expect(to(t, 'foo.bar.com', '/foo/bar/x')).toBe('default/foobar')
    expect(to(t, 'foo.bar.com', '/foobar')).toBe('default/root')
    expect(to(t, 'FOO.bar.com:80', '/foo/x')).toBe('default/foo')
  })

  it('treats ImplementationSpecific as an nginx string prefix', () => {
    const t = buildRoutingTable([ingress('a', [{ paths: [{ path: '/app', pathType: 'ImplementationSpecific', svc: 'app' }] }])])
    expect(to(t, 'any.host', '/apple')).toBe('default/app')
    expect(to(t, 'any.host', '/other')).toBe('404')
  })

  it('lets a wildcard host match exactly one label, and prefers an exact host', () => {
    expect(hostMatches('*.foo.com', 'bar.foo.com')).toBe(true)
    expect(hostMatches('*.foo.com', 'baz.bar.foo.com')).toBe(false)
    expect(hostMatches('*.foo.com', 'foo.com')).toBe(false)
    const t = buildRoutingTable([
      ingress('w', [{ host: '*.foo.com', paths: [{ path: '/', pathType: 'Prefix', svc: 'wild' }] }]),
      ingress('e', [{ host: 'bar.foo.com', paths: [{ path: '/', pathType: 'Prefix', svc: 'exact' }] }]),
    ])
    expect(to(t, 'bar.foo.com', '/')).toBe('default/exact')
    expect(to(t, 'baz.foo.com', '/')).toBe('default/wild')
    expect(to(t, 'baz.bar.foo.com', '/')).toBe('404')
  })

  it('sends unmatched requests to the default backend: the Ingress defaultBackend, else 404', () => {
    const withDefault = ingress('d', [{ host: 'a.com', paths: [{ path: '/x', pathType: 'Exact', svc: 'x' }] }], { defaultBackend: { service: { name: 'fallback', port: { number: 80 } } } })
    const t = buildRoutingTable([withDefault])
    expect(to(t, 'a.com', '/y')).toBe('default/fallback')
    expect(to(t, 'nobody.com', '/')).toBe('default/fallback')
    const plain = buildRoutingTable([ingress('p', [{ host: 'a.com', paths: [{ path: '/x', pathType: 'Exact', svc: 'x' }] }])])
    expect(routeRequest(plain, 'a.com', '/y')).toEqual({ kind: 'default', server: 'a.com' })
    expect(routeRequest(plain, 'b.com', '/x')).toEqual({ kind: 'default', server: '_' })
  })

  it('keeps the oldest Ingress for a host and path claimed twice', () => {
    const older = ingress('old', [{ host: 'a.com', paths: [{ path: '/', pathType: 'Prefix', svc: 'old' }] }], {}, '2026-01-01T00:00:00Z')
    const newer = ingress('new', [{ host: 'a.com', paths: [{ path: '/', pathType: 'Prefix', svc: 'new' }] }], {}, '2026-01-01T00:01:00Z')
    expect(to(buildRoutingTable([newer, older]), 'a.com', '/')).toBe('default/old')
  })

  it('claims Ingresses of its class, and those without one only when its class is the default', () => {
    const cls: KObject = { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx' } }
    const mine = ingress('mine', [])
    const other: KObject = { ...ingress('other', []), spec: { ingressClassName: 'nginx-example', rules: [] } }
    const none: KObject = { ...ingress('none', []), spec: { rules: [] } }
    expect(claimed([mine, other, none], [cls], 'k8s.io/ingress-nginx').map((i) => i.metadata.name)).toEqual(['mine'])
    const def = { ...cls, metadata: { name: 'nginx', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } } }
    expect(claimed([mine, other, none], [def], 'k8s.io/ingress-nginx').map((i) => i.metadata.name)).toEqual(['mine', 'none'])
  })
})
