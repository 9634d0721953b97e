/**
 * `kubectl create ingress NAME --rule=host/path=service:port[,tls[=secret]] [--class=nginx]
 * [--default-backend=service:port] [--annotation=k=v]` (staging/src/k8s.io/kubectl/pkg/cmd/create/
 * create_ingress.go): a path ending in `*` is a Prefix path (the `*` dropped), any other is Exact;
 * a numeric port is `port.number`, a name `port.name`. `--rule` and `--annotation` repeat: rules of
 * one host become paths of one IngressRule, and TLS hosts are grouped by secret, each host once.
 */
import type { Ctx } from '../../engine/actor.ts'
import { resourceByName } from '../../k8s/resources.ts'
import { createCommonFlags, sendCreate } from './create-subcommands.ts'
import type { ParsedLine } from './parse.ts'
import { unknownFlag, type Finish } from './prog.ts'
import type { KubectlState, RunningCommand } from './state.ts'

/** create_ingress.go ruleRegex. */
const ruleRegex = /^([\w*\-.]*)(\/.*)=([\w-]+):([\w-]+)(,tls=?([\w-]+)?)?$/

function backend(service: string, port: string): Record<string, unknown> {
  return { service: { name: service, port: /^\d+$/.test(port) ? { number: Number(port) } : { name: port } } }
}

export function startCreateIngress(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine, finish: Finish): { ok: true } | { ok: false; stderr: string } {
  const bad = unknownFlag(p, 'create ingress', ['rule', 'class', 'default-backend', 'annotation', ...createCommonFlags])
  if (bad) return { ok: false, stderr: bad }
  const names = p.args.slice(2)
  if (names.length !== 1) return { ok: false, stderr: `error: exactly one NAME is required, got ${names.length}\nSee 'kubectl create ingress -h' for help and examples\n` }
  const name = names[0]!
  const rules = p.repeated.rule ?? []
  const def = p.flags['default-backend']
  if (!rules.length && !def) return { ok: false, stderr: 'error: not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)\n' }
  // Validate: every rule, then every annotation, then the default backend, before building.
  const badRule = rules.find((r) => !ruleRegex.test(r))
  if (badRule !== undefined) return { ok: false, stderr: `error: rule ${badRule} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]\n` }
  const annotationFlags = p.repeated.annotation ?? []
  const badAnnotation = annotationFlags.find((a) => !a.includes('='))
  if (badAnnotation !== undefined) return { ok: false, stderr: `error: annotation ${badAnnotation} is invalid and should be in format key=[value]\n` }
  if (def && def.split(':').length !== 2) return { ok: false, stderr: `error: default-backend should be in format servicename:serviceport\n` }
  const spec: Record<string, unknown> = {}
  if (p.flags.class) spec.ingressClassName = p.flags.class
  if (def) {
    const [svc = '', port = ''] = def.split(':')
    spec.defaultBackend = backend(svc, port)
  }
  const tls = tlsOf(rules)
  if (tls.length) spec.tls = tls
  if (rules.length) spec.rules = rulesOf(rules)
  const annotations: Record<string, string> = {}
  for (const a of annotationFlags) {
    const eq = a.indexOf('=')
    annotations[a.slice(0, eq)] = a.slice(eq + 1)
  }
  const info = resourceByName('ingresses', 'networking.k8s.io')!
  const body = {
    kind: 'Ingress',
    apiVersion: 'networking.k8s.io/v1',
    metadata: { name, ...(Object.keys(annotations).length ? { annotations } : {}) },
    spec,
    status: { loadBalancer: {} },
  }
  return sendCreate(state, ctx, cmd, p, info, body, finish, 'ingress')
}

interface Rule {
  host?: string
  http: { paths: Record<string, unknown>[] }
}

/** buildIngressRules: one rule per host, in first-seen order; later rules for a host add paths. */
function rulesOf(flags: string[]): Rule[] {
  const out: Rule[] = []
  for (const flag of flags) {
    const [, host = '', rawPath = '/', svc = '', port = ''] = ruleRegex.exec(flag)!
    const prefix = rawPath.endsWith('*')
    const path = { path: prefix ? rawPath.slice(0, -1) : rawPath, pathType: prefix ? 'Prefix' : 'Exact', backend: backend(svc, port) }
    const same = out.find((r) => (r.host ?? '') === host)
    if (same) same.http.paths.push(path)
    else out.push({ ...(host ? { host } : {}), http: { paths: [path] } })
  }
  return out
}

/** buildTLSRules: rules with `,tls[=secret]`, grouped by secret; a host is listed once. */
function tlsOf(flags: string[]): { hosts?: string[]; secretName?: string }[] {
  const out: { hosts?: string[]; secretName?: string }[] = []
  const seen = new Set<string>()
  for (const flag of flags) {
    const parts = flag.split(',')
    if (parts.length !== 2) continue
    const host = flag.split('/')[0]!
    const secret = parts[1]!.split('=')[1] ?? ''
    if (seen.has(host)) continue
    seen.add(host)
    const group = out.find((t) => (t.secretName ?? '') === secret)
    if (group) {
      ;(group.hosts ??= []).push(host)
      continue
    }
    const entry = { ...(host ? { hosts: [host] } : {}), ...(secret ? { secretName: secret } : {}) }
    if (host || secret) out.push(entry)
  }
  return out
}
