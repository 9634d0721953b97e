/**
 * `kubectl describe service` (staging/src/k8s.io/kubectl/pkg/describe/describe.go
 * describeService): the spec, then per port its target, node port and the ready endpoints the
 * Service's EndpointSlices hold, then the events.
 */
import type { Event } from 'kubernetes-types/core/v1'
import type { KObject } from '../../../protocol.ts'
import { writeEvents } from './events-table.ts'
import { writeAnnotations, writeLabels } from './multiline.ts'
import { PrefixWriter } from './prefix-writer.ts'

type Json = Record<string, unknown>

interface Port {
  name?: string
  port?: number
  protocol?: string
  targetPort?: number | string
  nodePort?: number
}

/** Ready addresses of the slices for one port, `ip:port`, the first three then `+ N more...`. */
export function sliceEndpoints(slices: KObject[], portName: string): string {
  const list: string[] = []
  for (const s of slices) {
    const port = ((s.ports ?? []) as { name?: string; port?: number }[]).find((p) => (p.name ?? '') === portName)
    for (const e of (s.endpoints ?? []) as { addresses: string[]; conditions?: { ready?: boolean } }[]) {
      if (e.conditions?.ready === false) continue
      for (const a of e.addresses) list.push(port?.port ? `${a}:${port.port}` : a)
    }
  }
  if (list.length === 0) return '<none>'
  return list.length > 3 ? `${list.slice(0, 3).join(',')} + ${list.length - 3} more...` : list.join(',')
}

function selectorText(selector: Record<string, string> | undefined): string {
  const keys = Object.keys(selector ?? {}).sort()
  return keys.length ? keys.map((k) => `${k}=${selector![k]}`).join(',') : '<none>'
}

export function describeService(svc: KObject, slices: KObject[], events: KObject[], nowMs: number): string {
  const spec = (svc.spec ?? {}) as Json
  const w = new PrefixWriter()
  w.write(0, `Name:\t${svc.metadata.name}\n`)
  w.write(0, `Namespace:\t${svc.metadata.namespace}\n`)
  writeLabels(w, 'Labels', svc.metadata.labels)
  writeAnnotations(w, 'Annotations', svc.metadata.annotations)
  w.write(0, `Selector:\t${selectorText(spec.selector as Record<string, string> | undefined)}\n`)
  w.write(0, `Type:\t${spec.type}\n`)
  if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`)
  const families = (spec.ipFamilies ?? []) as string[]
  if (families.length) w.write(0, `IP Families:\t${families.join(',')}\n`)
  const ips = (spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : [])) as string[]
  w.write(0, `IP:\t${spec.clusterIP ?? ''}\n`)
  if (ips.length) w.write(0, `IPs:\t${ips.join(',')}\n`)
  const external = (spec.externalIPs ?? []) as string[]
  if (external.length) w.write(0, `External IPs:\t${external.join(',')}\n`)
  const ingress = ((((svc.status ?? {}) as Json).loadBalancer as Json | undefined)?.ingress ?? []) as { ip?: string; hostname?: string; ipMode?: string }[]
  if (ingress.length)
    w.write(0, `LoadBalancer Ingress:\t${ingress.map((i) => `${i.ip ?? i.hostname ?? ''}${i.ipMode ? ` (${i.ipMode})` : ''}`).join(', ')}\n`)
  if (spec.type === 'ExternalName') w.write(0, `External Name:\t${spec.externalName}\n`)
  for (const p of (spec.ports ?? []) as Port[]) {
    const name = p.name || '<unset>'
    w.write(0, `Port:\t${name}\t${p.port}/${p.protocol}\n`)
    if (p.targetPort !== undefined) w.write(0, `TargetPort:\t${p.targetPort}/${p.protocol}\n`)
    if (p.nodePort) w.write(0, `NodePort:\t${name}\t${p.nodePort}/${p.protocol}\n`)
    w.write(0, `Endpoints:\t${sliceEndpoints(slices, p.name ?? '')}\n`)
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity}\n`)
  if (spec.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`)
  if (spec.internalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`)
  writeEvents(w, events as unknown as Event[], nowMs)
  return w.render()
}

/** `kubectl get endpointslices`: NAME ADDRESSTYPE PORTS ENDPOINTS AGE cells after the name. */
export function endpointSliceCells(s: KObject): [string, string, string] {
  const ports = ((s.ports ?? []) as { port?: number }[]).map((p) => (p.port ? String(p.port) : '<unset>'))
  const addrs = ((s.endpoints ?? []) as { addresses: string[] }[]).flatMap((e) => e.addresses)
  const shown = addrs.length === 0 ? '<unset>' : addrs.length > 3 ? `${addrs.slice(0, 3).join(',')} + ${addrs.length - 3} more...` : addrs.join(',')
  return [String(s.addressType ?? ''), ports.length ? ports.join(',') : '<unset>', shown]
}
