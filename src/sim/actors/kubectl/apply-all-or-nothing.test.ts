/**
 * `kubectl apply -f` of several documents or a `kind: List`: every object — new ones and ones that
 * exist and would be patched — is checked with `dryRun=All` before the first write, so one bad
 * object leaves the cluster exactly as it was.
 */
import { describe, expect, it } from 'vitest'
import { TestCluster } from '../../testing/test-cluster.ts'

const deploy = (replicas: string, app = 'nginx'): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: nginx\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels:\n      app: ${app}\n  template:\n    metadata:\n      labels:\n        app: ${app}\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.27\n`

const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: b\n'

function indent(doc: string): string {
  return doc.split('\n').filter(Boolean).map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`)).join('\n')
}

describe('kubectl apply of several objects', () => {
  it('a refused update of an existing object stops the new ones too', () => {
    const c = new TestCluster()
    expect(c.kubectlStdin('apply -f -', deploy('2')).exitCode).toBe(0)
    const before = c.object('/registry/deployments/default/nginx')!
    const r = c.kubectlStdin('apply -f -', `${configMap}---\n${deploy('3', 'web')}`)
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toBe('')
    // One refusal alone goes through checkErr: an Invalid prints without its source.
    expect(r.stderr).toBe('The Deployment "nginx" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"web"}}: field is immutable\n')
    expect(c.object('/registry/configmaps/default/settings')).toBeUndefined()
    const after = c.object('/registry/deployments/default/nginx')!
    expect(after.metadata.generation).toBe(before.metadata.generation)
    expect((after.spec as { replicas: number }).replicas).toBe(2)
    // The update was tried with dryRun=All and never for real.
    const patches = c.flows({ from: 'kubectl' }).filter((f) => f.label.startsWith('PATCH'))
    expect(patches).toHaveLength(1)
    expect(patches[0]!.label).toContain('dryRun=All')
  })

  it('a List whose items update one object and create another writes both after checking both', () => {
    const c = new TestCluster()
    c.kubectlStdin('apply -f -', deploy('2'))
    const list = `apiVersion: v1\nkind: List\nitems:\n${indent(deploy('4'))}\n${indent(configMap)}\n`
    const r = c.kubectlStdin('apply -f -', list)
    expect(r).toMatchObject({ exitCode: 0, stdout: 'deployment.apps/nginx configured\nconfigmap/settings created\n', stderr: '' })
    const labels = c.flows({ from: 'kubectl' }).map((f) => f.label).filter((l) => !l.startsWith('GET'))
    expect(labels.slice(-4).map((l) => [l.split(' ')[0], l.includes('dryRun=All')])).toEqual([
      ['PATCH', true],
      ['POST', true],
      ['PATCH', false],
      ['POST', false],
    ])
    expect((c.object('/registry/deployments/default/nginx')!.spec as { replicas: number }).replicas).toBe(4)
  })

  it('a List with an invalid update (negative replicas) changes nothing', () => {
    const c = new TestCluster()
    c.kubectlStdin('apply -f -', deploy('2'))
    const list = `apiVersion: v1\nkind: List\nitems:\n${indent(configMap)}\n${indent(deploy('-1'))}\n`
    const r = c.kubectlStdin('apply -f -', list)
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toBe(
      'The Deployment "nginx" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n',
    )
    expect(c.object('/registry/configmaps/default/settings')).toBeUndefined()
    expect((c.object('/registry/deployments/default/nginx')!.spec as { replicas: number }).replicas).toBe(2)
  })

  it('replace -f of several objects checks every PUT first', () => {
    const c = new TestCluster()
    c.kubectlStdin('apply -f -', `${configMap}---\n${deploy('2')}`)
    const r = c.kubectlStdin('replace -f -', `${configMap.replace('a: b', 'a: c')}---\n${deploy('2', 'web')}`)
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toContain('spec.selector: Invalid value')
    expect((c.object('/registry/configmaps/default/settings')!.data as Record<string, string>).a).toBe('b')
  })
})

describe('kubectl apply: YAML errors as go-yaml words them', () => {
  it('an unknown escape and a tab indentation', () => {
    const c = new TestCluster()
    expect(c.kubectlStdin('apply -f -', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: "it\\\'s"\n').stderr).toBe(
      'error: error parsing STDIN: error converting YAML to JSON: yaml: line 6: found unknown escape character\n',
    )
    expect(c.kubectlStdin('apply -f -', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x\n').stderr).toBe(
      'error: error parsing STDIN: error converting YAML to JSON: yaml: line 4: found character that cannot start any token\n',
    )
  })
})
