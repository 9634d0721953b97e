/**
 * `kubectl cordon`, `uncordon`, `taint`, `drain` and `logs`, with the requests real kubectl sends
 * (k8s.io/kubectl pkg/cmd/drain, pkg/drain, pkg/cmd/taint, pkg/cmd/logs) and its exact output:
 * - cordon/uncordon: GET the node, PATCH `spec.unschedulable`;
 * - taint: GET the node, PATCH its `spec.taints`;
 * - drain: cordon, LIST the node's pods, refuse bare pods without --force, POST an Eviction for
 *   each (a 429 from a PodDisruptionBudget is retried every 5 s until --timeout), then poll each
 *   evicted pod until it is gone (every 1 s);
 * - logs: GET the pod (its default container), then GET `pods/<name>/log`.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { ApiResponse } from '../../messages.ts'
import type { KObject, Taint } from '../../protocol.ts'
import { apiRequest } from '../client/api-client.ts'
import { statusErrorText } from './errors.ts'
import { printNow } from './stream.ts'
import type { ParsedLine } from './parse.ts'
import type { KubectlState, RunningCommand } from './state.ts'
import { resourceByWord } from '../../k8s/discovery.ts'
import { restPath } from '../../k8s/resources.ts'
import { byLogging, defaultContainer, logsOwnerResources, ownerSelector } from './logs-target.ts'

type Done = (code: number, stdout: string, stderr: string) => void
type Start = { ok: true } | { ok: false; stderr: string }

/** kubectl drain retries a refused eviction after 5 s (pkg/drain: `evictionRetryDelay`? the loop's time.Sleep(5s)). */
export const evictionRetryMs = 5_000
/** waitForDelete polls every second (pkg/drain/drain.go). */
export const deletePollMs = 1_000

interface Carry {
  nd: 'cordon' | 'uncordon' | 'taint' | 'drain-cordon' | 'drain-list' | 'evict' | 'poll' | 'logs-owner' | 'logs-pods' | 'logs-pod' | 'logs' | 'logs-selected' | 'logs-each'
  node?: string
  flags: Record<string, string>
  specs?: string[]
  /** drain: pods still to evict and pods evicted but not yet gone, as `namespace/name`. */
  toEvict?: string[]
  waiting?: string[]
  deadlineMs?: number
  out: string
  err: string
  /** logs -l: the pods (and their default containers) still to read, in the list's order. */
  logsQueue?: { pod: string; container: string }[]
}

const nodeWords = new Set(['node', 'nodes', 'no'])

function carry(cmd: RunningCommand): Carry {
  return cmd.carry as Carry
}

function nodePath(name: string): string {
  return `/api/v1/nodes/${name}`
}

/** `30s`, `2m`, `1h30m` in ms: drain's --timeout (there 0 or absent means forever). */
function durationMs(text: string | undefined): number {
  if (!text) return 0
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)]
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }
  return Math.round(parts.reduce((sum, p) => sum + Number(p[1]) * unit[p[2]!]!, 0))
}

/** Starts the command when it is one of these; null leaves the line to the other commands. */
export function startNodeCommand(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine): Start | null {
  const verb = p.args[0]
  const send = (verb2: 'get' | 'list', path: string, query?: [string, string][]): void => {
    apiRequest(state.client, ctx, verb2, path, { cmd: cmd.id, step: 'node' }, query ? { query } : {})
  }
  if (verb === 'cordon' || verb === 'uncordon' || verb === 'drain') {
    const name = p.args[1]
    if (!name) return { ok: false, stderr: `error: USAGE: ${verb} NODE [flags]\nSee 'kubectl ${verb} -h' for help and examples\n` }
    cmd.name = name
    cmd.carry = { nd: verb === 'drain' ? 'drain-cordon' : verb, node: name, flags: p.flags, out: '', err: '' } satisfies Carry
    send('get', nodePath(name))
    return { ok: true }
  }
  if (verb === 'taint') {
    const [, kind, name, ...specs] = p.args
    if (!kind || !nodeWords.has(kind)) return { ok: false, stderr: `error: at least one taint update is required\n` }
    if (!name) return { ok: false, stderr: 'error: at least one resource name must be specified since \'all\' parameter is not set\n' }
    if (specs.length === 0) return { ok: false, stderr: 'error: at least one taint update is required\n' }
    for (const s of specs) {
      const effect = s.endsWith('-') ? s.slice(0, -1).split(':')[1] : s.split(':')[1]
      if (!s.endsWith('-') && !effect) return { ok: false, stderr: `error: invalid taint spec: ${s}, unknown taint effect\n` }
      if (effect && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(effect))
        return { ok: false, stderr: `error: invalid taint spec: ${s}, invalid taint effect: ${effect}, unsupported taint effect\n` }
    }
    cmd.name = name
    cmd.carry = { nd: 'taint', node: name, flags: p.flags, specs, out: '', err: '' } satisfies Carry
    send('get', nodePath(name))
    return { ok: true }
  }
  if (verb === 'logs') {
    const arg = p.args[1] ?? ''
    const selector = p.flags.selector
    if (selector && !arg) {
      if (p.flags.f === 'true' || p.flags.follow === 'true') return { ok: false, stderr: 'error: kube-anatomy follows one pod\'s log at a time (logs -f POD); without -f, logs -l prints the last 10 lines of each\n' }
      // kubectl logs -l: every pod the selector picks, each its default container's last 10 lines.
      cmd.carry = { nd: 'logs-selected', flags: p.flags, out: '', err: '' } satisfies Carry
      send('list', `/api/v1/namespaces/${cmd.namespace}/pods`, [['labelSelector', encodeURIComponent(selector)], ['limit', '500']])
      return { ok: true }
    }
    const slash = arg.indexOf('/')
    const owner = slash > 0 ? resourceByWord(arg.slice(0, slash)) : undefined
    if (owner && owner.resource !== 'pods') {
      // attachablePodForObject's default case names the Go type: *v1.ConfigMap.
      if (!logsOwnerResources.has(owner.resource)) return { ok: false, stderr: `error: cannot attach to *${owner.version}.${owner.kind}: not implemented\n` }
      // kubectl logs deploy/web: read the workload, then the pods its selector picks.
      cmd.name = arg.slice(slash + 1)
      cmd.carry = { nd: 'logs-owner', flags: p.flags, out: '', err: '' } satisfies Carry
      send('get', restPath(owner, cmd.namespace, cmd.name))
      return { ok: true }
    }
    const name = arg.replace(/^(pods?|po)\//, '')
    if (!name) return { ok: false, stderr: 'error: expected \'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]\'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee \'kubectl logs -h\' for help and examples\n' }
    cmd.name = name
    cmd.carry = { nd: 'logs-pod', flags: p.flags, out: '', err: '' } satisfies Carry
    send('get', `/api/v1/namespaces/${cmd.namespace}/pods/${name}`)
    return { ok: true }
  }
  return null
}

/** kubectl taint's update of a node's taints; an error line or the new list and the verb. */
function applyTaints(node: KObject, specs: string[], overwrite: boolean): { taints: Taint[]; verb: string } | { error: string } {
  let taints = [...(((node.spec as { taints?: Taint[] }).taints ?? []) as Taint[])]
  let added = false
  for (const s of specs) {
    if (s.endsWith('-')) {
      const [key, effect] = s.slice(0, -1).split(':')
      const before = taints.length
      taints = taints.filter((t) => !(t.key === key && (!effect || t.effect === effect)))
      if (taints.length === before) return { error: `error: taint ${JSON.stringify(s.slice(0, -1))} not found\n` }
      continue
    }
    const [kv = '', effect = ''] = s.split(':')
    const [key = '', value] = kv.split('=')
    const same = taints.find((t) => t.key === key && t.effect === effect)
    if (same && !overwrite) return { error: `error: node ${String(node.metadata.name)} already has ${key} taint(s) with same effect(s) and --overwrite is false\n` }
    taints = taints.filter((t) => !(t.key === key && t.effect === effect))
    taints.push({ key, ...(value !== undefined ? { value } : {}), effect: effect as Taint['effect'] })
    added = true
  }
  return { taints, verb: added ? 'tainted' : 'untainted' }
}

function controllerOf(pod: KObject): { kind: string } | undefined {
  return ((pod.metadata.ownerReferences ?? []) as { kind: string; controller?: boolean }[]).find((o) => o.controller)
}

function evictNext(state: KubectlState, ctx: Ctx, cmd: RunningCommand, c: Carry): void {
  const key = c.toEvict?.[0]
  if (!key) {
    if (!c.waiting?.length) return
    c.nd = 'poll'
    ctx.setTimer(`nodecmd:${cmd.id}`, 0, { cmd: cmd.id })
    return
  }
  const [ns, name] = key.split('/')
  c.nd = 'evict'
  apiRequest(state.client, ctx, 'create', `/api/v1/namespaces/${ns}/pods/${name}/eviction`, { cmd: cmd.id, step: 'node' }, {
    body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: ns }, ...(c.flags['grace-period'] ? { deleteOptions: { gracePeriodSeconds: Number(c.flags['grace-period']) } } : {}) },
  })
}

function pendingLines(c: Carry, message: string): string {
  return `There are pending nodes to be drained:\n ${c.node}\n${message}\n`
}

export function continueNodeCommand(state: KubectlState, ctx: Ctx, cmd: RunningCommand, msg: ApiResponse, done: Done): void {
  const c = carry(cmd)
  const ok = msg.code < 300
  if (!ok && c.nd !== 'evict' && c.nd !== 'poll') {
    done(1, c.out, c.err + statusErrorText(msg.body))
    return
  }
  switch (c.nd) {
    case 'cordon':
    case 'uncordon':
    case 'drain-cordon': {
      const node = msg.body as KObject
      const want = c.nd !== 'uncordon'
      const is = Boolean((node.spec as { unschedulable?: boolean }).unschedulable)
      const word = want ? 'cordoned' : 'uncordoned'
      if (is !== want) apiRequest(state.client, ctx, 'patch', nodePath(c.node!), { cmd: cmd.id, step: 'node' }, { body: { spec: { unschedulable: want ? true : null } } })
      if (c.nd === 'drain-cordon') {
        c.out += `node/${c.node} ${is === want ? 'already ' : ''}cordoned\n`
        c.nd = 'drain-list'
        const t = durationMs(c.flags.timeout)
        if (t > 0) c.deadlineMs = ctx.now + t
        apiRequest(state.client, ctx, 'list', '/api/v1/pods', { cmd: cmd.id, step: 'node' }, {
          query: [['fieldSelector', encodeURIComponent(`spec.nodeName=${c.node}`)], ['limit', '500']],
        })
        return
      }
      if (is === want) done(0, `node/${c.node} already ${word}\n`, '')
      else c.nd = c.nd === 'cordon' ? ('cordon-done' as never) : ('uncordon-done' as never)
      return
    }
    case 'taint': {
      const node = msg.body as KObject
      const r = applyTaints(node, c.specs ?? [], c.flags.overwrite === 'true')
      if ('error' in r) return done(1, '', r.error)
      c.out = `node/${c.node} ${r.verb}\n`
      c.nd = 'taint-done' as never
      apiRequest(state.client, ctx, 'patch', nodePath(c.node!), { cmd: cmd.id, step: 'node' }, { body: { spec: { taints: r.taints.length ? r.taints : null } } })
      return
    }
    case 'drain-list': {
      if ((msg.body as KObject).kind === 'Node') return // the cordon PATCH's answer; the LIST follows
      const pods = ((msg.body as { items?: KObject[] }).items ?? []).filter((p) => {
        const phase = (p.status as { phase?: string } | undefined)?.phase
        return phase !== 'Succeeded' && phase !== 'Failed'
      })
      const bare = pods.filter((p) => !controllerOf(p)).map((p) => `${p.metadata.namespace}/${p.metadata.name}`)
      const daemons = pods.filter((p) => controllerOf(p)?.kind === 'DaemonSet').map((p) => `${p.metadata.namespace}/${p.metadata.name}`)
      const fatal: string[] = []
      if (bare.length && c.flags.force !== 'true') fatal.push(`cannot delete Pods that declare no controller (use --force to override): ${bare.join(', ')}`)
      if (daemons.length && c.flags['ignore-daemonsets'] !== 'true') fatal.push(`cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${daemons.join(', ')}`)
      if (fatal.length) {
        const text = fatal.join(', ')
        done(1, c.out, `error: unable to drain node "${c.node}" due to error: ${text}, continuing command...\n${pendingLines(c, text)}`)
        return
      }
      const warnings: string[] = []
      if (daemons.length) warnings.push(`ignoring DaemonSet-managed Pods: ${daemons.join(', ')}`)
      if (bare.length) warnings.push(`deleting Pods that declare no controller: ${bare.join(', ')}`)
      if (warnings.length) c.err += `Warning: ${warnings.join('; ')}\n`
      c.toEvict = pods.filter((p) => controllerOf(p)?.kind !== 'DaemonSet').map((p) => `${p.metadata.namespace}/${p.metadata.name}`)
      c.waiting = []
      for (const key of c.toEvict) c.out += `evicting pod ${key}\n`
      if (c.toEvict.length === 0) return done(0, c.out + `node/${c.node} drained\n`, c.err)
      evictNext(state, ctx, cmd, c)
      return
    }
    case 'evict': {
      const key = c.toEvict!.shift()!
      if (msg.code === 429) {
        const [ns, name] = key.split('/')
        const text = (msg.body as { message?: string }).message ?? ''
        c.err += `error when evicting pods/"${name}" -n "${ns}" (will retry after 5s): ${text}\n`
        if (c.deadlineMs !== undefined && ctx.now + evictionRetryMs > c.deadlineMs) {
          const reason = `[error when evicting pods/"${name}" -n "${ns}": global timeout reached: ${c.flags.timeout}]`
          done(1, c.out, c.err + `error: unable to drain node "${c.node}" due to error: ${reason}, continuing command...\n${pendingLines(c, reason)}`)
          return
        }
        c.toEvict!.push(key)
        ctx.setTimer(`nodecmd:${cmd.id}`, evictionRetryMs, { cmd: cmd.id })
        return
      }
      if (msg.code >= 300 && msg.code !== 404) {
        done(1, c.out, c.err + statusErrorText(msg.body))
        return
      }
      if (msg.code !== 404) c.waiting!.push(key)
      else c.out += `pod/${key.split('/')[1]} evicted\n`
      evictNext(state, ctx, cmd, c)
      return
    }
    case 'poll': {
      const key = c.waiting![0]!
      if (msg.code === 404) {
        c.waiting!.shift()
        c.out += `pod/${key.split('/')[1]} evicted\n`
        if (c.waiting!.length === 0 && c.toEvict!.length === 0) return done(0, c.out + `node/${c.node} drained\n`, c.err)
        ctx.setTimer(`nodecmd:${cmd.id}`, 0, { cmd: cmd.id })
        return
      }
      ctx.setTimer(`nodecmd:${cmd.id}`, deletePollMs, { cmd: cmd.id })
      return
    }
    case 'logs-selected': {
      const pods = (msg.body as { items?: KObject[] }).items ?? []
      if (!pods.length) return done(0, '', `No resources found in ${cmd.namespace} namespace.\n`)
      c.logsQueue = pods.map((pod) => {
        const d = defaultContainer(pod)
        c.err += d.note
        return { pod: String(pod.metadata.name), container: d.container }
      })
      c.nd = 'logs-each'
      return nextSelectedLog(state, ctx, cmd, c, done)
    }
    case 'logs-each': {
      const done1 = c.logsQueue!.shift()!
      const text = String(msg.body ?? '')
      // --prefix: each line names its source, `[pod/web-1/nginx] `.
      c.out += c.flags.prefix === 'true' ? text.replace(/^(?=.)/gm, `[pod/${done1.pod}/${done1.container}] `) : text
      return nextSelectedLog(state, ctx, cmd, c, done)
    }
    case 'logs-owner': {
      c.nd = 'logs-pods'
      const selector = ownerSelector(msg.body as KObject)
      if ('error' in selector) return done(1, '', selector.error)
      apiRequest(state.client, ctx, 'list', `/api/v1/namespaces/${cmd.namespace}/pods`, { cmd: cmd.id, step: 'node' }, { query: [['labelSelector', encodeURIComponent(selector.selector)], ['limit', '500']] })
      return
    }
    case 'logs-pods': {
      const pods = [...((msg.body as { items?: KObject[] }).items ?? [])].sort(byLogging)
      const pod = pods[0]
      if (!pod) return done(1, '', 'error: timed out waiting for the condition\n')
      // GetFirstPod's note goes to stderr when it had to choose.
      if (pods.length > 1) c.err += `Found ${pods.length} pods, using pod/${pod.metadata.name}\n`
      cmd.name = String(pod.metadata.name)
      c.nd = 'logs-pod'
      return continueNodeCommand(state, ctx, cmd, { ...msg, body: pod }, done)
    }
    case 'logs-pod': {
      const pod = msg.body as KObject
      const named = c.flags.c ?? c.flags.container
      const d = defaultContainer(pod)
      const container = named ?? d.container
      if (!named) c.err += d.note
      // url.Values.Encode: keys in order (container, follow, previous, tailLines).
      const query: [string, string][] = [['container', container]]
      if (c.flags.f === 'true' || c.flags.follow === 'true') query.push(['follow', 'true'])
      if (c.flags.previous === 'true' || c.flags.p === 'true') query.push(['previous', 'true'])
      if (c.flags.tail && c.flags.tail !== '-1') query.push(['tailLines', c.flags.tail])
      c.nd = 'logs'
      apiRequest(state.client, ctx, 'get', `/api/v1/namespaces/${cmd.namespace}/pods/${cmd.name}/log`, { cmd: cmd.id, step: 'node' }, { query })
      return
    }
    case 'logs': {
      const stream = msg.body as { kind?: string; streamId?: string; text?: string } | string | null
      if (stream && typeof stream === 'object' && stream.kind === 'LogStream') {
        // -f: print what there is and keep following until the container stops or Ctrl+C.
        printNow(ctx, cmd, stream.text ?? '')
        state.watches[stream.streamId!] = cmd.id
        return
      }
      done(0, String(msg.body ?? ''), c.err)
      return
    }
    default: {
      // The PATCH of cordon, uncordon or taint came back.
      const nd = c.nd as string
      if (nd === 'taint-done') return done(0, c.out, '')
      done(0, `node/${c.node} ${nd === 'cordon-done' ? 'cordoned' : 'uncordoned'}\n`, '')
    }
  }
}

/** logs -l: GET the next selected pod's log (tailLines 10 unless --tail says otherwise), or print them all. */
function nextSelectedLog(state: KubectlState, ctx: Ctx, cmd: RunningCommand, c: Carry, done: (code: number, out: string, err: string) => void): void {
  const next = c.logsQueue?.[0]
  if (!next) return done(0, c.out, c.err)
  const query: [string, string][] = [['container', next.container]]
  if (c.flags.previous === 'true' || c.flags.p === 'true') query.push(['previous', 'true'])
  // --tail defaults to 10 with a selector (-1, every line, without one).
  const tail = c.flags.tail ?? '10'
  if (tail !== '-1') query.push(['tailLines', tail])
  apiRequest(state.client, ctx, 'get', `/api/v1/namespaces/${cmd.namespace}/pods/${next.pod}/log`, { cmd: cmd.id, step: 'node' }, { query })
}

/** drain's timers: retry a refused eviction, or poll an evicted pod. */
export function nodeCommandTimer(state: KubectlState, ctx: Ctx, name: string, data: unknown): boolean {
  if (!name.startsWith('nodecmd:')) return false
  const cmd = state.commands[(data as { cmd: string }).cmd]
  if (!cmd) return true
  const c = carry(cmd)
  if (c.nd === 'evict') {
    evictNext(state, ctx, cmd, c)
    return true
  }
  if (c.nd === 'poll') {
    const key = c.waiting?.[0]
    if (!key) return true
    const [ns, pod] = key.split('/')
    apiRequest(state.client, ctx, 'get', `/api/v1/namespaces/${ns}/pods/${pod}`, { cmd: cmd.id, step: 'node' })
  }
  return true
}
