/**
 * kubectl describe node (pkg/describe/describe.go describeNode, describeNodeResource): the node,
 * its Lease, the non-terminated pods bound to it with their requests and limits as a share of
 * allocatable, and its events.
 */
import type { Event } from 'kubernetes-types/core/v1'
import type { KObject } from '../../../protocol.ts'
import { since } from './duration.ts'
import { writeEvents } from './events-table.ts'
import { nodeRoles } from './get-nodes.ts'
import { writeAnnotations, writeLabels } from './multiline.ts'
import { PrefixWriter } from './prefix-writer.ts'
import { quantityValue } from './quantity.ts'
import { describeTime } from './time.ts'

type Json = Record<string, unknown>

/** Quantity.String() of a cpu amount in millicores: `2`, `250m`. */
function cpuText(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`
}

/** Quantity.String() of a byte count, binary suffixes when exact (as the summed requests are). */
function memText(bytes: number): string {
  if (bytes === 0) return '0'
  for (const [suffix, size] of [['Ei', 2 ** 60], ['Pi', 2 ** 50], ['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const)
    if (bytes % size === 0) return `${bytes / size}${suffix}`
  for (const [suffix, size] of [['G', 1e9], ['M', 1e6], ['k', 1e3]] as const) if (bytes % size === 0) return `${bytes / size}${suffix}`
  return String(bytes)
}

interface Totals {
  cpuReq: number
  cpuLim: number
  memReq: number
  memLim: number
  ephReq: number
  ephLim: number
}

/** resourcehelper.PodRequestsAndLimits: the sum over containers (init containers: the max). */
function podTotals(pod: KObject): Totals {
  const t: Totals = { cpuReq: 0, cpuLim: 0, memReq: 0, memLim: 0, ephReq: 0, ephLim: 0 }
  const spec = (pod.spec ?? {}) as Json
  for (const c of (spec.containers ?? []) as Json[]) {
    const r = (c.resources ?? {}) as { requests?: Json; limits?: Json }
    t.cpuReq += Math.round(quantityValue(r.requests?.cpu as string | undefined) * 1000)
    t.cpuLim += Math.round(quantityValue(r.limits?.cpu as string | undefined) * 1000)
    t.memReq += quantityValue(r.requests?.memory as string | undefined)
    t.memLim += quantityValue(r.limits?.memory as string | undefined)
    t.ephReq += quantityValue(r.requests?.['ephemeral-storage'] as string | undefined)
    t.ephLim += quantityValue(r.limits?.['ephemeral-storage'] as string | undefined)
  }
  return t
}

function pct(part: number, whole: number): number {
  return whole > 0 ? Math.trunc((part / whole) * 100) : 0
}

export function describeNode(node: KObject, lease: KObject | null, pods: KObject[], events: Event[], nowMs: number): string {
  const w = new PrefixWriter()
  const spec = (node.spec ?? {}) as Json
  const status = (node.status ?? {}) as Json
  w.write(0, `Name:\t${node.metadata.name}\n`)
  w.write(0, `Roles:\t${nodeRoles(node as never)}\n`)
  writeLabels(w, 'Labels', node.metadata.labels)
  writeAnnotations(w, 'Annotations', node.metadata.annotations)
  w.write(0, `CreationTimestamp:\t${describeTime(node.metadata.creationTimestamp)}\n`)
  const taints = (spec.taints ?? []) as Json[]
  if (taints.length === 0) w.write(0, 'Taints:\t<none>\n')
  else taints.forEach((t, i) => w.write(0, `${i === 0 ? 'Taints:' : ''}\t${String(t.key)}${t.value ? `=${String(t.value)}` : ''}:${String(t.effect)}\n`))
  w.write(0, `Unschedulable:\t${spec.unschedulable ? 'true' : 'false'}\n`)
  const ls = ((lease?.spec ?? {}) as Json)
  w.write(0, 'Lease:\n')
  w.write(1, `HolderIdentity:\t${ls.holderIdentity ? String(ls.holderIdentity) : '<unset>'}\n`)
  w.write(1, `AcquireTime:\t${ls.acquireTime ? describeTime(String(ls.acquireTime)) : '<unset>'}\n`)
  w.write(1, `RenewTime:\t${ls.renewTime ? describeTime(String(ls.renewTime)) : '<unset>'}\n`)
  const conditions = (status.conditions ?? []) as Json[]
  if (conditions.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n')
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n')
    for (const c of conditions)
      w.write(1, `${String(c.type)} \t${String(c.status)} \t${describeTime(c.lastHeartbeatTime as string)} \t${describeTime(c.lastTransitionTime as string)} \t${String(c.reason ?? '')} \t${String(c.message ?? '')}\n`)
  }
  w.write(0, 'Addresses:\n')
  for (const a of (status.addresses ?? []) as Json[]) w.write(1, `${String(a.type)}:\t${String(a.address)}\n`)
  for (const [title, key] of [['Capacity', 'capacity'], ['Allocatable', 'allocatable']] as const) {
    const list = (status[key] ?? {}) as Json
    if (Object.keys(list).length === 0) continue
    w.write(0, `${title}:\n`)
    for (const r of Object.keys(list).sort()) w.write(0, `  ${r}:\t${String(list[r])}\n`)
  }
  const info = (status.nodeInfo ?? {}) as Json
  const field = (k: string): string => String(info[k] ?? '')
  w.write(0, 'System Info:\n')
  w.write(0, `  Machine ID:\t${field('machineID')}\n`)
  w.write(0, `  System UUID:\t${field('systemUUID')}\n`)
  w.write(0, `  Boot ID:\t${field('bootID')}\n`)
  w.write(0, `  Kernel Version:\t${field('kernelVersion')}\n`)
  w.write(0, `  OS Image:\t${field('osImage')}\n`)
  w.write(0, `  Operating System:\t${field('operatingSystem')}\n`)
  w.write(0, `  Architecture:\t${field('architecture')}\n`)
  w.write(0, `  Container Runtime Version:\t${field('containerRuntimeVersion')}\n`)
  w.write(0, `  Kubelet Version:\t${field('kubeletVersion')}\n`)
  w.write(0, `  Kube-Proxy Version:\t${field('kubeProxyVersion')}\n`)
  if (spec.podCIDR) w.write(0, `PodCIDR:\t${String(spec.podCIDR)}\n`)
  const cidrs = (spec.podCIDRs ?? []) as string[]
  if (cidrs.length) w.write(0, `PodCIDRs:\t${cidrs.join(',')}\n`)
  const alloc = (Object.keys((status.allocatable ?? {}) as Json).length ? status.allocatable : status.capacity) as Json
  const cpuAlloc = Math.round(quantityValue(alloc.cpu as string) * 1000)
  const memAlloc = quantityValue(alloc.memory as string)
  const ephAlloc = quantityValue(alloc['ephemeral-storage'] as string)
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`)
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n')
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n')
  const sum: Totals = { cpuReq: 0, cpuLim: 0, memReq: 0, memLim: 0, ephReq: 0, ephLim: 0 }
  for (const pod of pods) {
    const t = podTotals(pod)
    for (const k of Object.keys(sum) as (keyof Totals)[]) sum[k] += t[k]
    w.write(
      1,
      `${pod.metadata.namespace}\t${pod.metadata.name}\t\t${cpuText(t.cpuReq)} (${pct(t.cpuReq, cpuAlloc)}%)\t${cpuText(t.cpuLim)} (${pct(t.cpuLim, cpuAlloc)}%)\t${memText(t.memReq)} (${pct(t.memReq, memAlloc)}%)\t${memText(t.memLim)} (${pct(t.memLim, memAlloc)}%)\t${since(pod.metadata.creationTimestamp, nowMs)}\n`,
    )
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n')
  w.write(1, 'Resource\tRequests\tLimits\n')
  w.write(1, '--------\t--------\t------\n')
  w.write(1, `cpu\t${cpuText(sum.cpuReq)} (${pct(sum.cpuReq, cpuAlloc)}%)\t${cpuText(sum.cpuLim)} (${pct(sum.cpuLim, cpuAlloc)}%)\n`)
  w.write(1, `memory\t${memText(sum.memReq)} (${pct(sum.memReq, memAlloc)}%)\t${memText(sum.memLim)} (${pct(sum.memLim, memAlloc)}%)\n`)
  w.write(1, `ephemeral-storage\t${memText(sum.ephReq)} (${pct(sum.ephReq, ephAlloc)}%)\t${memText(sum.ephLim)} (${pct(sum.ephLim, ephAlloc)}%)\n`)
  for (const r of Object.keys(alloc).filter((k) => k.startsWith('hugepages-')).sort()) w.write(1, `${r}\t0 (0%)\t0 (0%)\n`)
  writeEvents(w, events, nowMs)
  return w.render()
}
