/**
 * Ingress and IngressClass printing (kubectl v1.34): `kubectl describe ingress` as
 * staging/src/k8s.io/kubectl/pkg/describe/describe.go describeIngressV1 writes it (Address, Ingress
 * Class, Default backend, the Rules table with each backend's ready endpoints from its Service's
 * EndpointSlices, Annotations, Events), `describe ingressclass`, and the `get` columns of
 * pkg/printers/internalversion/printers.go printIngress / printIngressClass.
 */
import type { Event } from 'kubernetes-types/core/v1'
import type { KObject } from '../../../protocol.ts'
import { sliceEndpoints } from './describe-service.ts'
import { writeEvents } from './events-table.ts'
import { writeAnnotations, writeLabels } from './multiline.ts'
import { PrefixWriter } from './prefix-writer.ts'

type Json = Record<string, unknown>

/** printers.go loadBalancerWidth: the ADDRESS column is cut to 16 characters unless -o wide. */
const loadBalancerWidth = 16

/** ingressLoadBalancerStatusStringerV1: IPs and hostnames joined by commas. */
export function ingressAddress(o: KObject, wide: boolean): string {
  const lb = ((((o.status ?? {}) as Json).loadBalancer ?? {}) as Json).ingress as { ip?: string; hostname?: string }[] | undefined
  const r = (lb ?? []).map((i) => i.ip || i.hostname || '').filter(Boolean).join(',')
  return !wide && r.length > loadBalancerWidth ? `${r.slice(0, loadBalancerWidth - 3)}...` : r
}

/** printers.go formatHosts: the first four hosts, `*` for none. */
export function ingressHosts(o: KObject): string {
  const hosts = (((o.spec ?? {}) as Json).rules as Json[] | undefined ?? []).map((r) => String(r.host ?? '')).filter(Boolean)
  if (!hosts.length) return '*'
  return hosts.length > 4 ? `${hosts.slice(0, 4).join(',')} + ${hosts.length - 4} more...` : hosts.join(',')
}

function backendText(ns: string, b: Json | undefined, services: KObject[], slices: KObject[]): string {
  const svc = b?.service as { name?: string; port?: { number?: number; name?: string } } | undefined
  if (svc?.name) {
    const port = svc.port?.number ? String(svc.port.number) : (svc.port?.name ?? '')
    const sb = `${svc.name}:${port}`
    const s = services.find((x) => x.metadata.namespace === ns && x.metadata.name === svc.name)
    if (!s) return `${sb} (<error: services "${svc.name}" not found>)`
    let spName = ''
    for (const sp of (((s.spec ?? {}) as Json).ports ?? []) as { name?: string; port?: number }[]) {
      if ((svc.port?.number && svc.port.number === sp.port) || (svc.port?.name && svc.port.name === sp.name)) spName = sp.name ?? ''
    }
    const mine = slices.filter((x) => x.metadata.namespace === ns && x.metadata.labels?.['kubernetes.io/service-name'] === svc.name)
    return `${sb} (${sliceEndpoints(mine, spName)})`
  }
  const res = b?.resource as { apiGroup?: string; kind?: string; name?: string } | undefined
  if (res) return `APIGroup: ${res.apiGroup ?? '<none>'}, Kind: ${res.kind}, Name: ${res.name}`
  return ''
}

export function describeIngress(ing: KObject, services: KObject[], slices: KObject[], events: Event[], nowMs: number): string {
  const spec = (ing.spec ?? {}) as Json
  const ns = ing.metadata.namespace ?? 'default'
  const w = new PrefixWriter()
  w.write(0, `Name:\t${ing.metadata.name}\n`)
  writeLabels(w, 'Labels', ing.metadata.labels)
  w.write(0, `Namespace:\t${ns}\n`)
  w.write(0, `Address:\t${ingressAddress(ing, true)}\n`)
  w.write(0, `Ingress Class:\t${typeof spec.ingressClassName === 'string' ? spec.ingressClassName : '<none>'}\n`)
  const def = spec.defaultBackend ? backendText(ns, spec.defaultBackend as Json, services, slices) : '<default>'
  w.write(0, `Default backend:\t${def}\n`)
  const tls = (spec.tls ?? []) as { hosts?: string[]; secretName?: string }[]
  if (tls.length) {
    w.write(0, 'TLS:\n')
    for (const t of tls) w.write(1, t.secretName ? `${t.secretName} terminates ${(t.hosts ?? []).join(',')}\n` : `SNI routes ${(t.hosts ?? []).join(',')}\n`)
  }
  w.write(0, 'Rules:\n  Host\tPath\tBackends\n')
  w.write(1, '----\t----\t--------\n')
  let count = 0
  for (const rule of (spec.rules ?? []) as Json[]) {
    const http = rule.http as { paths?: Json[] } | undefined
    if (!http) continue
    count++
    w.write(1, `${rule.host ? String(rule.host) : '*'}\t\n`)
    for (const p of http.paths ?? []) w.write(2, `\t${String(p.path ?? '')} \t${backendText(ns, p.backend as Json, services, slices)}\n`)
  }
  if (count === 0) w.write(1, `*\t*\t${def}\n`)
  writeAnnotations(w, 'Annotations', ing.metadata.annotations)
  writeEvents(w, events, nowMs)
  return w.render()
}

export function describeIngressClass(ic: KObject, events: Event[], nowMs: number): string {
  const spec = (ic.spec ?? {}) as Json
  const w = new PrefixWriter()
  w.write(0, `Name:\t${ic.metadata.name}\n`)
  writeLabels(w, 'Labels', ic.metadata.labels)
  writeAnnotations(w, 'Annotations', ic.metadata.annotations)
  w.write(0, `Controller:\t${String(spec.controller ?? '')}\n`)
  const p = spec.parameters as { apiGroup?: string; kind?: string; name?: string } | undefined
  if (p) {
    w.write(0, 'Parameters:\n')
    if (p.apiGroup) w.write(1, `APIGroup:\t${p.apiGroup}\n`)
    w.write(1, `Kind:\t${p.kind}\n`)
    w.write(1, `Name:\t${p.name}\n`)
  }
  writeEvents(w, events, nowMs)
  return w.render()
}

/** printIngressClass's PARAMETERS cell: `<kind>/<name>` with the group, `<none>` without. */
export function ingressClassParameters(ic: KObject): string {
  const p = ((ic.spec ?? {}) as Json).parameters as { apiGroup?: string; kind?: string; name?: string } | undefined
  if (!p) return '<none>'
  return `${p.apiGroup ? `${p.kind}.${p.apiGroup}` : p.kind}/${p.name}`
}
