/**
 * `kubectl api-versions` (k8s.io/kubectl pkg/cmd/apiresources/apiversions.go): discovery is
 * invalidated first, so kubectl always asks again: `GET /api`, then `GET /apis`, and prints every
 * group/version, sorted, one per line.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { ApiResponse } from '../../messages.ts'
import { statusErrorText } from './errors.ts'
import type { ParsedLine } from './parse.ts'
import { send, type Finish } from './prog.ts'
import type { KubectlState, RunningCommand } from './state.ts'

export interface ApiVersionsProg {
  type: 'api-versions'
  /** The core group's versions, once `/api` answered. */
  core?: string[]
}

type Start = { ok: true } | { ok: false; stderr: string }

export function startApiVersions(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine): Start {
  if (p.args.length > 1) return { ok: false, stderr: `error: unexpected arguments: [${p.args.slice(1).join(' ')}]\nSee 'kubectl api-versions -h' for help and examples\n` }
  cmd.carry = { type: 'api-versions' } satisfies ApiVersionsProg
  send(state, ctx, cmd, 'get', '/api', 'api-versions')
  return { ok: true }
}

export function continueApiVersions(state: KubectlState, ctx: Ctx, cmd: RunningCommand, prog: ApiVersionsProg, msg: ApiResponse, finish: Finish): void {
  if (msg.code >= 300) return finish(1, '', statusErrorText(msg.body))
  if (!prog.core) {
    prog.core = (msg.body as { versions?: string[] }).versions ?? []
    send(state, ctx, cmd, 'get', '/apis', 'api-versions')
    return
  }
  const groups = (msg.body as { groups?: { versions: { groupVersion: string }[] }[] }).groups ?? []
  const all = [...groups.flatMap((g) => g.versions.map((v) => v.groupVersion)), ...prog.core].sort()
  finish(0, all.map((v) => `${v}\n`).join(''), '')
}
