/**
 * `kubectl auth whoami` (POST a SelfSubjectReview) and `kubectl auth can-i VERB TYPE [NAME]`
 * (POST a SelfSubjectAccessReview), as k8s.io/kubectl pkg/cmd/auth sends them and prints the
 * answers. kubectl is kubernetes-admin (admin.conf): group kubeadm:cluster-admins, bound to
 * cluster-admin, so every request is allowed; RBAC for other users (`--as`) is not evaluated here.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { ApiResponse } from '../../messages.ts'
import { resourceByWord } from '../../k8s/discovery.ts'
import { statusErrorText } from './errors.ts'
import type { ParsedLine } from './parse.ts'
import { formatTable } from './print/tabwriter.ts'
import { send, type Finish } from './prog.ts'
import type { KubectlState, RunningCommand } from './state.ts'

export interface AuthProg {
  type: 'auth'
  what: 'whoami' | 'can-i'
  output: string
}

type Start = { ok: true } | { ok: false; stderr: string }

const help = (sub: string): string => `See 'kubectl auth ${sub} -h' for help and examples\n`

export function startAuth(state: KubectlState, ctx: Ctx, cmd: RunningCommand, p: ParsedLine): Start {
  const sub = p.args[1]
  if (p.flags.as !== undefined || p.flags['as-group'] !== undefined)
    return { ok: false, stderr: 'error: kube-anatomy does not evaluate RBAC for other users yet: kubectl is kubernetes-admin (cluster-admin), allowed everything\n' }
  if (sub === 'whoami') {
    cmd.carry = { type: 'auth', what: 'whoami', output: p.flags.output ?? '' } satisfies AuthProg
    send(state, ctx, cmd, 'create', '/apis/authentication.k8s.io/v1/selfsubjectreviews', 'auth', {
      body: { kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null }, status: { userInfo: {} } },
    })
    return { ok: true }
  }
  if (sub === 'can-i') {
    if (p.flags.list === 'true') return { ok: false, stderr: 'error: kube-anatomy does not simulate "kubectl auth can-i --list" yet\n' }
    const [verb, target, ...extra] = p.args.slice(2)
    if (!verb || !target || extra.length) return { ok: false, stderr: `error: you must specify two arguments: verb resource or verb resource/resourceName.\n${help('can-i')}` }
    let warning = ''
    let attributes: Record<string, string>
    if (target.startsWith('/')) attributes = { verb, path: target }
    else {
      const [word = '', name] = target.split('/')
      const info = resourceByWord(word)
      const allNamespaces = p.flags['all-namespaces'] === 'true'
      if (!info && word !== '*') warning = `Warning: the server doesn't have a resource type '${word}'\n`
      // cani.go Validate: a namespace (the context's, unless -A) on a cluster-scoped resource.
      else if (info && !info.namespaced && !allNamespaces) warning = `Warning: resource '${info.resource}' is not namespace scoped\n`
      attributes = {
        namespace: allNamespaces ? '' : cmd.namespace,
        verb,
        group: info?.group ?? '',
        resource: info?.resource ?? word,
        ...(name ? { name } : {}),
      }
    }
    cmd.carry = { type: 'auth', what: 'can-i', output: warning } satisfies AuthProg
    const spec = 'path' in attributes ? { nonResourceAttributes: attributes } : { resourceAttributes: attributes }
    send(state, ctx, cmd, 'create', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', 'auth', {
      body: { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, spec, status: { allowed: false } },
    })
    return { ok: true }
  }
  if (sub === undefined) return { ok: false, stderr: 'error: kube-anatomy simulates "kubectl auth whoami" and "kubectl auth can-i"\n' }
  return { ok: false, stderr: `error: kube-anatomy does not simulate "kubectl auth ${sub}" yet\n` }
}

export function continueAuth(prog: AuthProg, msg: ApiResponse, finish: Finish): void {
  if (msg.code >= 300) return finish(1, '', statusErrorText(msg.body))
  if (prog.what === 'whoami') {
    const user = (msg.body as { status?: { userInfo?: { username?: string; groups?: string[] } } }).status?.userInfo ?? {}
    if (prog.output === 'json') return finish(0, `${JSON.stringify(msg.body, null, 4)}\n`, '')
    return finish(0, formatTable([['ATTRIBUTE', 'VALUE'], ['Username', user.username ?? ''], ['Groups', `[${(user.groups ?? []).join(' ')}]`]]), '')
  }
  const allowed = (msg.body as { status?: { allowed?: boolean } }).status?.allowed === true
  finish(allowed ? 0 : 1, allowed ? 'yes\n' : 'no\n', prog.output)
}
