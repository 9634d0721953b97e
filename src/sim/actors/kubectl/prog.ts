/**
 * Plumbing for the object commands (apply, create, get, delete, scale, rollout, …): each keeps its
 * progress as plain data in `cmd.carry` and sends its requests with a `prog` continuation whose
 * tag says which answer it waits for.
 */
import type { Ctx } from '../../engine/actor.ts'
import { resourceByWord } from '../../k8s/discovery.ts'
import { restPath, type ResourceInfo } from '../../k8s/resources.ts'
import type { Verb } from '../../messages.ts'
import { apiRequest, type RequestOptions } from '../client/api-client.ts'
import type { ParsedLine } from './parse.ts'
import type { KubectlState, RunningCommand } from './state.ts'

export type Finish = (exitCode: number, stdout: string, stderr: string) => void

export function send(
  state: KubectlState,
  ctx: Ctx,
  cmd: RunningCommand,
  verb: Verb,
  path: string,
  tag: string,
  opts: RequestOptions = {},
): void {
  apiRequest(state.client, ctx, verb, path, { cmd: cmd.id, step: 'prog', tag }, opts)
}

export function objectPath(info: ResourceInfo, namespace: string, name?: string, sub?: string): string {
  return restPath(info, info.namespaced ? namespace : undefined, name, sub)
}

/** `deploy nginx web`, `deploy/nginx`: the resource and the names the line gives. */
export interface Targets {
  info: ResourceInfo
  word: string
  names: string[]
}

export type TargetResult = { ok: true; targets: Targets } | { ok: false; stderr: string }

export function parseTargets(args: string[]): TargetResult | undefined {
  const first = args[0]
  if (!first) return undefined
  const slash = first.indexOf('/')
  const word = slash >= 0 ? first.slice(0, slash) : first
  const info = resourceByWord(word)
  if (!info) return { ok: false, stderr: `error: the server doesn't have a resource type "${word}"\n` }
  if (slash >= 0) {
    const names = [first.slice(slash + 1)]
    for (const a of args.slice(1)) {
      const s = a.indexOf('/')
      if (s < 0) return { ok: false, stderr: `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n` }
      names.push(a.slice(s + 1))
    }
    return { ok: true, targets: { info, word, names } }
  }
  return { ok: true, targets: { info, word, names: args.slice(1) } }
}

/** kubectl's global flags, accepted by every command. */
const GLOBAL = new Set([
  'namespace', 'context', 'kubeconfig', 'cluster', 'user', 'v', 'request-timeout', 'server', 's', 'token',
  'as', 'as-group', 'insecure-skip-tls-verify', 'match-server-version', 'warnings-as-errors', 'cache-dir',
  'log-flush-frequency', 'profile', 'profile-output', 'tls-server-name', 'certificate-authority',
  'client-certificate', 'client-key', 'disable-compression', 'password', 'username',
])

/** cobra's answer to a flag the command does not define; null when all are known. */
export function unknownFlag(p: ParsedLine, command: string, known: string[]): string | null {
  for (const flag of Object.keys(p.flags)) {
    if (GLOBAL.has(flag) || known.includes(flag)) continue
    const text = flag.length === 1 ? `unknown shorthand flag: '${flag}' in -${flag}` : `unknown flag: --${flag}`
    return `error: ${text}\nSee 'kubectl ${command} --help' for usage.\n`
  }
  return null
}

/** `--cascade` as kubectl reads it (pkg/cmd/delete/delete_flags.go GetCascadingStrategy). */
export function cascadePolicy(value: string | undefined): { policy?: string; warning?: string; error?: string } {
  switch (value) {
    case undefined:
    case 'background':
      return { policy: 'Background' }
    case 'true':
      return { policy: 'Background', warning: 'warning: --cascade=true is deprecated (boolean value) and can be replaced with --cascade=background.\n' }
    case 'foreground':
      return { policy: 'Foreground' }
    case 'orphan':
      return { policy: 'Orphan' }
    case 'false':
      return { policy: 'Orphan', warning: 'warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n' }
    default:
      return { error: `error: invalid cascade value (${value}). Must be "background", "foreground", or "orphan".\n` }
  }
}
