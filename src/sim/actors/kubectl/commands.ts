/**
 * The kubectl commands this release of kube-anatomy simulates: run, get pods|nodes, describe pod,
 * delete pod. Each starts with the real request(s) real kubectl sends and prints what it prints.
 */
import type { Ctx } from '../../engine/actor.ts'
import { strategicMerge } from '../../k8s/merge.ts'
import { apiRequest } from '../client/api-client.ts'
import type { ParsedLine } from './parse.ts'
import type { KubectlState, RunningCommand } from './state.ts'

/** kubectl get and describe fetch lists in chunks of 500 (`--chunk-size`). */
const chunk: [string, string] = ['limit', '500']

const POD_NAMES = new Set(['pods', 'pod', 'po'])
const NODE_NAMES = new Set(['nodes', 'node', 'no'])

export type Start = { ok: true } | { ok: false; stderr: string }

function podsPath(cmd: RunningCommand, name?: string): string {
  const base = cmd.allNamespaces && !name ? '/api/v1/pods' : `/api/v1/namespaces/${cmd.namespace}/pods`
  return name ? `${base}/${name}` : base
}

/** Splits `pods/nginx` or `pod nginx` into resource and name. */
function resourceAndName(args: string[]): [string, string] {
  const first = args[0] ?? ''
  const slash = first.indexOf('/')
  if (slash >= 0) return [first.slice(0, slash), first.slice(slash + 1)]
  return [first, args[1] ?? '']
}

function unknownResource(resource: string): Start {
  return { ok: false, stderr: `error: the server doesn't have a resource type "${resource}"\n` }
}

export function startRun(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine): Start {
  const name = p.args[1]
  if (!name) return { ok: false, stderr: 'error: NAME is required for run\nSee \'kubectl run -h\' for help and examples\n' }
  const image = p.flags.image
  if (!image || image === 'true') return { ok: false, stderr: 'error: required flag(s) "image" not set\n' }
  const restart = p.flags.restart ?? 'Always'
  if (!['Always', 'OnFailure', 'Never'].includes(restart))
    return { ok: false, stderr: `error: invalid restart policy: ${restart}\n` }
  const labels: Record<string, string> = {}
  for (const pair of (p.flags.labels ?? `run=${name}`).split(',')) {
    const [k, v] = pair.split('=')
    if (k) labels[k] = v ?? ''
  }
  const container: Record<string, unknown> = { name, image, resources: {} }
  if (p.rest.length) {
    if (p.flags.command === 'true') container.command = p.rest
    else container.args = p.rest
  }
  if (p.flags.port) container.ports = [{ containerPort: Number(p.flags.port) }]
  // --env and --annotations are stringArray flags: one k=v per occurrence (run.go).
  const env = p.repeated.env ?? []
  if (env.length) {
    container.env = env.map((pair) => {
      const [k, ...v] = pair.split('=')
      return { name: k, value: v.join('=') }
    })
  }
  cmd.name = name
  // --annotations k=v, and --overrides '<json>'.
  const annotations: Record<string, string> = {}
  for (const pair of p.repeated.annotations ?? []) {
    const eq = pair.indexOf('=')
    if (eq > 0) annotations[pair.slice(0, eq)] = pair.slice(eq + 1)
  }
  let body: Record<string, unknown> = {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name, labels, ...(Object.keys(annotations).length ? { annotations } : {}) },
    spec: { containers: [container], restartPolicy: restart, dnsPolicy: 'ClusterFirst' },
    status: {},
  }
  if (p.flags.overrides) {
    let patch: unknown
    try {
      patch = JSON.parse(p.flags.overrides)
    } catch {
      return { ok: false, stderr: `error: Invalid JSON Patch\n` }
    }
    body = strategicMerge(body, patch as Record<string, unknown>)
  }
  apiRequest(state.client, ctx, 'create', `/api/v1/namespaces/${cmd.namespace}/pods`, { cmd: cmd.id, step: 'run' }, {
    query: [['fieldManager', 'kubectl-run']],
    body,
  })
  return { ok: true }
}

export function startGet(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine): Start {
  if (!p.args[1])
    return {
      ok: false,
      stderr:
        'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
    }
  const [resource, name] = resourceAndName(p.args.slice(1))
  const output = cmd.output
  if (output && output !== 'wide') return { ok: false, stderr: `error: unable to match a printer suitable for the output format "${output}", allowed formats are: wide\n` }
  cmd.name = name
  const step = name ? 'get-one' : 'get-list'
  if (POD_NAMES.has(resource)) {
    cmd.resource = 'pods'
    apiRequest(state.client, ctx, name ? 'get' : 'list', podsPath(cmd, name || undefined), { cmd: cmd.id, step }, name ? {} : { query: [chunk] })
    return { ok: true }
  }
  if (NODE_NAMES.has(resource)) {
    cmd.resource = 'nodes'
    apiRequest(state.client, ctx, name ? 'get' : 'list', name ? `/api/v1/nodes/${name}` : '/api/v1/nodes', { cmd: cmd.id, step }, name ? {} : { query: [chunk] })
    return { ok: true }
  }
  return unknownResource(resource)
}

export function startDescribe(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine): Start {
  const [resource, name] = resourceAndName(p.args.slice(1))
  if (!resource) return { ok: false, stderr: 'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n' }
  if (!POD_NAMES.has(resource)) return NODE_NAMES.has(resource) ? notYet('describe node') : unknownResource(resource)
  if (!name) return notYet('describe pods (without a name)')
  cmd.resource = 'pods'
  cmd.name = name
  apiRequest(state.client, ctx, 'get', podsPath(cmd, name), { cmd: cmd.id, step: 'describe-pod' })
  return { ok: true }
}

export function startDelete(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine): Start {
  const [resource, name] = resourceAndName(p.args.slice(1))
  if (!resource) return { ok: false, stderr: 'error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'\n   \'<resource> <name>\'\n   \'<resource>\'\n' }
  if (!POD_NAMES.has(resource)) return NODE_NAMES.has(resource) ? notYet('delete node') : unknownResource(resource)
  if (!name) return { ok: false, stderr: 'error: resource(s) were provided, but no name was specified\n' }
  cmd.resource = 'pods'
  cmd.name = name
  let grace: number | undefined
  if (p.flags['grace-period'] !== undefined) grace = Number(p.flags['grace-period'])
  if (p.flags.now === 'true') grace = 1
  if (p.flags.force === 'true' && grace === 0) grace = 0
  cmd.carry = { wait: p.flags.wait !== 'false' }
  apiRequest(state.client, ctx, 'delete', podsPath(cmd, name), { cmd: cmd.id, step: 'delete' }, {
    body: { kind: 'DeleteOptions', apiVersion: 'v1', ...(grace !== undefined && grace >= 0 ? { gracePeriodSeconds: grace } : {}) },
  })
  return { ok: true }
}

function notYet(what: string): Start {
  return { ok: false, stderr: `error: kube-anatomy does not simulate "kubectl ${what}" yet\n` }
}
