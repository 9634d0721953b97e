/**
 * `kubectl get -w` and `--watch-only` (kubectl pkg/cmd/get/get.go `watch`): the LIST is printed
 * (unless --watch-only), then a WATCH from the list's resourceVersion streams changes, and every
 * event is printed at once as one more row with the same columns, the header not repeated. Column
 * widths only grow: a row is padded to the widest cell printed so far in its column, so a later
 * `Pending` lines up under an earlier `Terminating` and `ContainerCreating` pushes the rest right
 * (as real `kubectl get pods -w` output shows). The line runs until it is interrupted (Ctrl+C):
 * kubectl then hangs up the watch.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { ResourceInfo } from '../../k8s/resources.ts'
import type { ApiResponse, WatchEventMessage } from '../../messages.ts'
import type { KObject } from '../../protocol.ts'
import type { GetProg } from './cmd-get.ts'
import { statusErrorText } from './errors.ts'
import { objectRef } from './manifests.ts'
import type { ParsedLine } from './parse.ts'
import { executeJsonPath } from './print/jsonpath.ts'
import { toJson, toYaml } from './print/object-output.ts'
import { objectPath, send, type Finish } from './prog.ts'
import type { KubectlState, RunningCommand } from './state.ts'
import { printNow } from './stream.ts'

export interface GetWatch {
  /** `--watch-only`: the list is read (for its resourceVersion) but not printed. */
  only: boolean
  resourceVersion: string
  /** The watch request was sent: its answer is the stream. */
  opened: boolean
  /** The table header is out: later rows come alone. */
  header: boolean
  /** Objects printed so far (YAML separates them with `---`). */
  printed: number
  /** The widest cell printed so far in each table column. */
  widths: number[]
  /** `--output-watch-events`: an EVENT column (ADDED, MODIFIED, DELETED) first. */
  events: boolean
}

/** tabwriter as kubectl sets it (printers.GetNewTabWriter): minwidth 6, padding 3. */
const minWidth = 6
const padding = 3

function cellsOf(table: string): string[][] {
  return table.split('\n').filter(Boolean).map((l) => l.trimEnd().split(/ {3,}/))
}

function widen(watch: GetWatch, rows: string[][]): void {
  for (const row of rows) row.forEach((cell, i) => (watch.widths[i] = Math.max(watch.widths[i] ?? 0, cell.length)))
}

/** The EVENT column of `--output-watch-events`, header included. */
function withEvents(watch: GetWatch, rows: string[][], type: string): string[][] {
  return watch.events ? rows.map((r, i) => [i === 0 ? 'EVENT' : type, ...r]) : rows
}

function padRows(watch: GetWatch, rows: string[][]): string {
  return rows.map((row) => row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(Math.max(watch.widths[i]! + padding, minWidth)) : cell)).join('') + '\n').join('')
}

/** get.go: a watch follows one kind (`get deploy,rs -w`, `get all -w` are refused). */
export const multipleKindsWatch = 'watch is only supported on individual resources and resource collections - more than 1 resource was found'

export function watchFlags(p: ParsedLine): GetWatch | undefined {
  const only = p.flags['watch-only'] === 'true'
  if (!only && p.flags.watch !== 'true' && p.flags.w !== 'true') return undefined
  return { only, resourceVersion: '', opened: false, header: false, printed: 0, widths: [], events: p.flags['output-watch-events'] === 'true' }
}

type Render = (prog: GetProg, info: ResourceInfo, cmd: RunningCommand, nowMs: number) => { stdout: string; stderr: string }

/** After the LIST (or GET): print it unless --watch-only, then open the watch. */
export function startWatch(state: KubectlState, ctx: Ctx, cmd: RunningCommand, prog: GetProg, info: ResourceInfo, render: Render, finish: Finish): void {
  const watch = prog.watch!
  if (prog.errors) {
    finish(1, '', prog.errors)
    return
  }
  if (!watch.only && prog.items.length) {
    let out = prog.output.startsWith('jsonpath=')
      ? prog.items.map((o) => executeJsonPath(prog.output.slice('jsonpath='.length), o)).join('')
      : render(prog, info, cmd, ctx.startTimeMs + ctx.now).stdout
    if (prog.output === '' || prog.output === 'wide') {
      const rows = withEvents(watch, cellsOf(out), 'ADDED')
      widen(watch, rows)
      // A list's objects are printed as ADDED events when the events are shown.
      if (watch.events) out = padRows(watch, rows)
    }
    watch.header = true
    watch.printed = prog.items.length
    printNow(ctx, cmd, out)
  }
  const name = prog.list ? undefined : prog.names[0]
  const query: [string, string][] = prog.query.filter(([k]) => k === 'labelSelector' || k === 'fieldSelector')
  if (name) query.push(['fieldSelector', encodeURIComponent(`metadata.name=${name}`)])
  // A list's resourceVersion, or "0" for one object (get.go: from ~now, with an initial event).
  const rv = name ? '0' : watch.resourceVersion
  if (rv) query.push(['resourceVersion', rv])
  query.push(['watch', 'true'])
  watch.opened = true
  send(state, ctx, cmd, 'watch', objectPath(info, cmd.allNamespaces ? '' : cmd.namespace), 'get', { query })
}

/** The watch's answer: from now on its events are this line's. */
export function watchOpened(state: KubectlState, ctx: Ctx, cmd: RunningCommand, msg: ApiResponse, finish: Finish): void {
  const stream = msg.body as { watchId?: string }
  if (msg.code >= 300 || !stream.watchId) {
    finish(1, '', statusErrorText(msg.body))
    return
  }
  state.watches[stream.watchId] = cmd.id
  // The line is running and has printed what it printed: the console shows it without an ellipsis.
  printNow(ctx, cmd, '')
}

/** One event: one more row (or object), printed at once. */
export function getWatchEvent(ctx: Ctx, cmd: RunningCommand, prog: GetProg, info: ResourceInfo, msg: WatchEventMessage, render: Render): void {
  const watch = prog.watch!
  const o = msg.object
  let text: string
  // A watch prints each object by itself: a JSONPath template runs over the object, not a List.
  if (prog.output.startsWith('jsonpath=')) text = executeJsonPath(prog.output.slice('jsonpath='.length), o)
  else switch (prog.output) {
    case 'name':
      text = `${objectRef(info, String(o.metadata.name))}\n`
      break
    case 'json':
      text = toJson(o)
      break
    case 'yaml':
      text = `${watch.printed ? '---\n' : ''}${toYaml(o)}`
      break
    default: {
      const one: GetProg = { ...prog, list: true, items: [o as KObject], errors: '' }
      const table = render(one, info, cmd, ctx.startTimeMs + ctx.now).stdout
      const rows = withEvents(watch, cellsOf(table), msg.type).slice(watch.header ? 1 : 0)
      widen(watch, rows)
      text = padRows(watch, rows)
      watch.header = true
    }
  }
  watch.printed++
  printNow(ctx, cmd, text)
}
