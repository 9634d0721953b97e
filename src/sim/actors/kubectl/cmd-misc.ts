/**
 * `kubectl create deployment|namespace`, `kubectl events` and `kubectl api-resources`.
 * api-resources answers from kubectl's discovery cache (~/.kube/cache), so it sends nothing.
 */
import type { Ctx } from '../../engine/actor.ts'
import { shortNames } from '../../k8s/discovery.ts'
import { randomSuffix } from '../../k8s/meta.ts'
import type { Status } from '../../k8s/status.ts'
import { apiVersionOf, resourceByName, resources } from '../../k8s/resources.ts'
import type { ApiResponse } from '../../messages.ts'
import type { KObject } from '../../protocol.ts'
import type { Event } from 'kubernetes-types/core/v1'
import { statusErrorText } from './errors.ts'
import type { ParsedLine } from './parse.ts'
import { eventAge } from './print/events-table.ts'
import { formatTable } from './print/tabwriter.ts'
import { parseTime } from './print/time.ts'
import { objectPath, send, unknownFlag, type Finish } from './prog.ts'
import { startCreateIngress } from './create-ingress.ts'
import { createCommonFlags, printCreated, sendCreate } from './create-subcommands.ts'
import type { KubectlState, RunningCommand } from './state.ts'

export interface SimpleProg {
  type: 'simple'
  what: 'create' | 'events'
  ref: string
  /**
   * The noun of `failed to create <noun>: <error>`: the create subcommands that wrap the server's
   * error (create_deployment.go Run); absent, it prints as `Error from server (…)`.
   */
  wrap?: string
  /** `-o yaml|json|name` of a create. */
  output?: string
  /** `--dry-run=server`: the apiserver ran every stage and stored nothing. */
  dryRun?: 'server'
}

/**
 * create_deployment.go buildPodSpec: the image's last path element without tag or digest; a name
 * with `_` or `.` gets them as `-` and a random 5-character suffix (sanitizeAndUniquify). Two images
 * of one name make two containers of one name, which the apiserver refuses.
 */
function containerNames(images: string[], random: () => number): string[] {
  return images.map((image) => {
    const name = (image.split('/').pop() ?? image).split(':')[0]!.split('@')[0]!
    return /[_.]/.test(name) ? `${name.replace(/[_.]/g, '-')}-${randomSuffix(random)}` : name
  })
}

export function startCreate(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine, finish: Finish): { ok: true } | { ok: false; stderr: string } | undefined {
  const what = p.args[1]
  if (what === 'ingress' || what === 'ing') return startCreateIngress(state, ctx, cmd, p, finish)
  if (what !== 'deployment' && what !== 'deploy' && what !== 'namespace' && what !== 'ns') return undefined
  const kind = what.startsWith('d') ? 'deployment' : 'namespace'
  const bad = unknownFlag(p, `create ${kind}`, kind === 'deployment' ? ['image', 'replicas', 'port', ...createCommonFlags] : createCommonFlags)
  if (bad) return { ok: false, stderr: bad }
  const names = p.args.slice(2)
  if (names.length !== 1) return { ok: false, stderr: `error: exactly one NAME is required, got ${names.length}\nSee 'kubectl create ${kind} -h' for help and examples\n` }
  const name = names[0]!
  let body: Record<string, unknown>
  let info = resourceByName('namespaces')!
  if (kind === 'deployment') {
    const image = p.flags.image
    if (!image || image === 'true') return { ok: false, stderr: 'error: required flag(s) "image" not set\n' }
    const images = image.split(',')
    const replicas = p.flags.replicas === undefined ? 1 : Number(p.flags.replicas)
    const port = p.flags.port ? Number(p.flags.port) : undefined
    const labels = { app: name }
    const containers = containerNames(images, ctx.random).map((n, i) => ({ name: n, image: images[i], resources: {}, ...(port !== undefined && i === 0 ? { ports: [{ containerPort: port }] } : {}) }))
    info = resourceByName('deployments', 'apps')!
    body = {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: { name, labels },
      spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers } }, strategy: {} },
      status: {},
    }
  } else body = { kind: 'Namespace', apiVersion: 'v1', metadata: { name }, spec: {}, status: {} }
  return sendCreate(state, ctx, cmd, p, info, body as KObject, finish, kind === 'deployment' ? 'deployment' : undefined)
}

export function startEvents(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine): { ok: true } | { ok: false; stderr: string } {
  const bad = unknownFlag(p, 'events', ['all-namespaces', 'for', 'types', 'watch', 'w', 'output', 'no-headers', 'chunk-size', 'template', 'allow-missing-template-keys', 'show-managed-fields'])
  if (bad) return { ok: false, stderr: bad }
  cmd.carry = { type: 'simple', what: 'events', ref: '' } satisfies SimpleProg
  send(state, ctx, cmd, 'list', objectPath(resourceByName('events')!, cmd.allNamespaces ? '' : cmd.namespace), 'simple', { query: [['limit', '500']] })
  return { ok: true }
}

/** kubectl events sorts by the last time each event was seen (SortableEvents). */
function lastSeen(e: Event): number {
  return parseTime(e.series?.lastObservedTime) ?? parseTime(e.lastTimestamp) ?? parseTime(e.eventTime) ?? 0
}

export function continueSimple(cmd: RunningCommand, prog: SimpleProg, msg: ApiResponse, nowMs: number, finish: Finish): void {
  if (msg.code >= 300) return finish(1, '', prog.wrap ? `error: failed to create ${prog.wrap}: ${(msg.body as Status).message ?? ''}\n` : statusErrorText(msg.body))
  if (prog.what === 'create') return finish(0, printCreated(prog.ref, prog.output ?? '', msg.body, prog.dryRun ? ' (server dry run)' : ''), '')
  const events = ((msg.body as { items?: KObject[] }).items ?? []) as unknown as Event[]
  if (events.length === 0) return finish(0, '', cmd.allNamespaces ? 'No events found.\n' : `No events found in ${cmd.namespace} namespace.\n`)
  const sorted = [...events].sort((a, b) => lastSeen(a) - lastSeen(b))
  const header = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']
  const rows = sorted.map((e) => [eventAge(e, nowMs), e.type ?? '', e.reason ?? '', `${e.involvedObject.kind ?? ''}/${e.involvedObject.name ?? ''}`, (e.message ?? '').trim()])
  if (cmd.allNamespaces) {
    header.unshift('NAMESPACE')
    rows.forEach((r, i) => r.unshift(sorted[i]!.metadata?.namespace ?? ''))
  }
  finish(0, formatTable([header, ...rows]), '')
}

/** `kubectl api-resources`: sorted by group, core first, names in discovery (alphabetical) order. */
export function apiResources(p: ParsedLine): { ok: boolean; stdout: string; stderr: string } {
  const bad = unknownFlag(p, 'api-resources', ['output', 'namespaced', 'api-group', 'verbs', 'sort-by', 'no-headers', 'cached', 'categories'])
  if (bad) return { ok: false, stdout: '', stderr: bad }
  const extra = [
    { ...resourceByName('events', 'events.k8s.io')! },
  ]
  let list = [...resources, ...extra].sort((a, b) => (a.group === b.group ? (a.resource < b.resource ? -1 : 1) : a.group < b.group ? -1 : 1))
  const ns = p.flags.namespaced
  if (ns === 'true' || ns === 'false') list = list.filter((r) => String(r.namespaced) === ns)
  const group = p.flags['api-group']
  if (group !== undefined) list = list.filter((r) => r.group === group)
  if (p.flags.output === 'name') return { ok: true, stdout: list.map((r) => `${r.group ? `${r.resource}.${r.group}` : r.resource}\n`).join(''), stderr: '' }
  const rows = list.map((r) => [r.resource, shortNames(r).join(','), apiVersionOf(r), String(r.namespaced), r.kind])
  const header = p.flags['no-headers'] === 'true' ? [] : [['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']]
  return { ok: true, stdout: formatTable([...header, ...rows]), stderr: '' }
}
