/**
 * `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] -- COMMAND [args...]`
 * (k8s.io/kubectl pkg/cmd/exec): GET the pod (for TYPE/NAME, the workload and then its pods, as
 * `logs` does), check it is not completed, pick the container, then
 * `POST pods/<name>/exec?command=…&container=…&stderr=true&stdout=true`, which the apiserver
 * proxies to the kubelet and the kubelet hands to the runtime. The command's output is printed as
 * it came; a non-zero exit prints `command terminated with exit code N` and kubectl exits with N.
 * Only commands the simulation can answer truthfully are sent (runtime/exec-programs.ts).
 */
import type { Ctx } from '../../engine/actor.ts'
import type { ApiResponse, StreamChunk } from '../../messages.ts'
import type { KObject } from '../../protocol.ts'
import { resourceByWord } from '../../k8s/discovery.ts'
import { queryEscape } from '../../k8s/query-escape.ts'
import { restPath } from '../../k8s/resources.ts'
import { apiRequest } from '../client/api-client.ts'
import { commandRefusal } from '../runtime/exec-programs.ts'
import type { Start } from './commands.ts'
import { statusErrorText } from './errors.ts'
import { byLogging, defaultContainer, logsOwnerResources, ownerSelector } from './logs-target.ts'
import type { ParsedLine } from './parse.ts'
import type { KubectlState, RunningCommand } from './state.ts'

type Done = (exitCode: number, stdout: string, stderr: string) => void

interface ExecCarry {
  ex: 'owner' | 'pods' | 'pod' | 'exec'
  argv: string[]
  container?: string
  stdin: boolean
  tty: boolean
  quiet: boolean
  err: string
}

const help = "See 'kubectl exec -h' for help and examples\n"

function send(state: KubectlState, ctx: Ctx, cmd: RunningCommand, verb: 'get' | 'list' | 'create', path: string, query?: [string, string][]): void {
  apiRequest(state.client, ctx, verb, path, { cmd: cmd.id, step: 'exec' }, query ? { query } : {})
}

export function startExec(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine): Start {
  const target = p.args[1]
  if (!target) return { ok: false, stderr: `error: pod, type/name or --filename must be specified\n${help}` }
  if (p.args.length > 2) return { ok: false, stderr: `error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\n${help}` }
  if (!p.rest.length) return { ok: false, stderr: `error: you must specify at least one command for the container\n${help}` }
  const slash = target.indexOf('/')
  const name = slash > 0 ? target.slice(slash + 1) : target
  const refusal = commandRefusal(p.rest, name)
  if (refusal) return { ok: false, stderr: `error: ${refusal}\n` }
  const f = p.flags
  const bool = (...names: string[]): boolean => names.some((n) => f[n] === 'true')
  const carry: ExecCarry = {
    ex: 'pod',
    argv: p.rest,
    ...(f.c ?? f.container ? { container: f.c ?? f.container } : {}),
    stdin: bool('i', 'stdin', 'it', 'ti'),
    tty: bool('t', 'tty', 'it', 'ti'),
    quiet: bool('q', 'quiet'),
    err: '',
  }
  cmd.carry = carry
  cmd.name = name
  const owner = slash > 0 ? resourceByWord(target.slice(0, slash)) : undefined
  if (slash > 0 && !owner) return { ok: false, stderr: `error: the server doesn't have a resource type "${target.slice(0, slash)}"\n` }
  if (owner && owner.resource !== 'pods') {
    if (!logsOwnerResources.has(owner.resource)) return { ok: false, stderr: `error: cannot attach to *${owner.version}.${owner.kind}: not implemented\n` }
    carry.ex = 'owner'
    send(state, ctx, cmd, 'get', restPath(owner, cmd.namespace, name))
    return { ok: true }
  }
  send(state, ctx, cmd, 'get', `/api/v1/namespaces/${cmd.namespace}/pods/${name}`)
  return { ok: true }
}

/** The query kubectl's url.Values encodes: keys sorted, `command` once per word. */
function execQuery(c: ExecCarry, container: string): [string, string][] {
  const q: [string, string][] = c.argv.map((w) => ['command', queryEscape(w)])
  q.push(['container', container], ['stderr', 'true'])
  if (c.stdin) q.push(['stdin', 'true'])
  q.push(['stdout', 'true'])
  if (c.tty) q.push(['tty', 'true'])
  return q
}

export function continueExec(state: KubectlState, ctx: Ctx, cmd: RunningCommand, msg: ApiResponse, done: Done): void {
  const c = cmd.carry as ExecCarry
  const body = msg.body as { message?: string; reason?: string } | null
  if (msg.code >= 300) {
    // A kubelet's refusal fails the stream's upgrade; the apiserver's own errors (its dial to the
    // kubelet included) are Status errors.
    const fromKubelet = c.ex === 'exec' && !body?.reason && !body?.message?.startsWith('error dialing backend')
    if (fromKubelet) return done(1, '', `${c.err}error: unable to upgrade connection: ${body?.message ?? ''}\n`)
    return done(1, '', c.err + statusErrorText(msg.body))
  }
  switch (c.ex) {
    case 'owner': {
      const selector = ownerSelector(msg.body as KObject)
      if ('error' in selector) return done(1, '', selector.error)
      c.ex = 'pods'
      send(state, ctx, cmd, 'list', `/api/v1/namespaces/${cmd.namespace}/pods`, [['labelSelector', encodeURIComponent(selector.selector)], ['limit', '500']])
      return
    }
    case 'pods': {
      const pod = [...((msg.body as { items?: KObject[] }).items ?? [])].sort(byLogging)[0]
      if (!pod) return done(1, '', 'error: timed out waiting for the condition\n')
      cmd.name = String(pod.metadata.name)
      c.ex = 'pod'
      return continueExec(state, ctx, cmd, { ...msg, body: pod }, done)
    }
    case 'pod': {
      const pod = msg.body as KObject
      const phase = (pod.status as { phase?: string } | undefined)?.phase
      if (phase === 'Succeeded' || phase === 'Failed') return done(1, '', `error: cannot exec into a container in a completed pod; current phase is ${phase}\n`)
      let container = c.container
      if (!container) {
        const d = defaultContainer(pod)
        container = d.container
        if (!c.quiet) c.err += d.note
      }
      c.ex = 'exec'
      send(state, ctx, cmd, 'create', `/api/v1/namespaces/${cmd.namespace}/pods/${cmd.name}/exec`, execQuery(c, container))
      return
    }
    case 'exec': {
      // 101 Switching Protocols: the output comes on the stream (execStreamEnded).
      const streamId = (msg.body as { streamId?: string }).streamId
      if (streamId) state.watches[streamId] = cmd.id
      return
    }
  }
}

/** The exec's stream ended: the process's output and exit code, or why it could not start. */
export function execStreamEnded(cmd: RunningCommand, chunk: StreamChunk, done: Done): void {
  const c = cmd.carry as ExecCarry
  if (chunk.error !== undefined) return done(1, chunk.data, `${c.err}error: ${chunk.error}\n`)
  const code = chunk.exitCode ?? 0
  const tail = code ? `command terminated with exit code ${code}\n` : ''
  done(code, chunk.data, c.err + (chunk.stderr ?? '') + tail)
}

/** Whether a running command is an exec (its stream ends with an exit code, not with the log). */
export const isExec = (cmd: RunningCommand): boolean => (cmd.carry as Partial<ExecCarry> | null)?.ex === 'exec'
