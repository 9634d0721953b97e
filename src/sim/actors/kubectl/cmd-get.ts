/**
 * `kubectl get` for every served kind: one LIST (`?limit=500`, with `labelSelector` for `-l`) or
 * one GET per name, printed as a table (`-o wide`, `--show-labels`, `-A`), or `-o json|yaml|name`.
 */
import type { Ctx } from '../../engine/actor.ts'
import { resourceByWord } from '../../k8s/discovery.ts'
import { resourceByName, type ResourceInfo } from '../../k8s/resources.ts'
import type { ApiResponse, WatchEventMessage } from '../../messages.ts'
import type { KObject } from '../../protocol.ts'
import { statusErrorText } from './errors.ts'
import { objectRef } from './manifests.ts'
import type { ParsedLine } from './parse.ts'
import { eventAge } from './print/events-table.ts'
import { columnsFor, formatLabels } from './print/get-tables.ts'
import { getNodes } from './print/get-nodes.ts'
import { byNamespaceAndName, getPods, noResources } from './print/get-pods.ts'
import { asList, toJson, toYaml } from './print/object-output.ts'
import { customColumns, executeJsonPath, JsonPathError, parseTemplate } from './print/jsonpath.ts'
import { formatTable } from './print/tabwriter.ts'
import { objectPath, parseTargets, send, unknownFlag, type Finish } from './prog.ts'
import type { KubectlState, RunningCommand } from './state.ts'
import { getWatchEvent, multipleKindsWatch, startWatch, watchFlags, watchOpened, type GetWatch } from './get-watch.ts'
import type { Event } from 'kubernetes-types/core/v1'

export interface GetProg {
  type: 'get'
  resource: string
  group: string
  names: string[]
  i: number
  items: KObject[]
  errors: string
  output: string
  showLabels: boolean
  list: boolean
  /** `get deploy,rs` and `get all`: the kinds still to list, each table named `kind/name`. */
  more: [string, string][]
  showKind: boolean
  query: [string, string][]
  printed: string[]
  /** `-w` / `--watch-only`: after the list (printed or not), the watch that streams changes. */
  watch?: GetWatch
}

/** The `all` category (each kind's discovery categories), in kubectl's order. */
const ALL: [string, string][] = [
  ['pods', ''], ['services', ''], ['daemonsets', 'apps'], ['deployments', 'apps'], ['replicasets', 'apps'],
  ['statefulsets', 'apps'], ['replicationcontrollers', ''], ['horizontalpodautoscalers', 'autoscaling'], ['jobs', 'batch'], ['cronjobs', 'batch'],
]

const GET_FLAGS = ['output', 'selector', 'all-namespaces', 'show-labels', 'watch', 'w', 'watch-only', 'field-selector', 'chunk-size', 'sort-by', 'no-headers', 'label-columns', 'L', 'show-kind', 'ignore-not-found', 'raw', 'filename', 'recursive', 'subresource', 'output-watch-events', 'server-print', 'show-managed-fields', 'template', 'allow-missing-template-keys', 'kustomize', 'k']

const OUTPUTS = ['', 'wide', 'json', 'yaml', 'name']

export function startGetObjects(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine): { ok: true } | { ok: false; stderr: string } {
  const bad = unknownFlag(p, 'get', GET_FLAGS)
  if (bad) return { ok: false, stderr: bad }
  const kinds: [string, string][] = []
  const first = p.args[1] ?? ''
  if (!first.includes('/') && (first.includes(',') || first === 'all')) {
    for (const word of first.split(',')) {
      if (word === 'all') {
        kinds.push(...ALL.filter(([r, g]) => !kinds.some(([x, y]) => x === r && y === g)))
        continue
      }
      const info = resourceByWord(word)
      if (!info) return { ok: false, stderr: `error: the server doesn't have a resource type "${word}"\n` }
      kinds.push([info.resource, info.group])
    }
    if (p.args.length > 2) return { ok: false, stderr: 'error: you must specify only one resource\n' }
  }
  const parsed = kinds.length ? parseTargets([resourceByName(kinds[0]![0], kinds[0]![1])!.resource]) : parseTargets(p.args.slice(1))
  if (!parsed) return { ok: false, stderr: 'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n' }
  if (!parsed.ok) return parsed
  const { info, names } = parsed.targets
  const template = templateError(cmd.output)
  if (template) return { ok: false, stderr: template }
  if (cmd.output.startsWith('jsonpath=')) {
    // kubectl parses the template before it sends anything (printers.NewJSONPathPrinter).
    const spec = cmd.output.slice('jsonpath='.length)
    try {
      parseTemplate(spec)
    } catch (e) {
      if (!(e instanceof JsonPathError)) throw e
      return { ok: false, stderr: `error: error parsing jsonpath ${spec}, ${e.message}\n` }
    }
  }
  if (!OUTPUTS.includes(cmd.output) && !isTemplateOutput(cmd.output))
    return { ok: false, stderr: `error: unable to match a printer suitable for the output format "${cmd.output}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n` }
  const selector = p.flags.selector
  if (names.length && selector) return { ok: false, stderr: 'error: name cannot be provided when a selector is specified\n' }
  const watch = watchFlags(p)
  if (watch && kinds.length > 1) return { ok: false, stderr: `error: ${multipleKindsWatch}\n` }
  const prog: GetProg = {
    type: 'get',
    resource: info.resource,
    group: info.group,
    names,
    i: 0,
    items: [],
    errors: '',
    output: cmd.output,
    showLabels: p.flags['show-labels'] === 'true',
    list: names.length === 0,
    more: kinds.slice(1),
    showKind: kinds.length > 1 || p.flags['show-kind'] === 'true',
    query: [['limit', '500']],
    printed: [],
    ...(watch ? { watch } : {}),
  }
  cmd.carry = prog
  cmd.resource = info.resource
  if (prog.list) {
    if (selector && selector !== 'true') prog.query.push(['labelSelector', encodeURIComponent(selector)])
    const fieldSelector = p.flags['field-selector']
    if (fieldSelector && fieldSelector !== 'true') prog.query.push(['fieldSelector', encodeURIComponent(fieldSelector)])
    send(state, ctx, cmd, 'list', objectPath(info, cmd.allNamespaces ? '' : cmd.namespace), 'get', { query: prog.query })
  } else send(state, ctx, cmd, 'get', objectPath(info, cmd.namespace, names[0]), 'get')
  return { ok: true }
}

export function continueGet(state: KubectlState, ctx: Ctx, cmd: RunningCommand, prog: GetProg, info: ResourceInfo, msg: ApiResponse, finish: Finish): void {
  if (prog.watch?.opened) return watchOpened(state, ctx, cmd, msg, finish)
  if (msg.code >= 300) prog.errors += statusErrorText(msg.body)
  else if (prog.list) {
    prog.items = (msg.body as { items?: KObject[] }).items ?? []
    if (prog.watch) prog.watch.resourceVersion = String((msg.body as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion ?? '')
  } else prog.items.push(msg.body as KObject)
  if (prog.watch) return startWatch(state, ctx, cmd, prog, info, render, finish)
  if (!prog.list && ++prog.i < prog.names.length) {
    send(state, ctx, cmd, 'get', objectPath(info, cmd.namespace, prog.names[prog.i]), 'get')
    return
  }
  const nowMs = ctx.startTimeMs + ctx.now
  if (prog.showKind && prog.list && (prog.output === '' || prog.output === 'wide' || prog.output === 'name')) {
    // Several kinds: one table each, blank-line separated; empty kinds print nothing.
    if (prog.items.length) prog.printed.push(render(prog, info, cmd, nowMs).stdout)
    const next = prog.more.shift()
    if (next) {
      const nextInfo = resourceByName(next[0], next[1])!
      prog.resource = nextInfo.resource
      prog.group = nextInfo.group
      prog.items = []
      send(state, ctx, cmd, 'list', objectPath(nextInfo, cmd.allNamespaces ? '' : cmd.namespace), 'get', { query: prog.query })
      return
    }
    if (prog.printed.length === 0) {
      const none = noResources(cmd.allNamespaces, cmd.namespace)
      finish(prog.errors ? 1 : 0, '', none.stderr + prog.errors)
      return
    }
    finish(prog.errors ? 1 : 0, prog.printed.join(prog.output === 'name' ? '' : '\n'), prog.errors)
    return
  }
  const out = render(prog, info, cmd, nowMs)
  finish(prog.errors || out.stderr.startsWith('error: ') ? 1 : 0, out.stdout, out.stderr + prog.errors)
}

/** `kind/name` in the NAME column of a table another printer made. */
function withKind(table: string, info: ResourceInfo, allNs: boolean): string {
  const rows = table.split('\n').filter(Boolean).map((l) => l.trimEnd().split(/ {3,}/))
  const col = allNs ? 1 : 0
  rows.slice(1).forEach((r) => (r[col] = objectRef(info, r[col]!)))
  return formatTable(rows)
}

const isTemplateOutput = (output: string): boolean => output.startsWith('jsonpath=') || output.startsWith('custom-columns=')

/** `-o jsonpath` or `-o custom-columns` with nothing after it (template_flags.go, customcolumn_flags.go). */
function templateError(output: string): string | undefined {
  if (output === 'jsonpath' || output === 'jsonpath=') return 'error: template format specified but no template given\n'
  if (output === 'custom-columns' || output === 'custom-columns=') return 'error: custom-columns format specified but no custom columns given\n'
  return undefined
}

/** `-o jsonpath=…` over the List (or the one object); `-o custom-columns=…` a row per object. */
function templateOutput(output: string, data: unknown, items: KObject[]): { stdout: string; stderr: string } {
  const spec = output.slice(output.indexOf('=') + 1)
  try {
    if (output.startsWith('jsonpath=')) return { stdout: executeJsonPath(spec, data), stderr: '' }
    return { stdout: formatTable(customColumns(spec, items)), stderr: '' }
  } catch (e) {
    if (!(e instanceof JsonPathError)) throw e
    if (!output.startsWith('jsonpath=')) return { stdout: '', stderr: `error: ${e.message}\n` }
    // printers/jsonpath.go PrintObj (the object itself is printed as Go's %#v there; here as JSON).
    const debug = `Error executing template: ${e.message}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${spec}\n\tobject given to jsonpath engine was:\n\t\t${JSON.stringify(data)}\n\n`
    return { stdout: '', stderr: `error: error executing jsonpath ${JSON.stringify(spec)}: ${debug}\n` }
  }
}

/** An event on a `get -w` watch: one more row. */
export function getWatchEventFor(ctx: Ctx, cmd: RunningCommand, prog: GetProg, msg: WatchEventMessage): void {
  getWatchEvent(ctx, cmd, prog, resourceByName(prog.resource, prog.group)!, msg, render)
}

function render(prog: GetProg, info: ResourceInfo, cmd: RunningCommand, nowMs: number): { stdout: string; stderr: string } {
  // The server's order, which etcd's key order makes a sort by namespace and name; component
  // statuses come in the order their probes answered.
  const items = prog.list && info.resource !== 'componentstatuses' ? [...prog.items].sort(byNamespaceAndName) : prog.items
  if (isTemplateOutput(prog.output) && !prog.errors) return templateOutput(prog.output, prog.list ? asList(items) : items[0], items)
  if (items.length === 0 && !prog.errors) {
    if (prog.output === 'json' || prog.output === 'yaml') {
      const list = asList([])
      return { stdout: prog.output === 'json' ? toJson(list) : toYaml(list), stderr: '' }
    }
    return noResources(cmd.allNamespaces || !info.namespaced, info.namespaced ? cmd.namespace : undefined)
  }
  if (items.length === 0) return { stdout: '', stderr: '' }
  switch (prog.output) {
    case 'name':
      return { stdout: items.map((o) => `${objectRef(info, String(o.metadata.name))}\n`).join(''), stderr: '' }
    case 'json':
    case 'yaml': {
      const doc = items.length === 1 && !prog.list ? items[0] : asList(items)
      return { stdout: prog.output === 'json' ? toJson(doc) : toYaml(doc), stderr: '' }
    }
  }
  const wide = prog.output === 'wide'
  const allNs = cmd.allNamespaces && info.namespaced
  if (info.resource === 'pods' || info.resource === 'nodes') {
    const table = info.resource === 'pods' ? getPods(items, { nowMs, wide, allNamespaces: allNs, namespace: cmd.namespace }) : getNodes(items, { nowMs, wide })
    const labelled = prog.showLabels ? { stdout: addLabels(table.stdout, items), stderr: table.stderr } : table
    return prog.showKind ? { stdout: withKind(labelled.stdout, info, allNs), stderr: labelled.stderr } : labelled
  }
  let header: string[]
  let rows: string[][]
  if (info.resource === 'events') {
    header = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']
    rows = (items as unknown as Event[]).map((e) => [
      eventAge(e, nowMs),
      e.type ?? '',
      e.reason ?? '',
      `${(e.involvedObject.kind ?? '').toLowerCase()}/${e.involvedObject.name ?? ''}`,
      (e.message ?? '').trim(),
    ])
  } else {
    const cols = columnsFor(info.resource)
    header = ['NAME', ...cols.header, ...(wide ? cols.wide : [])]
    rows = items.map((o) => [prog.showKind ? objectRef(info, String(o.metadata.name)) : String(o.metadata.name), ...cols.row(o, nowMs), ...(wide && cols.wideRow ? cols.wideRow(o, nowMs) : [])])
  }
  if (allNs) {
    header.unshift('NAMESPACE')
    rows.forEach((r, i) => r.unshift(String(items[i]!.metadata.namespace ?? '')))
  }
  if (prog.showLabels) {
    header.push('LABELS')
    rows.forEach((r, i) => r.push(formatLabels(items[i]!.metadata.labels)))
  }
  return { stdout: formatTable([header, ...rows]), stderr: '' }
}

/** Adds the LABELS column to a table another printer made (cells are 3+ spaces apart). */
function addLabels(table: string, items: KObject[]): string {
  const lines = table.split('\n').filter(Boolean)
  const rows = lines.map((l) => l.trimEnd().split(/ {3,}/))
  rows[0]!.push('LABELS')
  // The printer sorted the items as byNamespaceAndName does.
  const sorted = [...items].sort(byNamespaceAndName)
  rows.slice(1).forEach((r, i) => r.push(formatLabels(sorted[i]?.metadata.labels)))
  return formatTable(rows)
}
