/**
 * `kubectl create ingress NAME --rule=host/path=service:port[,tls[=secret]] [--class=nginx]
 * [--default-backend=service:port] [--annotation=k=v]` (staging/src/k8s.io/kubectl/pkg/cmd/create/
 * create_ingress.go): a path ending in `*` is a Prefix path (the `*` dropped), any other is Exact;
 * a numeric port is `port.number`, a name `port.name`. One --rule per line here (kubectl repeats it).
 */
import type { Ctx } from '../../engine/actor.ts'
import { resourceByName } from '../../k8s/resources.ts'
import { objectRef } from './manifests.ts'
import type { ParsedLine } from './parse.ts'
import type { SimpleProg } from './cmd-misc.ts'
import { objectPath, send, unknownFlag } from './prog.ts'
import type { KubectlState, RunningCommand } from './state.ts'

/** create_ingress.go ruleRegex. */
const ruleRegex = /^([\w*\-.]*)(\/.*)=([\w-]+):([\w-]+)(,tls=?([\w-]+)?)?$/

function backend(service: string, port: string): Record<string, unknown> {
  return { service: { name: service, port: /^\d+$/.test(port) ? { number: Number(port) } : { name: port } } }
}

export function startCreateIngress(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine): { ok: true } | { ok: false; stderr: string } {
  const bad = unknownFlag(p, 'create ingress', ['rule', 'class', 'default-backend', 'annotation', 'dry-run', 'output', 'save-config', 'validate', 'field-manager', 'template', 'allow-missing-template-keys', 'show-managed-fields'])
  if (bad) return { ok: false, stderr: bad }
  const names = p.args.slice(2)
  if (names.length !== 1) return { ok: false, stderr: `error: exactly one NAME is required, got ${names.length}\nSee 'kubectl create ingress -h' for help and examples\n` }
  const name = names[0]!
  const rule = p.flags.rule
  const def = p.flags['default-backend']
  if (!rule && !def) return { ok: false, stderr: 'error: not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)\n' }
  const spec: Record<string, unknown> = {}
  if (p.flags.class) spec.ingressClassName = p.flags.class
  if (def) {
    const [svc, port] = def.split(':')
    if (!svc || !port) return { ok: false, stderr: `error: default-backend should be in format servicename:serviceport\n` }
    spec.defaultBackend = backend(svc, port)
  }
  if (rule) {
    const m = ruleRegex.exec(rule)
    if (!m) return { ok: false, stderr: `error: rule ${rule} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]\n` }
    const [, host = '', rawPath = '/', svc = '', port = '', tls, secret] = m
    const prefix = rawPath.endsWith('*')
    const path = prefix ? rawPath.slice(0, -1) : rawPath
    spec.rules = [{ ...(host ? { host } : {}), http: { paths: [{ path, pathType: prefix ? 'Prefix' : 'Exact', backend: backend(svc, port) }] } }]
    if (tls) spec.tls = [{ ...(host ? { hosts: [host] } : {}), ...(secret ? { secretName: secret } : {}) }]
  }
  const annotations: Record<string, string> = {}
  if (p.flags.annotation) {
    const eq = p.flags.annotation.indexOf('=')
    if (eq > 0) annotations[p.flags.annotation.slice(0, eq)] = p.flags.annotation.slice(eq + 1)
  }
  const info = resourceByName('ingresses', 'networking.k8s.io')!
  const body = {
    kind: 'Ingress',
    apiVersion: 'networking.k8s.io/v1',
    metadata: { name, creationTimestamp: null, ...(Object.keys(annotations).length ? { annotations } : {}) },
    spec,
    status: { loadBalancer: {} },
  }
  cmd.carry = { type: 'simple', what: 'create', ref: objectRef(info, name) } satisfies SimpleProg
  send(state, ctx, cmd, 'create', objectPath(info, cmd.namespace), 'simple', { query: [['fieldManager', 'kubectl-create'], ['fieldValidation', 'Strict']], body })
  return { ok: true }
}
