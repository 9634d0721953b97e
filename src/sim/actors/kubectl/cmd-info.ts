/**
 * What a workshop types first: `kubectl version` (GET /version; pkg/cmd/version), `kubectl
 * cluster-info` (the control plane's address, then each kube-system Service labelled
 * kubernetes.io/cluster-service=true; pkg/cmd/clusterinfo) and `kubectl top` (a kubeadm cluster has
 * no metrics-server, so discovery, answered from kubectl's cache, finds no metrics.k8s.io).
 */
import type { Ctx } from '../../engine/actor.ts'
import { resourceByName } from '../../k8s/resources.ts'
import { clientVersion, kustomizeVersion, type VersionInfo } from '../../k8s/version-info.ts'
import type { ApiResponse } from '../../messages.ts'
import type { KObject } from '../../protocol.ts'
import { apiserverAddress, apiserverPort } from '../../cluster/service-bootstrap.ts'
import { statusErrorText } from './errors.ts'
import type { Start } from './commands.ts'
import type { ParsedLine } from './parse.ts'
import { toYaml } from './print/object-output.ts'
import { objectPath, send, unknownFlag, type Finish } from './prog.ts'
import type { KubectlState, RunningCommand } from './state.ts'

export interface InfoProg {
  type: 'info'
  what: 'version' | 'cluster-info'
  /** `kubectl version -o json|yaml`; empty for the plain text. */
  output: string
}

/** The server in kubeadm's admin.conf: the control-plane host's advertise address and secure port. */
const server = `https://${apiserverAddress}:${apiserverPort}`

function versionText(client: VersionInfo, server: VersionInfo | undefined, output: string): string {
  const info = { clientVersion: client, kustomizeVersion, ...(server ? { serverVersion: server } : {}) }
  // pkg/cmd/version: json.MarshalIndent with two spaces, fields in struct order; yaml sorted.
  if (output === 'json') return `${JSON.stringify(info, null, 2)}\n`
  if (output === 'yaml') return toYaml(info)
  return `Client Version: ${client.gitVersion}\nKustomize Version: ${kustomizeVersion}\n${server ? `Server Version: ${server.gitVersion}\n` : ''}`
}

export function startVersion(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine, finish: Finish): Start {
  const bad = unknownFlag(p, 'version', ['client', 'output', 'o'])
  if (bad) return { ok: false, stderr: bad }
  const output = p.flags.output ?? ''
  if (output !== '' && output !== 'json' && output !== 'yaml') return { ok: false, stderr: `error: --output must be 'yaml' or 'json'\n` }
  if (p.flags.client === 'true') {
    finish(0, versionText(clientVersion, undefined, output), '')
    return { ok: true }
  }
  cmd.carry = { type: 'info', what: 'version', output } satisfies InfoProg
  send(state, ctx, cmd, 'get', '/version', 'info')
  return { ok: true }
}

export function startClusterInfo(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine): Start {
  if (p.args[1] === 'dump') return { ok: false, stderr: 'error: kube-anatomy does not simulate "kubectl cluster-info dump" yet\n' }
  const bad = unknownFlag(p, 'cluster-info', [])
  if (bad) return { ok: false, stderr: bad }
  // Without -n, cluster-info looks in kube-system (clusterinfo.go Complete).
  cmd.carry = { type: 'info', what: 'cluster-info', output: '' } satisfies InfoProg
  const namespace = p.flags.namespace ?? 'kube-system'
  send(state, ctx, cmd, 'list', objectPath(resourceByName('services')!, namespace), 'info', { query: [['labelSelector', encodeURIComponent('kubernetes.io/cluster-service=true')]] })
  return { ok: true }
}

/** utilnet.JoinSchemeNamePort: `<scheme>:<name>:<port>` needs all three once a scheme is given. */
function joinSchemeNamePort(scheme: string, name: string, port: string): string {
  if (scheme) return `${scheme}:${name}:${port}`
  return port ? `${name}:${port}` : name
}

/** Where cluster-info says a Service runs: its load balancer, else the apiserver's proxy URL. */
function serviceLink(svc: KObject): string {
  const spec = svc.spec as { ports?: { name?: string; port: number }[] }
  const ingress = (svc.status as { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } } | undefined)?.loadBalancer?.ingress?.[0]
  if (ingress) return (spec.ports ?? []).map((port) => `http://${ingress.ip || ingress.hostname}:${port.port} `).join('')
  let name = String(svc.metadata.name)
  const port = spec.ports?.[0]
  if (port) name = joinSchemeNamePort(port.name === 'https' || port.port === 443 ? 'https' : '', name, port.name ?? '')
  return `${server}/api/v1/namespaces/${svc.metadata.namespace}/services/${name}/proxy`
}

function clusterInfoText(services: KObject[]): string {
  let out = `Kubernetes control plane is running at ${server}\n`
  for (const svc of services) out += `${svc.metadata.labels?.['kubernetes.io/name'] || svc.metadata.name} is running at ${serviceLink(svc)}\n`
  return `${out}\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`
}

export function continueInfo(prog: InfoProg, msg: ApiResponse, finish: Finish): void {
  if (prog.what === 'version') {
    if (msg.code >= 300) return finish(1, versionText(clientVersion, undefined, ''), statusErrorText(msg.body))
    return finish(0, versionText(clientVersion, msg.body as VersionInfo, prog.output), '')
  }
  // The control plane's line is printed before the LIST; an error ends it without the closing hint.
  if (msg.code >= 300) return finish(1, `Kubernetes control plane is running at ${server}\n`, statusErrorText(msg.body))
  finish(0, clusterInfoText((msg.body as { items?: KObject[] }).items ?? []), '')
}

/** `kubectl top node|pod`: no metrics.k8s.io in discovery (top_node.go, top_pod.go). */
export function startTop(p: ParsedLine): Start {
  const what = p.args[1]
  if (what === undefined) return { ok: false, stderr: 'error: kube-anatomy does not simulate "kubectl top" without a resource; try "kubectl top nodes"\n' }
  if (!['node', 'nodes', 'no', 'pod', 'pods', 'po'].includes(what)) return { ok: false, stderr: `error: unknown command "${what}"\nSee 'kubectl top -h' for help and examples\n` }
  return { ok: false, stderr: 'error: Metrics API not available\n' }
}
