/**
 * ingress-nginx's routing table, built from the Ingresses it claims the way its controller builds
 * nginx.conf (internal/ingress/controller/controller.go createServers/createUpstreams, template
 * nginx.tmpl buildServerName/buildLocation), and the lookup nginx does for one request:
 *
 * - one server per host; rules without a host go to the catch-all server `_`. A wildcard host
 *   `*.foo.com` becomes `~^(?<subdomain>[\w-]+)\.foo\.com$`: exactly one label (ingress.md
 *   "Hostname wildcards"). An exact server name wins over a wildcard, the catch-all comes last.
 * - in a server, an Exact path is `location = /p`, a Prefix path `location /p/` plus `= /p`
 *   (element-wise: /foo matches /foo and /foo/bar, never /foobar), ImplementationSpecific a plain
 *   nginx prefix `location /p`. nginx takes an exact location first, then the longest prefix
 *   (ingress.md "Multiple matches": longest path wins, Exact before Prefix on a tie).
 * - no location matches: the server's root `/`, which is the Ingress's spec.defaultBackend when it
 *   has one ("use backend specified in Ingress as the default backend for all its rules"), else the
 *   controller's own default backend: 404 Not Found.
 * - Ingresses are taken oldest first; the first to claim a host and path keeps it.
 */
import type { KObject } from '../../protocol.ts'

type Json = Record<string, unknown>

export interface BackendRef {
  /** `namespace/name` of the Service. */
  service: string
  /** spec.rules[].http.paths[].backend.service.port: a number or a port name. */
  port: number | string
}

export interface Location {
  path: string
  pathType: 'Exact' | 'Prefix' | 'ImplementationSpecific'
  backend: BackendRef
  /** `namespace/name` of the Ingress that wrote it. */
  ingress: string
}

export interface Server {
  /** The rule's host, `_` for the catch-all server. */
  host: string
  locations: Location[]
  /** Where a request no location matches goes; undefined: the controller's 404. */
  root?: BackendRef
  rootIngress?: string
}

export interface RoutingTable {
  servers: Server[]
}

export type RouteMatch =
  | { kind: 'backend'; server: string; location: string; backend: BackendRef; ingress: string }
  | { kind: 'default'; server: string }

function backendOf(ns: string, b: Json | undefined): BackendRef | undefined {
  const svc = b?.service as Json | undefined
  if (!svc?.name) return undefined
  const port = (svc.port ?? {}) as Json
  return { service: `${ns}/${String(svc.name)}`, port: port.number !== undefined ? Number(port.number) : String(port.name ?? '') }
}

function created(o: KObject): string {
  return o.metadata.creationTimestamp ?? ''
}

/** The table for these (already claimed) Ingresses. */
export function buildRoutingTable(ingresses: KObject[]): RoutingTable {
  const sorted = [...ingresses].sort((a, b) => created(a).localeCompare(created(b)) || cacheName(a).localeCompare(cacheName(b)))
  const servers = new Map<string, Server>()
  const serverOf = (host: string): Server => {
    let s = servers.get(host)
    if (!s) servers.set(host, (s = { host, locations: [] }))
    return s
  }
  serverOf('_')
  for (const ing of sorted) {
    const ns = ing.metadata.namespace ?? 'default'
    const spec = (ing.spec ?? {}) as Json
    const def = backendOf(ns, spec.defaultBackend as Json | undefined)
    const name = cacheName(ing)
    const rules = (spec.rules ?? []) as Json[]
    if (def) {
      const catchAll = serverOf('_')
      if (!catchAll.root) {
        catchAll.root = def
        catchAll.rootIngress = name
      }
    }
    for (const rule of rules) {
      const server = serverOf(rule.host ? String(rule.host) : '_')
      if (def && !server.root) {
        server.root = def
        server.rootIngress = name
      }
      const paths = (((rule.http ?? {}) as Json).paths ?? []) as Json[]
      for (const p of paths) {
        const backend = backendOf(ns, p.backend as Json | undefined)
        if (!backend) continue
        const path = String(p.path ?? '/')
        const pathType = (p.pathType ?? 'ImplementationSpecific') as Location['pathType']
        if (server.locations.some((l) => l.path === path && l.pathType === pathType)) continue
        server.locations.push({ path, pathType, backend, ingress: name })
      }
    }
  }
  return { servers: [...servers.values()].sort((a, b) => (a.host === '_' ? 1 : b.host === '_' ? -1 : a.host.localeCompare(b.host))) }
}

function cacheName(o: KObject): string {
  return `${o.metadata.namespace ?? 'default'}/${o.metadata.name ?? ''}`
}

/** Whether a server name matches the Host header (a wildcard matches exactly one label). */
export function hostMatches(serverHost: string, host: string): boolean {
  if (serverHost === host) return true
  if (!serverHost.startsWith('*.')) return false
  const suffix = serverHost.slice(1)
  if (!host.endsWith(suffix)) return false
  const label = host.slice(0, -suffix.length)
  return /^[\w-]+$/.test(label)
}

function pickServer(table: RoutingTable, host: string): Server | undefined {
  const h = host.toLowerCase().replace(/:\d+$/, '')
  return (
    table.servers.find((s) => s.host === h) ??
    table.servers.find((s) => s.host.startsWith('*.') && hostMatches(s.host, h)) ??
    table.servers.find((s) => s.host === '_')
  )
}

/** The nginx prefix a location stands for, or null when it does not match `path`. */
function prefixLength(l: Location, path: string): number {
  if (l.pathType === 'Exact') return -1
  if (l.pathType === 'ImplementationSpecific') return path.startsWith(l.path) ? l.path.length : -1
  // Prefix: element-wise, a trailing slash on either side ignored.
  const p = l.path.replace(/\/+$/, '')
  if (p === '') return 1
  return path === p || path.startsWith(`${p}/`) ? p.length + 1 : -1
}

/** nginx's answer to one request: a backend, or the default backend. */
export function routeRequest(table: RoutingTable, host: string, path: string): RouteMatch {
  const server = pickServer(table, host)
  if (!server) return { kind: 'default', server: '_' }
  const exact = server.locations.find((l) => l.pathType === 'Exact' && l.path === path)
  // An exact Prefix match (`= /p`) is written for Prefix paths too; Exact comes first on a tie.
  let best: Location | undefined = exact
  if (!best) {
    let bestLen = -1
    for (const l of server.locations) {
      const n = prefixLength(l, path)
      if (n > bestLen) {
        best = l
        bestLen = n
      }
    }
  }
  if (best) return { kind: 'backend', server: server.host, location: `${best.path} (${best.pathType})`, backend: best.backend, ingress: best.ingress }
  if (server.root) return { kind: 'backend', server: server.host, location: '/ (default backend of the Ingress)', backend: server.root, ingress: server.rootIngress ?? '' }
  return { kind: 'default', server: server.host }
}

/**
 * Which Ingresses this controller claims (ingress-nginx --ingress-class=nginx
 * --controller-class=k8s.io/ingress-nginx, --watch-ingress-without-class=false): those whose
 * spec.ingressClassName names an IngressClass with its controller, and those without a class when
 * that IngressClass carries `ingressclass.kubernetes.io/is-default-class: "true"`.
 */
export function claimed(ingresses: KObject[], classes: KObject[], controller: string): KObject[] {
  const mine = classes.filter((c) => ((c.spec ?? {}) as Json).controller === controller)
  const names = new Set(mine.map((c) => String(c.metadata.name)))
  const defaultClass = mine.some((c) => c.metadata.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true')
  return ingresses.filter((i) => {
    const cls = ((i.spec ?? {}) as Json).ingressClassName
    // The legacy annotation is still honoured (ingress-nginx --ingress-class=nginx).
    const legacy = i.metadata.annotations?.['kubernetes.io/ingress.class']
    if (typeof cls === 'string') return names.has(cls)
    if (legacy !== undefined) return legacy === 'nginx'
    return defaultClass
  })
}
