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
import { describeConfigMap, describeDaemonSet, describeDeployment, describeGeneric, describeJob, describeNamespace, describeReplicaSet, describeSecret, describeServiceAccount, describeStatefulSet } from './print/describe-objects.ts'
import { describeNode } from './print/describe-node.ts'
import { describeIngress, describeIngressClass } from './print/describe-ingress.ts'
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
  /** A named object: get → (lease) → related → events; every object of a kind: list → list-related → list-events. */
  phase: 'get' | 'list' | 'lease' | 'related' | 'events' | 'list-related' | 'list-leases' | 'list-events' | 'ingress-services' | 'list-ingress-services'
  lease?: KObject | null
  /** Every node's Lease, when describing all nodes. */
  leases?: KObject[]
  object?: KObject
  related: KObject[]
  items: KObject[]
  /** An Ingress's backend Services (its EndpointSlices are `related`). */
  services?: KObject[]
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

/** A node's events are about the Node by name; other objects' by name, namespace and uid. */
function eventsOf(prog: DescribeProg, o: KObject, all: KObject[]): Event[] {
  if (prog.resource !== 'nodes') return eventsFor(o, all)
  return (all as unknown as Event[]).filter((e) => e.involvedObject.kind === 'Node' && e.involvedObject.name === o.metadata.name)
}

const leaseOf = (leases: KObject[] | undefined, node: KObject): KObject | null =>
  leases?.find((l) => l.metadata.name === node.metadata.name) ?? null

/** describeNode's pod list: bound to this node and not finished. */
function podsOn(pods: KObject[], node: KObject): KObject[] {
  return pods.filter((p) => {
    const phase = (p.status as Json | undefined)?.phase
    return (p.spec as Json | undefined)?.nodeName === node.metadata.name && phase !== 'Succeeded' && phase !== 'Failed'
  })
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
    case 'secrets':
      return describeSecret(o)
    case 'serviceaccounts':
      return describeServiceAccount(o, events, nowMs)
    case 'poddisruptionbudgets':
      return describePodDisruptionBudget(o, events, nowMs)
    case 'ingresses':
      return describeIngress(o, prog.services ?? [], prog.related, events, nowMs)
    case 'ingressclasses':
      return describeIngressClass(o, events, nowMs)
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
      // Each object gets its whole describer, as with a name: what it owns and its events, read
      // once for all of them.
      prog.items = items
      const listNs = cmd.allNamespaces || prog.resource === 'nodes' ? '' : ns
      if (prog.resource === 'ingresses') {
        prog.phase = 'list-ingress-services'
        send(state, ctx, cmd, 'list', objectPath(resourceByName('services')!, listNs), 'describe', { query: [['limit', '500']] })
        return
      }
      if (['deployments', 'replicasets', 'statefulsets', 'daemonsets', 'nodes'].includes(prog.resource)) {
        prog.phase = 'list-related'
        const related = prog.resource === 'deployments' ? resourceByName('replicasets', 'apps')! : resourceByName('pods')!
        send(state, ctx, cmd, 'list', objectPath(related, listNs), 'describe', { query: [['limit', '500']] })
        return
      }
      prog.phase = 'list-events'
      send(state, ctx, cmd, 'list', objectPath(resourceByName('events')!, listNs), 'describe', { query: [['limit', '500']] })
      return
    }
    case 'list-ingress-services':
      prog.services = (msg.body as { items?: KObject[] }).items ?? []
      prog.phase = 'list-related'
      send(state, ctx, cmd, 'list', objectPath(resourceByName('endpointslices', 'discovery.k8s.io')!, cmd.allNamespaces ? '' : ns), 'describe', { query: [['limit', '500']] })
      return
    case 'list-related': {
      prog.related = (msg.body as { items?: KObject[] }).items ?? []
      if (prog.resource === 'nodes') {
        prog.phase = 'list-leases'
        send(state, ctx, cmd, 'list', objectPath(resourceByName('leases', 'coordination.k8s.io')!, 'kube-node-lease'), 'describe', { query: [['limit', '500']] })
        return
      }
      prog.phase = 'list-events'
      const listNs = cmd.allNamespaces || prog.resource === 'nodes' ? '' : ns
      send(state, ctx, cmd, 'list', objectPath(resourceByName('events')!, listNs), 'describe', { query: [['limit', '500']] })
      return
    }
    case 'list-leases':
      prog.leases = (msg.body as { items?: KObject[] }).items ?? []
      prog.phase = 'list-events'
      send(state, ctx, cmd, 'list', objectPath(resourceByName('events')!, ''), 'describe', { query: [['limit', '500']] })
      return
    case 'list-events': {
      const all = (msg.body as { items?: KObject[] }).items ?? []
      const described = prog.items.map((o) => render(prog.resource === 'nodes' ? { ...prog, related: podsOn(prog.related, o), lease: leaseOf(prog.leases, o) } : prog, o, eventsOf(prog, o, all), nowMs))
      return finish(0, described.join('\n\n'), '')
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
      if (prog.resource === 'ingresses') {
        // describeBackendV1 reads each backend's Service and EndpointSlices: listed once here.
        prog.phase = 'ingress-services'
        send(state, ctx, cmd, 'list', objectPath(resourceByName('services')!, o.metadata.namespace ?? ns), 'describe', { query: [['limit', '500']] })
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
    case 'ingress-services':
      prog.services = (msg.body as { items?: KObject[] }).items ?? []
      prog.phase = 'related'
      send(state, ctx, cmd, 'list', objectPath(resourceByName('endpointslices', 'discovery.k8s.io')!, prog.object!.metadata.namespace ?? ns), 'describe', { query: [['limit', '500']] })
      return
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
      return finish(0, render(prog, o, eventsOf(prog, o, all), nowMs), '')
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
