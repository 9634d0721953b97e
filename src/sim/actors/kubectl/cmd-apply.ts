/**
 * `kubectl apply -f -` (client-side apply) and `kubectl create -f -`. Apply GETs each object: 404
 * → POST with the last-applied annotation (`created`); found → three-way strategic merge PATCH
 * (`configured`), or nothing when the patch is empty (`unchanged`). Query
 * `fieldManager=kubectl-client-side-apply&fieldValidation=Strict` (FIDELITY.md §1.1 phase A).
 *
 * A file of several objects (documents, or the items of a `kind: List`) is checked whole before
 * anything is written: every object is first sent with `dryRun=All` — the POST of a new one, the
 * PATCH (or replace's PUT) of one that exists — and when any is refused, kubectl reports each
 * refusal and writes none (kube-anatomy's rule that a bad manifest never changes anything; real
 * kubectl would write the good ones).
 */
import type { Ctx } from '../../engine/actor.ts'
import type { ApiResponse } from '../../messages.ts'
import type { KObject } from '../../protocol.ts'
import { LAST_APPLIED, isEmptyPatch, threeWayPatch, withLastApplied } from './apply-patch.ts'
import { objectRef, readManifests, type Manifest } from './manifests.ts'
import type { ParsedLine } from './parse.ts'
import { objectPath, send, unknownFlag, type Finish } from './prog.ts'
import { asStatus, sourcedErrorsText, type SourcedError } from './source-errors.ts'
import type { KubectlState, RunningCommand } from './state.ts'

type Json = Record<string, unknown>

export interface ApplyProg {
  type: 'apply'
  mode: 'apply' | 'create' | 'replace'
  manifests: Manifest[]
  i: number
  phase: 'get' | 'dry' | 'write'
  live: (KObject | null)[]
  out: string
  warnings: string
  errors: SourcedError[]
}

const SOURCE = 'STDIN'

const APPLY_FLAGS = ['filename', 'validate', 'dry-run', 'server-side', 'force', 'prune', 'selector', 'overwrite', 'field-manager', 'output', 'recursive', 'wait', 'timeout', 'grace-period', 'cascade', 'record', 'save-config', 'windows-line-ending', 'edit', 'raw', 'kustomize', 'k', 'show-managed-fields', 'openapi-patch', 'all', 'server-side', 'force-conflicts', 'subresource', 'template', 'allow-missing-template-keys']

export function startApply(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine, mode: ApplyProg['mode'], finish: Finish): { ok: true } | { ok: false; stderr: string } {
  const bad = unknownFlag(p, mode, APPLY_FLAGS)
  if (bad) return { ok: false, stderr: bad }
  const file = p.flags.filename
  if (!file || file === 'true') {
    if (mode === 'apply') return { ok: false, stderr: 'error: must specify one of -f and -k\n' }
    if (mode === 'replace') return { ok: false, stderr: 'error: must specify --filename to replace\n' }
    return { ok: false, stderr: "error: must specify one of -f and -k\n\nSee 'kubectl create -h' for help and examples\n" }
  }
  if (file !== '-') return { ok: false, stderr: `error: the path "${file}" does not exist\n` }
  const read = readManifests(cmd.stdin ?? '', cmd.namespace)
  if (!read.ok) return { ok: false, stderr: read.stderr }
  if (mode === 'apply') {
    const unnamed = read.manifests.find((m) => !m.name)
    if (unnamed) return { ok: false, stderr: 'error: error when retrieving current configuration of:\nResource: "' + `${unnamed.info.group ? `${unnamed.info.group}/${unnamed.info.version}` : unnamed.info.version}, Resource=${unnamed.info.resource}", GroupVersionKind: "${unnamed.info.group ? `${unnamed.info.group}/` : ''}${unnamed.info.version}, Kind=${unnamed.info.kind}"\nName: "", Namespace: "${unnamed.namespace}"\nfrom server for: "${SOURCE}": resource name may not be empty\n` }
  }
  const prog: ApplyProg = {
    type: 'apply',
    mode,
    manifests: read.manifests,
    i: 0,
    phase: mode === 'apply' ? 'get' : read.manifests.length > 1 ? 'dry' : 'write',
    live: read.manifests.map(() => null),
    out: '',
    warnings: '',
    errors: [],
  }
  cmd.carry = prog
  next(state, ctx, cmd, prog, finish)
  return { ok: true }
}

function query(prog: ApplyProg, dry: boolean): [string, string][] {
  const manager = prog.mode === 'apply' ? 'kubectl-client-side-apply' : prog.mode === 'replace' ? 'kubectl-replace' : 'kubectl-create'
  return [...(dry ? ([['dryRun', 'All']] as [string, string][]) : []), ['fieldManager', manager], ['fieldValidation', 'Strict']]
}

function body(prog: ApplyProg, m: Manifest): Json {
  return prog.mode === 'apply' ? withLastApplied(m.object as unknown as Json) : (m.object as unknown as Json)
}

/** Sends the request for manifest `prog.i` in the current phase, skipping what needs none. */
function next(state: KubectlState, ctx: Ctx, cmd: RunningCommand, prog: ApplyProg, finish: Finish): void {
  for (;;) {
    if (prog.i >= prog.manifests.length) {
      if (prog.phase === 'get') {
        prog.phase = prog.manifests.length > 1 ? 'dry' : 'write'
        prog.i = 0
        continue
      }
      if (prog.phase === 'dry') {
        if (prog.errors.length) {
          finish(1, '', prog.warnings + sourcedErrorsText(prog.errors))
          return
        }
        prog.phase = 'write'
        prog.i = 0
        continue
      }
      finish(prog.errors.length ? 1 : 0, prog.out, prog.warnings + (prog.errors.length ? sourcedErrorsText(prog.errors) : ''))
      return
    }
    const m = prog.manifests[prog.i]!
    const live = prog.live[prog.i]
    if (prog.phase === 'get') {
      send(state, ctx, cmd, 'get', objectPath(m.info, m.namespace, m.name), 'apply')
      return
    }
    const dry = prog.phase === 'dry'
    if (prog.mode === 'replace') {
      // kubectl replace PUTs the manifest as it is: its resourceVersion, if any, guards the write.
      send(state, ctx, cmd, 'update', objectPath(m.info, m.namespace, m.name), 'apply', { query: query(prog, dry), body: m.object })
      return
    }
    if (!live) {
      send(state, ctx, cmd, 'create', objectPath(m.info, m.namespace), 'apply', { query: query(prog, dry), body: body(prog, m) })
      return
    }
    const patch = applyPatch(prog, m, live, !dry)
    if (isEmptyPatch(patch)) {
      if (!dry) prog.out += `${objectRef(m.info, m.name)} unchanged\n`
      prog.i++
      continue
    }
    send(state, ctx, cmd, 'patch', objectPath(m.info, m.namespace, m.name), 'apply', { query: query(prog, dry), body: patch })
    return
  }
}

/** The three-way patch from the last-applied annotation; warns (once, when writing) if it is missing. */
function applyPatch(prog: ApplyProg, m: Manifest, live: KObject, warn: boolean): Json {
  const annotations = (live.metadata.annotations ?? {}) as Record<string, string>
  const lastText = annotations[LAST_APPLIED]
  if (lastText === undefined && warn)
    prog.warnings += `Warning: resource ${m.info.resource}/${m.name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`
  let original: Json | undefined
  try {
    original = lastText ? (JSON.parse(lastText) as Json) : undefined
  } catch {
    original = undefined
  }
  return threeWayPatch(original, body(prog, m), live as unknown as Json)
}

/** An earlier object of the file creates the namespace this dry run found missing. */
function namespaceComesEarlier(prog: ApplyProg, status: ReturnType<typeof asStatus>): boolean {
  if (status.reason !== 'NotFound' || status.details?.kind !== 'namespaces') return false
  return prog.manifests.slice(0, prog.i).some((m) => m.info.kind === 'Namespace' && m.name === status.details?.name)
}

export function continueApply(state: KubectlState, ctx: Ctx, cmd: RunningCommand, prog: ApplyProg, msg: ApiResponse, finish: Finish): void {
  const m = prog.manifests[prog.i]!
  const ok = msg.code < 300
  if (prog.phase === 'get') {
    if (ok) prog.live[prog.i] = msg.body as KObject
    else if (msg.code !== 404) prog.errors.push({ status: asStatus(msg.body), verb: 'retrieving current configuration of', source: SOURCE })
  } else if (prog.phase === 'dry') {
    const status = asStatus(msg.body)
    const verb = prog.mode === 'replace' ? 'replacing' : prog.live[prog.i] ? 'patching' : 'creating'
    if (!ok && !namespaceComesEarlier(prog, status)) prog.errors.push({ status, verb, source: SOURCE })
  } else if (ok) {
    const what = prog.mode === 'replace' ? 'replaced' : prog.live[prog.i] ? 'configured' : 'created'
    prog.out += `${objectRef(m.info, m.name || String((msg.body as KObject).metadata?.name ?? ''))} ${what}\n`
  } else {
    const verb = prog.mode === 'replace' ? 'replacing' : prog.live[prog.i] ? 'patching' : 'creating'
    prog.errors.push({ status: asStatus(msg.body), verb, source: SOURCE })
  }
  prog.i++
  next(state, ctx, cmd, prog, finish)
}
