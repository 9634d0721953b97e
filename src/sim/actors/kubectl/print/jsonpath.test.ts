/**
 * kubectl's JSONPath and custom columns, with cases from the kubectl reference
 * (docs: reference/kubectl/jsonpath) and client-go/util/jsonpath's tests.
 */
import { describe, expect, it } from 'vitest'
import { TestCluster } from '../../../testing/test-cluster.ts'
import { customColumns, executeJsonPath, JsonPathError } from './jsonpath.ts'

const list = {
  kind: 'List',
  items: [
    { kind: 'None', metadata: { name: '127.0.0.1' }, status: { capacity: { cpu: '4' }, addresses: [{ type: 'LegacyHostIP', address: '127.0.0.1' }] } },
    { kind: 'None', metadata: { name: '127.0.0.2' }, status: { capacity: { cpu: '8' }, addresses: [{ type: 'LegacyHostIP', address: '127.0.0.2' }, { type: 'another', address: '127.0.0.3' }] } },
  ],
  users: [
    { name: 'myself', user: {} },
    { name: 'e2e', user: { username: 'admin', password: 'secret' } },
  ],
}

describe('JSONPath templates', () => {
  it('prints the reference examples', () => {
    expect(executeJsonPath('{.kind}', list)).toBe('List')
    expect(executeJsonPath('{.items[*].metadata.name}', list)).toBe('127.0.0.1 127.0.0.2')
    expect(executeJsonPath('{$.items[0].metadata.name}', list)).toBe('127.0.0.1')
    expect(executeJsonPath('{..name}', list)).toBe('127.0.0.1 127.0.0.2 myself e2e')
    expect(executeJsonPath('{.items[-1:].metadata.name}', list)).toBe('127.0.0.2')
    expect(executeJsonPath('{.items[0:1].status.capacity}', list)).toBe('{"cpu":"4"}')
    expect(executeJsonPath('{.users[?(@.name=="e2e")].user.password}', list)).toBe('secret')
    expect(executeJsonPath('{.items[*].status.addresses[?(@.type=="LegacyHostIP")].address}', list)).toBe('127.0.0.1 127.0.0.2')
    expect(executeJsonPath('{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}', list)).toBe('[127.0.0.1, {"cpu":"4"}] [127.0.0.2, {"cpu":"8"}] ')
    expect(executeJsonPath('{range .items[*]}{.metadata.name}{"\\t"}{end}', list)).toBe('127.0.0.1\t127.0.0.2\t')
    expect(executeJsonPath("{.users[*]['name']}", list)).toBe('myself e2e')
  })

  it('prints nothing for a missing key, and refuses a malformed template', () => {
    expect(executeJsonPath('{.items[0].metadata.uid}', list)).toBe('')
    expect(executeJsonPath('name: {.nope}!', list)).toBe('name: !')
    expect(() => executeJsonPath('{.items[0', list)).toThrow(JsonPathError)
    expect(() => executeJsonPath('{range .items[*]}{.kind}', list)).toThrow('unclosed range')
    expect(() => executeJsonPath('{.items[5]}', list)).toThrow('array index out of bounds: index 5, length 2')
  })

  it('reads a dotted label key written with \\.', () => {
    const node = { metadata: { labels: { 'kubernetes.io/hostname': 'node-1' } } }
    expect(executeJsonPath('{.metadata.labels.kubernetes\\.io/hostname}', node)).toBe('node-1')
  })

  it('runs a watch’s template over each object', () => {
    const c = new TestCluster()
    c.kubectl('run web --image=nginx:1.27')
    c.sim.kubectl("get pods -w -o jsonpath='{.metadata.name} {.status.phase}{\"\\n\"}'", undefined, 'w')
    c.run(100)
    c.kubectl('run db --image=redis:7')
    c.run(100)
    const out = c.sim.kubectlStreams().find((s) => s.requestId === 'w')!.stdout
    expect(out.split('\n')[0]).toMatch(/^web (Pending|Running)$/)
    expect(out).toContain('db Pending\n')
  })

  it('makes custom columns, <none> where a path finds nothing', () => {
    expect(customColumns('NAME:.metadata.name,CPU:status.capacity.cpu,UID:{.metadata.uid}', list.items)).toEqual([
      ['NAME', 'CPU', 'UID'],
      ['127.0.0.1', '4', '<none>'],
      ['127.0.0.2', '8', '<none>'],
    ])
    expect(() => customColumns('NAME', list.items)).toThrow('expected <header>:<json-path-expr>')
  })
})

describe('kubectl get -o jsonpath / custom-columns', () => {
  it('runs over the List for several objects and over the object for one, with no newline added', () => {
    const c = new TestCluster()
    c.kubectl('run web --image=nginx:1.27')
    c.kubectl('run db --image=redis:7')
    expect(c.kubectl("get pods -o jsonpath='{.items[*].metadata.name}'").stdout).toBe('db web')
    expect(c.kubectl("get pod web -o jsonpath='{.spec.containers[0].image}'").stdout).toBe('nginx:1.27')
    expect(c.kubectl("get nodes -o jsonpath='{range .items[*]}{.metadata.name}{\"\\n\"}{end}'").stdout).toBe('node-1\nnode-2\nnode-3\n')
    expect(c.kubectl('get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[*].image').stdout).toMatch(/^NAME {3}IMAGE\ndb {5}redis:7\nweb {4}nginx:1\.27\n$/)
    // A map or list in a cell prints as Go's fmt.Sprint does.
    expect(c.kubectl('get pod web -o custom-columns=LABELS:.metadata.labels').stdout).toBe('LABELS\nmap[run:web]\n')
  })

  it('answers kubectl’s own errors for an empty or broken template', () => {
    const c = new TestCluster()
    expect(c.kubectl('get pods -o jsonpath')).toMatchObject({ exitCode: 1, stderr: 'error: template format specified but no template given\n' })
    expect(c.kubectl('get pods -o custom-columns=')).toMatchObject({ exitCode: 1, stderr: 'error: custom-columns format specified but no custom columns given\n' })
    expect(c.kubectl("get nodes -o jsonpath='{.items[0'")).toMatchObject({ exitCode: 1, stdout: '', stderr: 'error: error parsing jsonpath {.items[0, unterminated array\n' })
    expect(c.kubectl("get nodes -o jsonpath='{.items[0].metadata.name'").stderr).toBe('error: error parsing jsonpath {.items[0].metadata.name, unclosed action\n')
    // A template that parses but fails on the data: kubectl's execution error, nothing printed.
    expect(c.kubectl("get nodes -o jsonpath='{.items[7]}'").stderr).toMatch(/^error: error executing jsonpath "\{\.items\[7\]\}": Error executing template: array index out of bounds: index 7, length 3\. Printing more information/)
    // Only the template is checked before anything is sent.
    expect(c.flows({ from: 'kubectl' })).toHaveLength(1)
  })
})
