/**
 * `kubectl expose` and `kubectl describe service`, with the requests real kubectl sends:
 * expose GETs the object, reads its selector and ports (or takes --port), and POSTs the Service
 * (fieldManager kubectl-expose); describe GETs the Service, LISTs its EndpointSlices by the
 * `kubernetes.io/service-name` label and LISTs its events.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { ApiResponse } from '../../messages.ts'
import type { KObject } from '../../protocol.ts'
import { apiRequest } from '../client/api-client.ts'
import { statusErrorText } from './errors.ts'
import type { ParsedLine } from './parse.ts'
import { describeService } from './print/describe-service.ts'
import type { KubectlState, RunningCommand } from './state.ts'

type Done = (code: number, stdout: string, stderr: string) => void
type Start = { ok: true } | { ok: false; stderr: string }

const EXPOSABLE: Record<string, { path: (ns: string, name: string) => string; kind: string }> = {
  deployment: { path: (ns, n) => `/apis/apps/v1/namespaces/${ns}/deployments/${n}`, kind: 'deployment' },
  replicaset: { path: (ns, n) => `/apis/apps/v1/namespaces/${ns}/replicasets/${n}`, kind: 'replicaset' },
  pod: { path: (ns, n) => `/api/v1/namespaces/${ns}/pods/${n}`, kind: 'pod' },
  service: { path: (ns, n) => `/api/v1/namespaces/${ns}/services/${n}`, kind: 'service' },
}
const ALIASES: Record<string, string> = {
  deployment: 'deployment', deployments: 'deployment', deploy: 'deployment',
  replicaset: 'replicaset', replicasets: 'replicaset', rs: 'replicaset',
  pod: 'pod', pods: 'pod', po: 'pod',
  service: 'service', services: 'service', svc: 'service',
}

interface Carry {
  svc: 'expose-get' | 'expose-create' | 'describe-get' | 'describe-slices' | 'describe-events'
  flags?: Record<string, string>
  kind?: string
  service?: KObject
  slices?: KObject[]
}

function split(args: string[]): [string, string] {
  const first = args[0] ?? ''
  const slash = first.indexOf('/')
  return slash >= 0 ? [first.slice(0, slash), first.slice(slash + 1)] : [first, args[1] ?? '']
}

/** Starts the command when it is one of these; null leaves the line to the other commands. */
export function startServiceCommand(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine): Start | null {
  const verb = p.args[0]
  if (verb === 'expose') {
    const [resource, name] = split(p.args.slice(1))
    const kind = ALIASES[resource]
    if (!resource) return { ok: false, stderr: 'error: You must provide one or more resources by argument or filename.\n' }
    if (!kind) return { ok: false, stderr: `error: cannot expose a ${resource}\n` }
    if (!name) return { ok: false, stderr: 'error: resource(s) were provided, but no name was specified\n' }
    cmd.name = name
    cmd.carry = { svc: 'expose-get', flags: p.flags, kind } satisfies Carry
    apiRequest(state.client, ctx, 'get', EXPOSABLE[kind]!.path(cmd.namespace, name), { cmd: cmd.id, step: 'svc' })
    return { ok: true }
  }
  if (verb === 'describe' && ALIASES[split(p.args.slice(1))[0]] === 'service') {
    const name = split(p.args.slice(1))[1]
    if (!name) return null
    cmd.name = name
    cmd.carry = { svc: 'describe-get' } satisfies Carry
    apiRequest(state.client, ctx, 'get', `/api/v1/namespaces/${cmd.namespace}/services/${name}`, { cmd: cmd.id, step: 'svc' })
    return { ok: true }
  }
  return null
}

interface ContainerPort {
  containerPort: number
  protocol?: string
  name?: string
}

function introspect(kind: string, o: KObject): { selector?: Record<string, string>; ports: ContainerPort[]; error?: string } {
  const spec = (o.spec ?? {}) as Record<string, unknown>
  if (kind === 'service') return { selector: spec.selector as Record<string, string>, ports: ((spec.ports ?? []) as { port: number; protocol?: string; name?: string }[]).map((p) => ({ containerPort: p.port, ...(p.protocol ? { protocol: p.protocol } : {}), ...(p.name ? { name: p.name } : {}) })) }
  const podSpec = kind === 'pod' ? spec : (((spec.template ?? {}) as Record<string, unknown>).spec ?? {}) as Record<string, unknown>
  const ports = ((podSpec.containers ?? []) as { ports?: ContainerPort[] }[]).flatMap((c) => c.ports ?? [])
  if (kind === 'pod') {
    const labels = o.metadata.labels ?? {}
    if (Object.keys(labels).length === 0) return { ports, error: 'couldn\'t retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed' }
    return { selector: labels, ports }
  }
  const sel = (spec.selector ?? {}) as { matchLabels?: Record<string, string>; matchExpressions?: unknown[] }
  if (sel.matchExpressions?.length) return { ports, error: `couldn't retrieve selectors via --selector flag or introspection: the ${kind} has a selector with matchExpressions, which cannot be converted to a Service selector` }
  return { selector: sel.matchLabels ?? {}, ports }
}

function numberOrName(v: string): number | string {
  return /^\d+$/.test(v) ? Number(v) : v
}

function exposeBody(cmd: RunningCommand, carry: Carry, o: KObject): KObject | string {
  const flags = carry.flags ?? {}
  const found = introspect(carry.kind!, o)
  if (found.error) return found.error
  const protocol = flags.protocol && flags.protocol !== 'true' ? flags.protocol : undefined
  let ports: Record<string, unknown>[]
  if (flags.port && flags.port !== 'true') {
    const target = flags['target-port'] && flags['target-port'] !== 'true' ? numberOrName(flags['target-port']) : undefined
    ports = [{ port: Number(flags.port), protocol: protocol ?? 'TCP', ...(target !== undefined ? { targetPort: target } : {}) }]
  } else {
    if (found.ports.length === 0) return "couldn't find port via --port flag or introspection"
    ports = found.ports.map((cp, i) => ({
      ...(found.ports.length > 1 ? { name: cp.name ?? `port-${i + 1}` } : {}),
      port: cp.containerPort,
      protocol: protocol ?? cp.protocol ?? 'TCP',
      targetPort: cp.containerPort,
    }))
  }
  const name = flags.name && flags.name !== 'true' ? flags.name : cmd.name
  const type = flags.type && flags.type !== 'true' ? flags.type : undefined
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: { name, ...(o.metadata.labels ? { labels: o.metadata.labels } : {}) },
    spec: { ports, selector: found.selector, ...(type ? { type } : {}) },
    status: { loadBalancer: {} },
  }
}

export function continueServiceCommand(state: KubectlState, ctx: Ctx, cmd: RunningCommand, msg: ApiResponse, done: Done): void {
  const carry = cmd.carry as Carry
  if (msg.code >= 300 && carry.svc !== 'describe-events') {
    done(1, '', statusErrorText(msg.body))
    return
  }
  const body = msg.body as KObject & { items?: KObject[] }
  switch (carry.svc) {
    case 'expose-get': {
      const svc = exposeBody(cmd, carry, body)
      if (typeof svc === 'string') {
        done(1, '', `error: ${svc}\n`)
        return
      }
      carry.svc = 'expose-create'
      apiRequest(state.client, ctx, 'create', `/api/v1/namespaces/${cmd.namespace}/services`, { cmd: cmd.id, step: 'svc' }, { query: [['fieldManager', 'kubectl-expose']], body: svc })
      return
    }
    case 'expose-create':
      done(0, `service/${body.metadata.name} exposed\n`, '')
      return
    case 'describe-get':
      carry.service = body
      carry.svc = 'describe-slices'
      apiRequest(state.client, ctx, 'list', `/apis/discovery.k8s.io/v1/namespaces/${cmd.namespace}/endpointslices`, { cmd: cmd.id, step: 'svc' }, {
        query: [['labelSelector', encodeURIComponent(`kubernetes.io/service-name=${cmd.name}`)]],
      })
      return
    case 'describe-slices': {
      carry.slices = body.items ?? []
      carry.svc = 'describe-events'
      const s = carry.service!
      const selector = `involvedObject.name=${s.metadata.name},involvedObject.namespace=${s.metadata.namespace},involvedObject.uid=${s.metadata.uid}`
      apiRequest(state.client, ctx, 'list', `/api/v1/namespaces/${cmd.namespace}/events`, { cmd: cmd.id, step: 'svc' }, { query: [['fieldSelector', encodeURIComponent(selector)], ['limit', '500']] })
      return
    }
    case 'describe-events': {
      const events = msg.code < 300 ? (body.items ?? []) : []
      done(0, describeService(carry.service!, carry.slices ?? [], events, ctx.startTimeMs + ctx.now), '')
      return
    }
  }
}
