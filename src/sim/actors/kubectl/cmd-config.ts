/**
 * `kubectl config …` over the kubeconfig kubeadm writes (admin.conf: cluster `kubernetes`, user
 * `kubernetes-admin`, context `kubernetes-admin@kubernetes`), and `kubectl api-versions`. Both are
 * answered by kubectl alone. `config set-context --current --namespace=NS` changes the namespace
 * every later line uses when it names none, as a workshop's `kns` alias does.
 */
import { apiserverAddress, apiserverPort } from '../../cluster/service-bootstrap.ts'
import type { ParsedLine } from './parse.ts'
import { formatTable } from './print/tabwriter.ts'
import type { Finish } from './prog.ts'
import type { KubectlState } from './state.ts'

const context = 'kubernetes-admin@kubernetes'

type Start = { ok: true } | { ok: false; stderr: string }

function view(namespace: string | undefined): string {
  return [
    'apiVersion: v1',
    'clusters:',
    '- cluster:',
    '    certificate-authority-data: DATA+OMITTED',
    `    server: https://${apiserverAddress}:${apiserverPort}`,
    '  name: kubernetes',
    'contexts:',
    '- context:',
    '    cluster: kubernetes',
    ...(namespace ? [`    namespace: ${namespace}`] : []),
    '    user: kubernetes-admin',
    `  name: ${context}`,
    `current-context: ${context}`,
    'kind: Config',
    'preferences: {}',
    'users:',
    '- name: kubernetes-admin',
    '  user:',
    '    client-certificate-data: DATA+OMITTED',
    '    client-key-data: DATA+OMITTED',
    '',
  ].join('\n')
}

export function startConfig(state: KubectlState, p: ParsedLine, finish: Finish): Start {
  const sub = p.args[1]
  const done = (out: string): Start => {
    finish(0, out, '')
    return { ok: true }
  }
  switch (sub) {
    case 'current-context':
      return done(`${context}\n`)
    case 'view':
      return done(view(state.namespace))
    case 'get-contexts':
      return done(formatTable([['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'], ['*', context, 'kubernetes', 'kubernetes-admin', state.namespace ?? '']]))
    case 'use-context': {
      const name = p.args[2]
      if (name !== context) return { ok: false, stderr: `error: no context exists with the name: "${name ?? ''}"\n` }
      return done(`Switched to context "${context}".\n`)
    }
    case 'set-context': {
      const name = p.flags.current === 'true' ? context : p.args[2]
      if (name !== context) return { ok: false, stderr: `error: kube-anatomy has one context, ${context} (use --current)\n` }
      if (p.flags.namespace !== undefined) {
        if (p.flags.namespace === '') delete state.namespace
        else state.namespace = p.flags.namespace
      }
      return done(`Context "${context}" modified.\n`)
    }
    case undefined:
      return { ok: false, stderr: 'error: kube-anatomy simulates kubectl config current-context, view, get-contexts, use-context and set-context --current --namespace\n' }
    default:
      return { ok: false, stderr: `error: kube-anatomy does not simulate "kubectl config ${sub}" yet\n` }
  }
}
