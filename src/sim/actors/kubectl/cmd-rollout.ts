/**
 * `kubectl rollout status|history|undo`. Status GETs the object and, until its status viewer says
 * done, watches it and prints the viewer's line at every event (kubectl polymorphichelpers
 * rollout_status.go). History and undo read the Deployment's ReplicaSets (by its selector, owned by
 * its uid) and their `deployment.kubernetes.io/revision` annotations, or a DaemonSet's or
 * StatefulSet's ControllerRevisions and their `revision` (history.go, rollback.go).
 */
import type { Ctx } from '../../engine/actor.ts'
import { resourceByName } from '../../k8s/resources.ts'
import type { ApiResponse, WatchEventMessage } from '../../messages.ts'
import type { KObject } from '../../protocol.ts'
import { statusErrorText } from './errors.ts'
import { objectRef } from './manifests.ts'
import type { ParsedLine } from './parse.ts'
import { formatSelector, ownerRefs } from './print/get-tables.ts'
import { tabwrite } from './print/tabwriter.ts'
import { objectPath, parseTargets, send, unknownFlag, type Finish } from './prog.ts'
import type { KubectlState, RunningCommand } from './state.ts'
import { hangUp, printNow } from './stream.ts'

type Json = Record<string, unknown>

export interface RolloutProg {
  type: 'rollout'
  op: 'status' | 'history' | 'undo'
  resource: string
  group: string
  name: string
  phase: 'get' | 'list-rs' | 'watch' | 'patch'
  deployment?: KObject
  toRevision: number
  out: string
  watchId?: string
}

const REVISION = 'deployment.kubernetes.io/revision'

export function startRollout(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine, op: RolloutProg['op']): { ok: true } | { ok: false; stderr: string } {
  const bad = unknownFlag(p, `rollout ${op}`, ['filename', 'selector', 'watch', 'w', 'revision', 'timeout', 'to-revision', 'dry-run', 'output', 'recursive', 'kustomize', 'k'])
  if (bad) return { ok: false, stderr: bad }
  const parsed = parseTargets(p.args.slice(2))
  if (!parsed) return { ok: false, stderr: `error: required resource not specified\n` }
  if (!parsed.ok) return parsed
  const { info, names } = parsed.targets
  if (names.length === 0) return { ok: false, stderr: 'error: resource(s) were provided, but no name was specified\n' }
  const kinds = ['deployments', 'daemonsets', 'statefulsets']
  if (!kinds.includes(info.resource)) {
    const gk = info.group ? `${info.kind}.${info.group}` : info.kind
    return { ok: false, stderr: op === 'status' ? `error: no status viewer has been implemented for ${gk}\n` : op === 'history' ? `error: no history viewer has been implemented for ${gk}\n` : `error: no rollbacker has been implemented for ${gk}\n` }
  }
  const prog: RolloutProg = {
    type: 'rollout',
    op,
    resource: info.resource,
    group: info.group,
    name: names[0]!,
    phase: 'get',
    toRevision: Number(p.flags['to-revision'] ?? p.flags.revision ?? 0) || 0,
    out: '',
  }
  cmd.carry = prog
  send(state, ctx, cmd, 'get', objectPath(info, cmd.namespace, prog.name), 'rollout')
  return { ok: true }
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : 0
}

/** The status viewer's line for an object and whether the rollout is done (or failed). */
export function rolloutStatus(resource: string, o: KObject): { line: string; done: boolean; error?: string } {
  const spec = (o.spec ?? {}) as Json
  const st = (o.status ?? {}) as Json
  const name = String(o.metadata.name)
  const generation = num(o.metadata.generation)
  const observed = num(st.observedGeneration)
  if (resource === 'deployments') {
    if (generation > observed) return { line: 'Waiting for deployment spec update to be observed...\n', done: false }
    const progressing = ((st.conditions ?? []) as Json[]).find((c) => c.type === 'Progressing')
    if (progressing?.reason === 'ProgressDeadlineExceeded') return { line: '', done: true, error: `error: deployment "${name}" exceeded its progress deadline\n` }
    const replicas = num(spec.replicas)
    const updated = num(st.updatedReplicas)
    if (updated < replicas) return { line: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`, done: false }
    if (num(st.replicas) > updated) return { line: `Waiting for deployment "${name}" rollout to finish: ${num(st.replicas) - updated} old replicas are pending termination...\n`, done: false }
    if (num(st.availableReplicas) < updated) return { line: `Waiting for deployment "${name}" rollout to finish: ${num(st.availableReplicas)} of ${updated} updated replicas are available...\n`, done: false }
    return { line: `deployment "${name}" successfully rolled out\n`, done: true }
  }
  const strategy = ((spec.updateStrategy ?? {}) as Json).type
  if (strategy !== 'RollingUpdate') return { line: '', done: true, error: 'error: rollout status is only available for RollingUpdate strategy type\n' }
  if (resource === 'daemonsets') {
    if (generation > observed) return { line: 'Waiting for daemon set spec update to be observed...\n', done: false }
    const desired = num(st.desiredNumberScheduled)
    if (num(st.updatedNumberScheduled) < desired) return { line: `Waiting for daemon set "${name}" rollout to finish: ${num(st.updatedNumberScheduled)} out of ${desired} new pods have been updated...\n`, done: false }
    if (num(st.numberAvailable) < desired) return { line: `Waiting for daemon set "${name}" rollout to finish: ${num(st.numberAvailable)} of ${desired} updated pods are available...\n`, done: false }
    return { line: `daemon set "${name}" successfully rolled out\n`, done: true }
  }
  if (observed === 0 || generation > observed) return { line: 'Waiting for statefulset spec update to be observed...\n', done: false }
  const replicas = num(spec.replicas)
  if (num(st.readyReplicas) < replicas) return { line: `Waiting for ${replicas - num(st.readyReplicas)} pods to be ready...\n`, done: false }
  if (st.updateRevision !== st.currentRevision)
    return { line: `waiting for statefulset rolling update to complete ${num(st.updatedReplicas)} pods at revision ${String(st.updateRevision)}...\n`, done: false }
  return { line: `statefulset rolling update complete ${num(st.currentReplicas)} pods at revision ${String(st.currentRevision)}...\n`, done: true }
}

/** A ReplicaSet's revision annotation, or a ControllerRevision's `revision`. */
function revisionOf(o: KObject): number {
  if (o.kind === 'ControllerRevision') return Number((o as { revision?: number }).revision ?? 0)
  return Number((o.metadata.annotations ?? {})[REVISION] ?? 0)
}

/** The pod template a history entry holds: a ReplicaSet's, or a ControllerRevision's data patch. */
function templateOf(o: KObject): Json {
  if (o.kind !== 'ControllerRevision') return stripHash(((o.spec as Json).template ?? {}) as Json)
  const t = { ...((((o as { data?: Json }).data?.spec as Json | undefined)?.template ?? {}) as Json) }
  delete t.$patch
  return t
}

function ownedReplicaSets(d: KObject, items: KObject[]): KObject[] {
  return items.filter((rs) => ownerRefs(rs).some((r) => r.uid === d.metadata.uid && r.controller))
}

function history(d: KObject, sets: KObject[], info: ReturnType<typeof resourceByName> & object): string {
  const rows = sets
    .map((rs) => [revisionOf(rs), (rs.metadata.annotations ?? {})['kubernetes.io/change-cause'] ?? '<none>'] as const)
    .filter(([r]) => r > 0)
    .sort((a, b) => a[0] - b[0])
  if (rows.length === 0) return `No rollout history found.\n`
  const table = tabwrite(`REVISION\tCHANGE-CAUSE\n${rows.map(([r, c]) => `${r}\t${c}\n`).join('')}`, { minWidth: 0, padding: 2 })
  return `${objectRef(info, String(d.metadata.name))} \n${table}\n`
}

/** The patch that puts the ReplicaSet's template back: keys the template lacks are removed. */
function replaceWith(current: unknown, wanted: unknown): unknown {
  if (typeof wanted !== 'object' || wanted === null || Array.isArray(wanted)) return wanted
  const out: Json = { ...(wanted as Json) }
  if (typeof current === 'object' && current !== null && !Array.isArray(current)) {
    for (const k of Object.keys(current)) out[k] = k in (wanted as Json) ? replaceWith((current as Json)[k], (wanted as Json)[k]) : null
  }
  return out
}

function stripHash(template: Json): Json {
  const t = JSON.parse(JSON.stringify(template)) as Json
  const labels = ((t.metadata ?? {}) as Json).labels as Json | undefined
  if (labels) delete labels['pod-template-hash']
  return t
}

export function continueRollout(state: KubectlState, ctx: Ctx, cmd: RunningCommand, prog: RolloutProg, msg: ApiResponse, finish: Finish): void {
  const info = resourceByName(prog.resource, prog.group)!
  if (msg.code >= 300) {
    finish(1, prog.out, statusErrorText(msg.body))
    return
  }
  switch (prog.phase) {
    case 'get': {
      const o = msg.body as KObject
      if (prog.op === 'status') {
        // Each line is printed when the status viewer says it (the console shows it at once).
        const s = rolloutStatus(prog.resource, o)
        if (s.error) return finish(1, '', s.error)
        printNow(ctx, cmd, s.line)
        if (s.done) return finish(0, '', '')
        prog.phase = 'watch'
        send(state, ctx, cmd, 'watch', objectPath(info, cmd.namespace), 'rollout', {
          query: [['fieldSelector', encodeURIComponent(`metadata.name=${prog.name}`)], ['resourceVersion', String(o.metadata.resourceVersion)], ['watch', 'true']],
        })
        return
      }
      prog.deployment = o
      prog.phase = 'list-rs'
      const selector = formatSelector((o.spec as Json | undefined)?.selector)
      const history = prog.resource === 'deployments' ? 'replicasets' : 'controllerrevisions'
      send(state, ctx, cmd, 'list', objectPath(resourceByName(history, 'apps')!, cmd.namespace), 'rollout', {
        query: [['labelSelector', encodeURIComponent(selector)], ['limit', '500']],
      })
      return
    }
    case 'watch': {
      const stream = msg.body as { watchId?: string }
      if (stream.watchId) {
        prog.watchId = stream.watchId
        state.watches[stream.watchId] = cmd.id
      }
      return
    }
    case 'list-rs': {
      const d = prog.deployment!
      const sets = ownedReplicaSets(d, (msg.body as { items?: KObject[] }).items ?? [])
      if (prog.op === 'history') return finish(0, history(d, sets, info), '')
      const revisions = sets.map((rs) => [revisionOf(rs), rs] as const).sort((a, b) => b[0] - a[0])
      let target: KObject | undefined
      if (prog.toRevision > 0) {
        target = revisions.find(([r]) => r === prog.toRevision)?.[1]
        if (!target) return finish(1, '', `error: unable to find specified revision ${prog.toRevision} in history\n`)
      } else {
        // rollback.go: the Deployment rollbacker names the object; the DaemonSet and StatefulSet ones do not.
        if (revisions.length < 2)
          return finish(1, '', prog.resource === 'deployments' ? `error: no rollout history found for deployment "${prog.name}"\n` : 'error: no last revision to roll back to\n')
        target = revisions[1]![1]
      }
      const wanted = templateOf(target)
      const current = ((d.spec as Json).template ?? {}) as Json
      if (JSON.stringify(wanted) === JSON.stringify(current))
        return finish(0, `${objectRef(info, prog.name)} skipped rollback (current template already matches revision ${revisionOf(target)})\n`, '')
      prog.phase = 'patch'
      send(state, ctx, cmd, 'patch', objectPath(info, cmd.namespace, prog.name), 'rollout', { body: { spec: { template: replaceWith(current, wanted) } } })
      return
    }
    case 'patch':
      finish(0, `${objectRef(info, prog.name)} rolled back\n`, '')
  }
}

/**
 * One event on the status watch. kubectl prints the viewer's line when it changes and, once the
 * rollout is done or failed, returns from its watch loop, which closes the watch
 * (watchtools.UntilWithSync's context is cancelled): the apiserver drops the watcher.
 */
export function rolloutWatchEvent(state: KubectlState, ctx: Ctx, cmd: RunningCommand, prog: RolloutProg, msg: WatchEventMessage, finish: Finish): void {
  if (msg.type === 'DELETED') {
    hangUp(state, ctx, msg.watchId)
    finish(1, '', `error: object has been deleted\n`)
    return
  }
  const s = rolloutStatus(prog.resource, msg.object)
  if (s.error) {
    hangUp(state, ctx, msg.watchId)
    finish(1, '', s.error)
    return
  }
  printNow(ctx, cmd, s.line)
  if (s.done) {
    hangUp(state, ctx, msg.watchId)
    finish(0, '', '')
  }
}
