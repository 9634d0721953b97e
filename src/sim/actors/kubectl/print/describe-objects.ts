/**
 * kubectl describe for the kinds beyond pods (pkg/describe/describe.go): Deployment and
 * ReplicaSet with their pod template, Namespace, and the generic describer every other kind gets
 * (printUnstructuredContent: each field, camelCase split into Title Words).
 */
import type { Event, Toleration } from 'kubernetes-types/core/v1'
import type { KObject } from '../../../protocol.ts'
import { writeEvents } from './events-table.ts'
import { formatSelector, ownerRefs } from './get-tables.ts'
import { tolerationText, writeAnnotations, writeLabels } from './multiline.ts'
import { PrefixWriter } from './prefix-writer.ts'
import { since } from './duration.ts'
import { describeTime, parseTime } from './time.ts'

type Json = Record<string, unknown>

function num(v: unknown): number {
  return typeof v === 'number' ? v : 0
}

/** A PrefixWriter whose every line starts `indent` further in (describe's `space` argument). */
class Indented extends PrefixWriter {
  private atStart = true
  constructor(
    private readonly parent: PrefixWriter,
    private readonly indent: string,
  ) {
    super()
  }
  override write(level: number, text: string): void {
    const lead = this.atStart ? this.indent + '  '.repeat(level) : ''
    this.parent.write(0, lead + text)
    this.atStart = text.endsWith('\n')
  }
  override writeLine(text: string): void {
    this.parent.writeLine((this.atStart ? this.indent : '') + text)
    this.atStart = true
  }
}

function ports(c: Json): [string, string] {
  const list = (c.ports ?? []) as Json[]
  if (list.length === 0) return ['Port:\t<none>', 'Host Port:\t<none>']
  const p = list.map((x) => `${x.containerPort}/${x.protocol ?? 'TCP'}`).join(', ')
  const h = list.map((x) => `${num(x.hostPort)}/${x.protocol ?? 'TCP'}`).join(', ')
  return list.length === 1 ? [`Port:\t${p}`, `Host Port:\t${h}`] : [`Ports:\t${p}`, `Host Ports:\t${h}`]
}

/** DescribePodTemplate. */
export function writePodTemplate(w: PrefixWriter, template: Json | undefined): void {
  w.write(0, 'Pod Template:\n')
  if (!template) {
    w.write(1, '<unset>')
    return
  }
  const meta = (template.metadata ?? {}) as Json
  const spec = (template.spec ?? {}) as Json
  const t = new Indented(w, '  ')
  writeLabels(t, 'Labels', meta.labels as Record<string, string> | undefined)
  if (meta.annotations && Object.keys(meta.annotations as Json).length) writeAnnotations(t, 'Annotations', meta.annotations as Record<string, string>)
  if (spec.serviceAccountName) w.write(1, `Service Account:\t${String(spec.serviceAccountName)}\n`)
  for (const [title, key] of [['Init Containers', 'initContainers'], ['Containers', 'containers']] as const) {
    const containers = (spec[key] ?? []) as Json[]
    if (key === 'initContainers' && containers.length === 0) continue
    w.write(1, `${title}:\n`)
    for (const c of containers) {
      w.write(0, `   ${String(c.name)}:\n`)
      w.write(2, `Image:\t${String(c.image ?? '')}\n`)
      const [p, h] = ports(c)
      w.write(2, `${p}\n`)
      w.write(2, `${h}\n`)
      for (const [label, field] of [['Command', 'command'], ['Args', 'args']] as const) {
        const items = (c[field] ?? []) as string[]
        if (items.length) {
          w.write(2, `${label}:\n`)
          for (const a of items) w.write(3, `${a}\n`)
        }
      }
      const res = (c.resources ?? {}) as Json
      for (const [label, field] of [['Limits', 'limits'], ['Requests', 'requests']] as const) {
        const m = (res[field] ?? {}) as Json
        const keys = Object.keys(m).sort()
        if (keys.length) {
          w.write(2, `${label}:\n`)
          for (const k of keys) w.write(3, `${k}:\t${String(m[k])}\n`)
        }
      }
      const env = (c.env ?? []) as Json[]
      if (env.length === 0) w.write(2, 'Environment:\t<none>\n')
      else {
        w.write(2, 'Environment:\n')
        for (const e of env) w.write(3, `${String(e.name)}:\t${e.value !== undefined ? String(e.value) : '<set to the key of a reference>'}\n`)
      }
      const mounts = (c.volumeMounts ?? []) as Json[]
      if (mounts.length === 0) w.write(2, 'Mounts:\t<none>\n')
      else {
        w.write(2, 'Mounts:\n')
        for (const m of mounts) w.write(3, `${String(m.mountPath)} from ${String(m.name)} (${m.readOnly ? 'ro' : 'rw'})\n`)
      }
    }
  }
  const volumes = (spec.volumes ?? []) as Json[]
  if (volumes.length === 0) w.write(1, 'Volumes:\t<none>\n')
  else {
    w.write(1, 'Volumes:\n')
    for (const v of volumes) {
      const type = Object.keys(v).find((k) => k !== 'name') ?? ''
      w.write(2, `${String(v.name)}:\n`)
      w.write(3, `Type:\t${type ? type[0]!.toUpperCase() + type.slice(1) : ''}\n`)
    }
  }
  const selector = Object.entries((spec.nodeSelector ?? {}) as Json).map(([k, v]) => `${k}=${String(v)}`)
  w.write(1, `Node-Selectors:\t${selector.length ? selector.sort().join('\n\t') : '<none>'}\n`)
  const tolerations = (spec.tolerations ?? []) as Json[]
  w.write(1, `Tolerations:\t${tolerations.length ? tolerations.map((t) => tolerationText(t as Toleration)).join('\n\t') : '<none>'}\n`)
  if (spec.priorityClassName) w.write(1, `Priority Class Name:\t${String(spec.priorityClassName)}\n`)
}

function replicaSetsText(sets: KObject[]): string {
  if (sets.length === 0) return '<none>'
  return sets.map((rs) => `${rs.metadata.name} (${num((rs.status as Json | undefined)?.replicas)}/${num((rs.spec as Json | undefined)?.replicas)} replicas created)`).join(', ')
}

/** describeDeployment; `newRS` is the set whose template matches, the others are old. */
export function describeDeployment(d: KObject, newRS: KObject[], oldRSs: KObject[], events: Event[], nowMs: number): string {
  const w = new PrefixWriter()
  const spec = (d.spec ?? {}) as Json
  const st = (d.status ?? {}) as Json
  w.write(0, `Name:\t${d.metadata.name}\n`)
  w.write(0, `Namespace:\t${d.metadata.namespace}\n`)
  w.write(0, `CreationTimestamp:\t${describeTime(d.metadata.creationTimestamp)}\n`)
  writeLabels(w, 'Labels', d.metadata.labels)
  writeAnnotations(w, 'Annotations', d.metadata.annotations)
  w.write(0, `Selector:\t${formatSelector(spec.selector)}\n`)
  w.write(0, `Replicas:\t${num(spec.replicas)} desired | ${num(st.updatedReplicas)} updated | ${num(st.replicas)} total | ${num(st.availableReplicas)} available | ${num(st.unavailableReplicas)} unavailable\n`)
  const strategy = (spec.strategy ?? {}) as Json
  w.write(0, `StrategyType:\t${String(strategy.type ?? '')}\n`)
  w.write(0, `MinReadySeconds:\t${num(spec.minReadySeconds)}\n`)
  const ru = strategy.rollingUpdate as Json | undefined
  if (ru) w.write(0, `RollingUpdateStrategy:\t${String(ru.maxUnavailable)} max unavailable, ${String(ru.maxSurge)} max surge\n`)
  writePodTemplate(w, spec.template as Json | undefined)
  writeConditions(w, (st.conditions ?? []) as Json[])
  w.write(0, `OldReplicaSets:\t${replicaSetsText(oldRSs)}\n`)
  w.write(0, `NewReplicaSet:\t${replicaSetsText(newRS)}\n`)
  writeEvents(w, events, nowMs)
  return w.render()
}

/** describeReplicaSet. */
export function describeReplicaSet(rs: KObject, pods: KObject[], events: Event[], nowMs: number): string {
  const w = new PrefixWriter()
  const spec = (rs.spec ?? {}) as Json
  const st = (rs.status ?? {}) as Json
  w.write(0, `Name:\t${rs.metadata.name}\n`)
  w.write(0, `Namespace:\t${rs.metadata.namespace}\n`)
  w.write(0, `Selector:\t${formatSelector(spec.selector)}\n`)
  writeLabels(w, 'Labels', rs.metadata.labels)
  writeAnnotations(w, 'Annotations', rs.metadata.annotations)
  const owner = ownerRefs(rs).find((o) => o.controller)
  if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}\n`)
  w.write(0, `Replicas:\t${num(st.replicas)} current / ${num(spec.replicas)} desired\n`)
  podsStatus(w, 'Pods Status', pods)
  writePodTemplate(w, spec.template as Json | undefined)
  writeConditions(w, (st.conditions ?? []) as Json[])
  writeEvents(w, events, nowMs)
  return w.render()
}

/** A Deployment's or ReplicaSet's conditions table (describe.go's printed Type/Status/Reason). */
function writeConditions(w: PrefixWriter, conditions: Json[]): void {
  if (!conditions.length) return
  w.write(0, 'Conditions:\n  Type\tStatus\tReason\n')
  w.write(1, '----\t------\t------\n')
  for (const c of conditions) w.write(1, `${String(c.type)} \t${String(c.status)}\t${String(c.reason ?? '')}\n`)
}

function podsStatus(w: PrefixWriter, title: string, pods: KObject[]): void {
  const phase = (p: string): number => pods.filter((x) => (x.status as Json | undefined)?.phase === p).length
  w.write(0, `${title}:\t${phase('Running')} Running / ${phase('Pending')} Waiting / ${phase('Succeeded')} Succeeded / ${phase('Failed')} Failed\n`)
}

/** describeStatefulSet. */
export function describeStatefulSet(o: KObject, pods: KObject[], events: Event[], nowMs: number): string {
  const w = new PrefixWriter()
  const spec = (o.spec ?? {}) as Json
  const st = (o.status ?? {}) as Json
  w.write(0, `Name:\t${o.metadata.name}\n`)
  w.write(0, `Namespace:\t${o.metadata.namespace}\n`)
  w.write(0, `CreationTimestamp:\t${describeTime(o.metadata.creationTimestamp)}\n`)
  w.write(0, `Selector:\t${formatSelector(spec.selector)}\n`)
  writeLabels(w, 'Labels', o.metadata.labels)
  writeAnnotations(w, 'Annotations', o.metadata.annotations)
  w.write(0, `Replicas:\t${num(spec.replicas)} desired | ${num(st.replicas)} total\n`)
  const strategy = (spec.updateStrategy ?? {}) as Json
  w.write(0, `Update Strategy:\t${String(strategy.type ?? '')}\n`)
  const ru = strategy.rollingUpdate as Json | undefined
  if (ru?.partition !== undefined) w.write(1, `Partition:\t${String(ru.partition)}\n`)
  podsStatus(w, 'Pods Status', pods)
  writePodTemplate(w, spec.template as Json | undefined)
  const claims = (spec.volumeClaimTemplates ?? []) as KObject[]
  if (claims.length === 0) w.write(0, 'Volume Claims:\t<none>\n')
  else {
    w.write(0, 'Volume Claims:\n')
    for (const c of claims) {
      const cs = (c.spec ?? {}) as Json
      w.write(1, `Name:\t${c.metadata?.name}\n`)
      w.write(1, `StorageClass:\t${String(cs.storageClassName ?? '')}\n`)
      writeLabels(new IndentedFor(w), 'Labels', c.metadata?.labels)
      writeAnnotations(new IndentedFor(w), 'Annotations', c.metadata?.annotations)
      w.write(1, `Capacity:\t${String(((((cs.resources ?? {}) as Json).requests ?? {}) as Json).storage ?? '')}\n`)
      w.write(1, `Access Modes:\t[${((cs.accessModes ?? []) as string[]).join(' ')}]\n`)
    }
  }
  writeEvents(w, events, nowMs)
  return w.render()
}

/** describeDaemonSet. */
export function describeDaemonSet(o: KObject, pods: KObject[], events: Event[], nowMs: number): string {
  const w = new PrefixWriter()
  const spec = (o.spec ?? {}) as Json
  const st = (o.status ?? {}) as Json
  w.write(0, `Name:\t${o.metadata.name}\n`)
  w.write(0, `Namespace:\t${o.metadata.namespace}\n`)
  w.write(0, `Selector:\t${formatSelector(spec.selector)}\n`)
  const ns = ((spec.template as Json | undefined)?.spec as Json | undefined)?.nodeSelector as Record<string, string> | undefined
  w.write(0, `Node-Selector:\t${ns && Object.keys(ns).length ? Object.entries(ns).sort().map(([k, v]) => `${k}=${v}`).join(',') : '<none>'}\n`)
  writeLabels(w, 'Labels', o.metadata.labels)
  writeAnnotations(w, 'Annotations', o.metadata.annotations)
  w.write(0, `Desired Number of Nodes Scheduled: ${num(st.desiredNumberScheduled)}\n`)
  w.write(0, `Current Number of Nodes Scheduled: ${num(st.currentNumberScheduled)}\n`)
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${num(st.updatedNumberScheduled)}\n`)
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${num(st.numberAvailable)}\n`)
  w.write(0, `Number of Nodes Misscheduled: ${num(st.numberMisscheduled)}\n`)
  podsStatus(w, 'Pods Status', pods)
  writePodTemplate(w, spec.template as Json | undefined)
  writeEvents(w, events, nowMs)
  return w.render()
}

/** describeJob. */
export function describeJob(o: KObject, events: Event[], nowMs: number): string {
  const w = new PrefixWriter()
  const spec = (o.spec ?? {}) as Json
  const st = (o.status ?? {}) as Json
  w.write(0, `Name:\t${o.metadata.name}\n`)
  w.write(0, `Namespace:\t${o.metadata.namespace}\n`)
  w.write(0, `Selector:\t${formatSelector(spec.selector)}\n`)
  writeLabels(w, 'Labels', o.metadata.labels)
  writeAnnotations(w, 'Annotations', o.metadata.annotations)
  const owner = ownerRefsOf(o).find((r) => r.controller)
  if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}\n`)
  w.write(0, `Parallelism:\t${num(spec.parallelism)}\n`)
  w.write(0, `Completions:\t${spec.completions === undefined || spec.completions === null ? '<unset>' : String(spec.completions)}\n`)
  w.write(0, `Completion Mode:\t${String(spec.completionMode ?? 'NonIndexed')}\n`)
  w.write(0, `Suspend:\t${spec.suspend ? 'true' : 'false'}\n`)
  w.write(0, `Backoff Limit:\t${num(spec.backoffLimit)}\n`)
  if (st.startTime) w.write(0, `Start Time:\t${describeTime(String(st.startTime))}\n`)
  if (st.completionTime) w.write(0, `Completed At:\t${describeTime(String(st.completionTime))}\n`)
  if (st.startTime && st.completionTime) w.write(0, `Duration:\t${since(String(st.startTime), parseTime(String(st.completionTime)) ?? nowMs)}\n`)
  if (spec.activeDeadlineSeconds !== undefined) w.write(0, `Active Deadline Seconds:\t${String(spec.activeDeadlineSeconds)}s\n`)
  w.write(0, `Pods Statuses:\t${num(st.active)} Active (${num(st.ready)} Ready) / ${num(st.succeeded)} Succeeded / ${num(st.failed)} Failed\n`)
  writePodTemplate(w, spec.template as Json | undefined)
  writeEvents(w, events, nowMs)
  return w.render()
}

/** Writes at one indent level deeper, as describe's nested multiline labels do. */
class IndentedFor extends PrefixWriter {
  constructor(private readonly parent: PrefixWriter) {
    super()
  }
  override write(level: number, text: string): void {
    this.parent.write(level + 1, text)
  }
  override writeLine(text: string): void {
    this.parent.writeLine(text)
  }
}

function ownerRefsOf(o: KObject): { kind: string; name: string; controller?: boolean }[] {
  return (o.metadata.ownerReferences ?? []) as { kind: string; name: string; controller?: boolean }[]
}

/** describeNamespace (without quota and limit range sections when there are none). */
export function describeNamespace(ns: KObject): string {
  const w = new PrefixWriter()
  w.write(0, `Name:\t${ns.metadata.name}\n`)
  writeLabels(w, 'Labels', ns.metadata.labels)
  writeAnnotations(w, 'Annotations', ns.metadata.annotations)
  w.write(0, `Status:\t${String((ns.status as Json | undefined)?.phase ?? '')}\n`)
  w.write(0, '\nNo resource quota.\n')
  w.write(0, '\nNo LimitRange resource.\n')
  return w.render()
}

/** Name, Namespace, Labels, Annotations: the header the simple describers share. */
function writeMetaHeader(w: PrefixWriter, o: KObject): void {
  w.write(0, `Name:\t${o.metadata.name}\n`)
  w.write(0, `Namespace:\t${o.metadata.namespace}\n`)
  writeLabels(w, 'Labels', o.metadata.labels)
  writeAnnotations(w, 'Annotations', o.metadata.annotations)
}

/** describeConfigMap: each key, a `----` rule, its value; then BinaryData with sizes. */
export function describeConfigMap(cm: KObject, events: Event[], nowMs: number): string {
  const w = new PrefixWriter()
  writeMetaHeader(w, cm)
  w.write(0, '\nData\n====\n')
  const data = ((cm as Json).data ?? {}) as Record<string, string>
  for (const k of Object.keys(data).sort()) {
    w.write(0, `${k}:\n----\n`)
    w.write(0, `${data[k]}\n`)
    w.write(0, '\n')
  }
  w.write(0, '\nBinaryData\n====\n')
  const binary = ((cm as Json).binaryData ?? {}) as Record<string, string>
  for (const k of Object.keys(binary).sort()) w.write(0, `${k}: ${Math.floor((binary[k]!.length * 3) / 4)} bytes\n`)
  w.write(0, '\n')
  writeEvents(w, events, nowMs)
  return w.render()
}

/** Bytes a base64 text decodes to. */
function decodedLength(b64: string): number {
  const pad = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0
  return (b64.length / 4) * 3 - pad
}

/** describeSecret: the type, and each key's size, never its value; no events. */
export function describeSecret(secret: KObject): string {
  const w = new PrefixWriter()
  writeMetaHeader(w, secret)
  w.write(0, `\nType:\t${String((secret as Json).type ?? '')}\n`)
  w.write(0, '\nData\n====\n')
  const data = ((secret as Json).data ?? {}) as Record<string, string>
  for (const k of Object.keys(data).sort()) w.write(0, `${k}:\t${decodedLength(data[k]!)} bytes\n`)
  return w.render()
}

/** describeServiceAccount: pull and mountable secrets, tokens, events. */
export function describeServiceAccount(sa: KObject, events: Event[], nowMs: number): string {
  const w = new PrefixWriter()
  writeMetaHeader(w, sa)
  const names = (key: string): string => (((sa as Json)[key] ?? []) as { name?: string }[]).map((r) => r.name ?? '').join(', ') || '<none>'
  w.write(0, `Image pull secrets:\t${names('imagePullSecrets')}\n`)
  w.write(0, `Mountable secrets:\t${names('secrets')}\n`)
  w.write(0, 'Tokens:\t<none>\n')
  writeEvents(w, events, nowMs)
  return w.render()
}

const ACRONYMS = new Set(['api', 'uid', 'ip', 'url', 'id', 'cidr', 'dns', 'tls', 'cpu', 'http', 'https', 'tcp', 'udp', 'json', 'uri', 'os'])

/** `creationTimestamp` → `Creation Timestamp` (describe's camelCase splitting). */
function title(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
  // smartLabelFor keeps the common acronyms upper case.
  return words
    .split(' ')
    .map((w) => (ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : w[0]!.toUpperCase() + w.slice(1)))
    .join(' ')
}

/** A map's fields in sorted order, as printUnstructuredContent walks them (at every depth). */
function writeFields(w: PrefixWriter, level: number, map: Json): void {
  for (const [k, v] of Object.entries(map).sort(([a], [b]) => (a < b ? -1 : 1))) writeValue(w, level, k, v)
}

/** Go's `%v` of a decoded JSON scalar: a null is `<nil>`. */
const scalar = (value: unknown): string => (value === null ? '<nil>' : String(value))

function writeValue(w: PrefixWriter, level: number, key: string, value: unknown): void {
  if (Array.isArray(value)) {
    w.write(level, `${title(key)}:\n`)
    for (const item of value) {
      if (typeof item === 'object' && item !== null) writeFields(w, level + 1, item as Json)
      else w.write(level + 1, `${scalar(item)}\n`)
    }
    return
  }
  if (typeof value === 'object' && value !== null) {
    w.write(level, `${title(key)}:\n`)
    writeFields(w, level + 1, value as Json)
    return
  }
  w.write(level, `${title(key)}:\t${scalar(value)}\n`)
}

const SKIP_META = new Set(['name', 'namespace', 'labels', 'annotations', 'managedFields'])

/** GenericDescriber: metadata header, then every other field, then events. */
export function describeGeneric(o: KObject, events: Event[], nowMs: number): string {
  const w = new PrefixWriter()
  w.write(0, `Name:\t${o.metadata.name}\n`)
  // Written for every kind, empty for one that is not namespaced (genericDescriber.Describe).
  w.write(0, `Namespace:\t${o.metadata.namespace ?? ''}\n`)
  writeLabels(w, 'Labels', o.metadata.labels)
  writeAnnotations(w, 'Annotations', o.metadata.annotations)
  w.write(0, `API Version:\t${o.apiVersion}\n`)
  const x = o as unknown as Json
  for (const key of Object.keys(x).sort()) {
    if (key === 'apiVersion') continue
    if (key === 'metadata') {
      const meta = Object.fromEntries(Object.entries(o.metadata).filter(([k]) => !SKIP_META.has(k)))
      writeValue(w, 0, 'metadata', meta)
      continue
    }
    if (key === 'kind') {
      w.write(0, `Kind:\t${o.kind}\n`)
      continue
    }
    writeValue(w, 0, key, x[key])
  }
  writeEvents(w, events, nowMs)
  return w.render()
}
