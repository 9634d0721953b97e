/**
 * `kubectl describe <kind> <name>` beyond pods: GET the object, the objects its describer reads
 * (a Deployment's ReplicaSets, a ReplicaSet's pods), then its events by involvedObject field
 * selector, as describe.go does.
 */
import type { Event } from 'kubernetes-types/core/v1'
import type { Ctx } from '../../engine/actor.ts'
import { resourceByName } from '../../k8s/resources.ts'
import type { ApiResponse } from '../../messages.ts'
import type { KObject } from '../../protocol.ts'
import { statusErrorText } from './errors.ts'
import type { ParsedLine } from './parse.ts'
import { describePodDisruptionBudget } from './print/describe-pdb.ts'
import { describeConfigMap, describeDaemonSet, describeDeployment, describeGeneric, describeJob, describeNamespace, describeReplicaSet, describeStatefulSet } from './print/describe-objects.ts'
import { describeNode } from './print/describe-node.ts'
import { eventsFor } from './print/events-table.ts'
import { formatSelector, ownerRefs } from './print/get-tables.ts'
import { objectPath, parseTargets, send, unknownFlag, type Finish } from './prog.ts'
import type { KubectlState, RunningCommand } from './state.ts'

type Json = Record<string, unknown>

export interface DescribeProg {
  type: 'describe'
  resource: string
  group: string
  name: string
  phase: 'get' | 'list' | 'lease' | 'related' | 'events'
  lease?: KObject | null
  object?: KObject
  related: KObject[]
  items: KObject[]
}

export function startDescribeObjects(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine): { ok: true } | { ok: false; stderr: string } {
  const bad = unknownFlag(p, 'describe', ['selector', 'all-namespaces', 'show-events', 'chunk-size', 'filename', 'recursive', 'kustomize', 'k'])
  if (bad) return { ok: false, stderr: bad }
  const parsed = parseTargets(p.args.slice(1))
  if (!parsed) return { ok: false, stderr: 'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n' }
  if (!parsed.ok) return parsed
  const { info, names } = parsed.targets
  const prog: DescribeProg = { type: 'describe', resource: info.resource, group: info.group, name: names[0] ?? '', phase: names[0] ? 'get' : 'list', related: [], items: [] }
  cmd.carry = prog
  if (prog.name) send(state, ctx, cmd, 'get', objectPath(info, cmd.namespace, prog.name), 'describe')
  else send(state, ctx, cmd, 'list', objectPath(info, cmd.allNamespaces ? '' : cmd.namespace), 'describe', { query: [['limit', '500']] })
  return { ok: true }
}

function owned(prog: DescribeProg, o: KObject): KObject[] {
  return prog.related.filter((p) => ownerRefs(p).some((r) => r.uid === o.metadata.uid))
}

function render(prog: DescribeProg, o: KObject, events: Event[], nowMs: number): string {
  switch (prog.resource) {
    case 'deployments': {
      // deploymentutil.EqualIgnoreHash: templates equal but for the pod-template-hash label.
      const withoutHash = (t: unknown): string => {
        const copy = JSON.parse(JSON.stringify(t ?? {})) as { metadata?: { labels?: Record<string, string> } }
        delete copy.metadata?.labels?.['pod-template-hash']
        return JSON.stringify(copy)
      }
      const template = withoutHash((o.spec as Json).template)
      const owned = prog.related.filter((rs) => ownerRefs(rs).some((r) => r.uid === o.metadata.uid))
      const isNew = (rs: KObject): boolean => withoutHash((rs.spec as Json).template) === template
      return describeDeployment(o, owned.filter(isNew).slice(0, 1), owned.filter((rs) => !isNew(rs) && Number((rs.spec as Json).replicas ?? 0) > 0), events, nowMs)
    }
    case 'replicasets':
      return describeReplicaSet(o, owned(prog, o), events, nowMs)
    case 'statefulsets':
      return describeStatefulSet(o, owned(prog, o), events, nowMs)
    case 'daemonsets':
      return describeDaemonSet(o, owned(prog, o), events, nowMs)
    case 'jobs':
      return describeJob(o, events, nowMs)
    case 'namespaces':
      return describeNamespace(o)
    case 'nodes':
      return describeNode(o, prog.lease ?? null, [...prog.related].sort((a, b) => (`${a.metadata.namespace}/${a.metadata.name}` < `${b.metadata.namespace}/${b.metadata.name}` ? -1 : 1)), events, nowMs)
    case 'configmaps':
      return describeConfigMap(o, events, nowMs)
    case 'poddisruptionbudgets':
      return describePodDisruptionBudget(o, events, nowMs)
    default:
      return describeGeneric(o, events, nowMs)
  }
}

export function continueDescribe(state: KubectlState, ctx: Ctx, cmd: RunningCommand, prog: DescribeProg, msg: ApiResponse, finish: Finish): void {
  const nowMs = ctx.startTimeMs + ctx.now
  if (msg.code >= 300 && prog.phase !== 'lease') return finish(1, '', statusErrorText(msg.body))
  const ns = cmd.namespace
  switch (prog.phase) {
    case 'list': {
      const items = (msg.body as { items?: KObject[] }).items ?? []
      if (items.length === 0) return finish(0, '', `No resources found in ${ns} namespace.\n`)
      return finish(0, items.map((o) => render(prog, o, [], nowMs)).join('\n\n'), '')
    }
    case 'get': {
      const o = msg.body as KObject
      prog.object = o
      const selector = formatSelector((o.spec as Json | undefined)?.selector)
      if (prog.resource === 'nodes') {
        prog.phase = 'lease'
        send(state, ctx, cmd, 'get', objectPath(resourceByName('leases', 'coordination.k8s.io')!, 'kube-node-lease', String(o.metadata.name)), 'describe')
        return
      }
      if (['deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs'].includes(prog.resource)) {
        prog.phase = 'related'
        const related = prog.resource === 'deployments' ? resourceByName('replicasets', 'apps')! : resourceByName('pods')!
        send(state, ctx, cmd, 'list', objectPath(related, ns), 'describe', { query: [['labelSelector', encodeURIComponent(selector)], ['limit', '500']] })
        return
      }
      break
    }
    case 'related':
      prog.related = (msg.body as { items?: KObject[] }).items ?? []
      break
    case 'lease': {
      prog.lease = msg.code < 300 ? (msg.body as KObject) : null
      prog.phase = 'related'
      const name = String(prog.object!.metadata.name)
      // describeNode's pod list: every namespace, bound here, not finished.
      send(state, ctx, cmd, 'list', objectPath(resourceByName('pods')!, ''), 'describe', {
        query: [['fieldSelector', encodeURIComponent(`spec.nodeName=${name},status.phase!=Succeeded,status.phase!=Failed`)], ['limit', '500']],
      })
      return
    }
    case 'events': {
      const o = prog.object!
      const all = (msg.body as { items?: KObject[] }).items ?? []
      const events = prog.resource === 'nodes' ? (all as unknown as Event[]).filter((e) => e.involvedObject.kind === 'Node' && e.involvedObject.name === o.metadata.name) : eventsFor(o, all)
      return finish(0, render(prog, o, events, nowMs), '')
    }
  }
  if (prog.resource === 'namespaces') return finish(0, render(prog, prog.object!, [], nowMs), '')
  const o = prog.object!
  prog.phase = 'events'
  if (prog.resource === 'nodes') {
    send(state, ctx, cmd, 'list', objectPath(resourceByName('events')!, ''), 'describe', {
      query: [['fieldSelector', encodeURIComponent(`involvedObject.kind=Node,involvedObject.name=${o.metadata.name}`)], ['limit', '500']],
    })
    return
  }
  const selector = `involvedObject.name=${o.metadata.name},involvedObject.namespace=${o.metadata.namespace ?? ''},involvedObject.uid=${o.metadata.uid}`
  send(state, ctx, cmd, 'list', objectPath(resourceByName('events')!, o.metadata.namespace ?? ns), 'describe', {
    query: [['fieldSelector', encodeURIComponent(selector)], ['limit', '500']],
  })
}
