/**
 * `kubectl create configmap|secret generic|serviceaccount|job|cronjob|service <type>`: each builds
 * its object on the client and POSTs it (staging/src/k8s.io/kubectl/pkg/cmd/create/create_*.go).
 * Each wraps a server error as `error: failed to create <what>: <message>`. `--dry-run=client`
 * sends nothing and prints the object it would send; `--dry-run=server` asks with `dryRun=All`.
 */
import type { Ctx } from '../../engine/actor.ts'
import { base64 } from '../../k8s/base64.ts'
import { resourceByName, type ResourceInfo } from '../../k8s/resources.ts'
import type { KObject } from '../../protocol.ts'
import { objectRef } from './manifests.ts'
import type { Start } from './commands.ts'
import type { ParsedLine } from './parse.ts'
import { toJson, toYaml } from './print/object-output.ts'
import { objectPath, send, unknownFlag, type Finish } from './prog.ts'
import type { SimpleProg } from './cmd-misc.ts'
import type { KubectlState, RunningCommand } from './state.ts'

/** Flags every create subcommand has (AddDryRunFlag, PrintFlags, AddValidateFlags, …). */
export const createCommonFlags = ['dry-run', 'output', 'save-config', 'validate', 'field-manager', 'template', 'allow-missing-template-keys', 'show-managed-fields']

/** cobra's required-flag check, which runs before the command's own (names sorted). */
function requiredFlags(p: ParsedLine, names: string[]): string | undefined {
  const missing = names.filter((n) => p.flags[n] === undefined || p.flags[n] === '').sort()
  return missing.length ? `error: required flag(s) ${missing.map((n) => `"${n}"`).join(', ')} not set\n` : undefined
}

/** NameFromCommandArgs: exactly one word before `--`. */
function oneName(p: ParsedLine, from: number, command: string): { name: string } | { stderr: string } {
  const names = p.args.slice(from)
  if (names.length !== 1) return { stderr: `error: exactly one NAME is required, got ${names.length}\nSee 'kubectl create ${command} -h' for help and examples\n` }
  return { name: names[0]! }
}

/**
 * Sends (or with `--dry-run=client` prints) a create built on the client. `wrap` is the noun of
 * the command's `failed to create …` error.
 */
export function sendCreate(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine, info: ResourceInfo, body: KObject, finish: Finish, wrap?: string): Start {
  const dryRun = p.flags['dry-run'] ?? 'none'
  if (!['none', 'client', 'server', 'true', 'false'].includes(dryRun)) return { ok: false, stderr: `error: Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".\n` }
  const output = p.flags.output ?? ''
  if (!['', 'yaml', 'json', 'name'].includes(output)) return { ok: false, stderr: `error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,yaml\n` }
  const ref = objectRef(info, String(body.metadata.name))
  // Boolean --dry-run is deprecated and means client (cmdutil.GetDryRunStrategy).
  if (dryRun === 'client' || dryRun === 'true') {
    finish(0, printCreated(ref, output, body, ' (dry run)'), '')
    return { ok: true }
  }
  const server = dryRun === 'server'
  cmd.carry = { type: 'simple', what: 'create', ref, output, ...(server ? { dryRun: 'server' as const } : {}), ...(wrap ? { wrap } : {}) } satisfies SimpleProg
  const query: [string, string][] = [...(server ? [['dryRun', 'All'] as [string, string]] : []), ['fieldManager', 'kubectl-create'], ['fieldValidation', 'Strict']]
  send(state, ctx, cmd, 'create', objectPath(info, cmd.namespace), 'simple', { query, body })
  return { ok: true }
}

/** `<kind>/<name> created`, or the object itself with -o yaml|json. */
export function printCreated(ref: string, output: string, object: unknown, suffix = ''): string {
  if (output === 'yaml') return toYaml(object)
  if (output === 'json') return toJson(object)
  if (output === 'name') return `${ref}\n`
  return `${ref} created${suffix}\n`
}

/** `--from-literal=key=value`, split at the first `=` (ParseLiteralSource). */
function literals(p: ParsedLine, kind: 'ConfigMap' | 'Secret', name: string): { data: Record<string, string> } | { stderr: string } {
  const data: Record<string, string> = {}
  for (const source of p.repeated['from-literal'] ?? []) {
    const eq = source.indexOf('=')
    if (eq <= 0) return { stderr: `error: invalid literal source ${source}, expected key=value\n` }
    const key = source.slice(0, eq)
    if (!/^[-._a-zA-Z0-9]+$/.test(key))
      return { stderr: `error: "${key}" is not ${kind === 'ConfigMap' ? 'a valid key name for a ConfigMap:' : 'valid key name for a Secret'} a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')\n` }
    if (key in data)
      return { stderr: kind === 'ConfigMap' ? `error: cannot add key "${key}", another key by that name already exists in Data for ConfigMap "${name}"\n` : `error: cannot add key ${key}, another key by that name already exists\n` }
    data[key] = source.slice(eq + 1)
  }
  return { data }
}

function noFiles(p: ParsedLine): string | undefined {
  if (p.flags['from-file'] !== undefined || p.flags['from-env-file'] !== undefined) return 'error: kube-anatomy has no files to read; use --from-literal=key=value\n'
  return undefined
}

/** metadata.namespace only when -n was given (EnforceNamespace). */
function meta(p: ParsedLine, name: string, cmd: RunningCommand): Record<string, unknown> {
  return p.flags.namespace !== undefined ? { name, namespace: cmd.namespace } : { name }
}

function configMap(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine, finish: Finish): Start {
  const bad = unknownFlag(p, 'create configmap', ['from-literal', 'from-file', 'from-env-file', 'append-hash', ...createCommonFlags]) ?? noFiles(p)
  if (bad) return { ok: false, stderr: bad }
  const n = oneName(p, 2, 'configmap')
  if ('stderr' in n) return { ok: false, stderr: n.stderr }
  const l = literals(p, 'ConfigMap', n.name)
  if ('stderr' in l) return { ok: false, stderr: l.stderr }
  const body: KObject = { kind: 'ConfigMap', apiVersion: 'v1', metadata: meta(p, n.name, cmd) as KObject['metadata'], ...(Object.keys(l.data).length ? { data: l.data } : {}) }
  return sendCreate(state, ctx, cmd, p, resourceByName('configmaps')!, body, finish, 'configmap')
}

function secretGeneric(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine, finish: Finish): Start {
  const bad = unknownFlag(p, 'create secret generic', ['from-literal', 'from-file', 'from-env-file', 'append-hash', 'type', ...createCommonFlags]) ?? noFiles(p)
  if (bad) return { ok: false, stderr: bad }
  const n = oneName(p, 3, 'secret generic')
  if ('stderr' in n) return { ok: false, stderr: n.stderr }
  const l = literals(p, 'Secret', n.name)
  if ('stderr' in l) return { ok: false, stderr: l.stderr }
  const data = Object.fromEntries(Object.entries(l.data).map(([k, v]) => [k, base64(v)]))
  // --type defaults to "": the apiserver defaults it to Opaque.
  const body: KObject = { kind: 'Secret', apiVersion: 'v1', metadata: meta(p, n.name, cmd) as KObject['metadata'], ...(Object.keys(data).length ? { data } : {}), ...(p.flags.type ? { type: p.flags.type } : {}) }
  return sendCreate(state, ctx, cmd, p, resourceByName('secrets')!, body, finish, 'secret')
}

function serviceAccount(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine, finish: Finish): Start {
  const bad = unknownFlag(p, 'create serviceaccount', createCommonFlags)
  if (bad) return { ok: false, stderr: bad }
  const n = oneName(p, 2, 'serviceaccount')
  if ('stderr' in n) return { ok: false, stderr: n.stderr }
  const body: KObject = { kind: 'ServiceAccount', apiVersion: 'v1', metadata: meta(p, n.name, cmd) as KObject['metadata'] }
  return sendCreate(state, ctx, cmd, p, resourceByName('serviceaccounts')!, body, finish, 'serviceaccount')
}

/** The pod template create job and create cronjob write: one container named as the object. */
function podTemplate(name: string, image: string, command: string[], restartPolicy: string): Record<string, unknown> {
  return { metadata: {}, spec: { containers: [{ name, image, ...(command.length ? { command } : {}), resources: {} }], restartPolicy } }
}

function job(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine, finish: Finish): Start {
  const bad = unknownFlag(p, 'create job', ['image', 'from', ...createCommonFlags])
  if (bad) return { ok: false, stderr: bad }
  const n = oneName(p, 2, 'job')
  if ('stderr' in n) return { ok: false, stderr: n.stderr }
  const image = p.flags.image
  if (p.flags.from !== undefined) return { ok: false, stderr: 'error: kube-anatomy does not simulate "kubectl create job --from" yet\n' }
  if (!image) return { ok: false, stderr: 'error: either --image or --from must be specified\n' }
  const body: KObject = { kind: 'Job', apiVersion: 'batch/v1', metadata: meta(p, n.name, cmd) as KObject['metadata'], spec: { template: podTemplate(n.name, image, p.rest, 'Never') }, status: {} }
  return sendCreate(state, ctx, cmd, p, resourceByName('jobs', 'batch')!, body, finish, 'job')
}

function cronJob(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine, finish: Finish): Start {
  const bad = unknownFlag(p, 'create cronjob', ['image', 'schedule', 'restart', ...createCommonFlags]) ?? requiredFlags(p, ['image', 'schedule'])
  if (bad) return { ok: false, stderr: bad }
  const n = oneName(p, 2, 'cronjob')
  if ('stderr' in n) return { ok: false, stderr: n.stderr }
  const restart = p.flags.restart || 'OnFailure'
  const body: KObject = {
    kind: 'CronJob',
    apiVersion: 'batch/v1',
    metadata: meta(p, n.name, cmd) as KObject['metadata'],
    spec: { schedule: p.flags.schedule, jobTemplate: { metadata: { name: n.name }, spec: { template: podTemplate(n.name, p.flags.image!, p.rest, restart) } } },
    status: {},
  }
  return sendCreate(state, ctx, cmd, p, resourceByName('cronjobs', 'batch')!, body, finish, 'cronjob')
}

const serviceTypes: Record<string, string> = { clusterip: 'ClusterIP', nodeport: 'NodePort', loadbalancer: 'LoadBalancer', externalname: 'ExternalName' }

/** `--tcp=port[:targetPort]`, each one TCP port named after its text (create_service.go). */
function tcpPorts(specs: string[], nodePort: number): { ports: Record<string, unknown>[] } | { stderr: string } {
  const ports: Record<string, unknown>[] = []
  for (const spec of specs) {
    const [portText = '', targetText] = spec.split(':')
    if (!/^\d+$/.test(portText)) return { stderr: `error: strconv.ParseUint: parsing "${portText}": invalid syntax\n` }
    const port = Number(portText)
    if (port > 65535) return { stderr: `error: strconv.ParseUint: parsing "${portText}": value out of range\n` }
    let targetPort: number | string = port
    if (targetText !== undefined) {
      if (/^\d+$/.test(targetText)) {
        targetPort = Number(targetText)
        if (targetPort < 1 || targetPort > 65535) return { stderr: 'error: must be between 1 and 65535, inclusive\n' }
      } else targetPort = targetText
    }
    ports.push({ name: spec.replace(/:/g, '-'), protocol: 'TCP', port, targetPort, ...(nodePort ? { nodePort } : {}) })
  }
  return { ports }
}

function service(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine, finish: Finish): Start {
  const word = p.args[2]
  const type = word ? serviceTypes[word] : undefined
  if (!word) return { ok: false, stderr: 'error: kube-anatomy needs a service type: kubectl create service clusterip|nodeport|loadbalancer|externalname NAME\n' }
  if (!type) return { ok: false, stderr: `error: unknown command "${word}"\nSee 'kubectl create service -h' for help and examples\n` }
  const own = { clusterip: ['tcp', 'clusterip'], nodeport: ['tcp', 'node-port'], loadbalancer: ['tcp'], externalname: ['tcp', 'external-name'] }[word]!
  const bad = unknownFlag(p, `create service ${word}`, [...own, ...createCommonFlags]) ?? (word === 'externalname' ? requiredFlags(p, ['external-name']) : undefined)
  if (bad) return { ok: false, stderr: bad }
  const n = oneName(p, 3, `service ${word}`)
  if ('stderr' in n) return { ok: false, stderr: n.stderr }
  const tcp = (p.repeated.tcp ?? []).flatMap((t) => t.split(','))
  const clusterIP = p.flags.clusterip ?? ''
  if (!tcp.length && type !== 'ExternalName' && clusterIP !== 'None') return { ok: false, stderr: 'error: at least one tcp port specifier must be provided\n' }
  const externalName = p.flags['external-name'] ?? ''
  if (type === 'ExternalName' && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(externalName)) return { ok: false, stderr: `error: invalid service external name ${externalName}\n` }
  const parsed = tcpPorts(tcp, Number(p.flags['node-port'] ?? 0))
  if ('stderr' in parsed) return { ok: false, stderr: parsed.stderr }
  const labels = { app: n.name }
  const body: KObject = {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: { ...meta(p, n.name, cmd), labels } as KObject['metadata'],
    spec: {
      ...(parsed.ports.length ? { ports: parsed.ports } : {}),
      selector: labels,
      type,
      ...(clusterIP ? { clusterIP } : {}),
      ...(type === 'ExternalName' ? { externalName } : {}),
    },
    status: { loadBalancer: {} },
  }
  return sendCreate(state, ctx, cmd, p, resourceByName('services')!, body, finish, `${type} service`)
}

/** The create subcommands of this file; undefined for the others. */
export function startCreateSubcommand(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine, finish: Finish): Start | undefined {
  switch (p.args[1]) {
    case 'configmap':
    case 'cm':
      return configMap(state, ctx, cmd, p, finish)
    case 'secret':
      if (p.args[2] === 'generic') return secretGeneric(state, ctx, cmd, p, finish)
      if (p.args[2] === 'docker-registry' || p.args[2] === 'tls') return { ok: false, stderr: `error: kube-anatomy does not simulate "kubectl create secret ${p.args[2]}" yet\n` }
      return { ok: false, stderr: p.args[2] ? `error: unknown command "${p.args[2]}"\nSee 'kubectl create secret -h' for help and examples\n` : 'error: kube-anatomy needs a secret type: kubectl create secret generic NAME --from-literal=key=value\n' }
    case 'serviceaccount':
    case 'sa':
      return serviceAccount(state, ctx, cmd, p, finish)
    case 'job':
      return job(state, ctx, cmd, p, finish)
    case 'cronjob':
    case 'cj':
      return cronJob(state, ctx, cmd, p, finish)
    case 'service':
    case 'svc':
      return service(state, ctx, cmd, p, finish)
  }
  return undefined
}
