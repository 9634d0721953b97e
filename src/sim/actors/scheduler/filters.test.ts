/**
 * Filter plugins, with cases from the real plugins' tests:
 * pkg/scheduler/framework/plugins/{nodeunschedulable/node_unschedulable_test.go,
 * nodename/node_name_test.go, tainttoleration/taint_toleration_test.go,
 * nodeaffinity/node_affinity_test.go, nodeports/node_ports_test.go, noderesources/fit_test.go}.
 */
import { describe, expect, it } from 'vitest'
import { examinedNodes, fitErrorMessage } from './decide.ts'
import { decideFor, testNode, testPod, testWorld } from './testing.ts'

const failure = (d: ReturnType<typeof decideFor>, node: string) => d.failed[node]

describe('NodeUnschedulable (node_unschedulable.go)', () => {
  it('rejects a cordoned node unless the pod tolerates node.kubernetes.io/unschedulable:NoSchedule', () => {
    const w = testWorld([testNode('a', { unschedulable: true })])
    const d = decideFor(testPod('p'), w)
    expect(failure(d, 'a')).toMatchObject({ code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were unschedulable'] })
    const tolerant = testPod('q', { spec: { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] } })
    expect(decideFor(tolerant, testWorld([testNode('a', { unschedulable: true })])).winner).toBe('a')
  })
})

describe('NodeName (node_name.go)', () => {
  it('keeps only the named node', () => {
    const d = decideFor(testPod('p', { spec: { nodeName: 'b' } }), testWorld([testNode('a'), testNode('b')]))
    expect(failure(d, 'a')!.reasons).toEqual(["node(s) didn't match the requested node name"])
    expect(d.winner).toBe('b')
  })
})

describe('TaintToleration filter (taint_toleration.go)', () => {
  const taint = { key: 'dedicated', value: 'user1', effect: 'NoSchedule' as const }
  it('rejects an untolerated NoSchedule taint with its key and value', () => {
    const d = decideFor(testPod('p'), testWorld([testNode('a', { taints: [taint] })]))
    expect(failure(d, 'a')).toMatchObject({ code: 'UnschedulableAndUnresolvable', reasons: ['node(s) had untolerated taint {dedicated: user1}'] })
  })
  it('writes an empty value as `{key: }`', () => {
    const d = decideFor(testPod('p'), testWorld([testNode('a', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] })]))
    expect(failure(d, 'a')!.reasons).toEqual(['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'])
  })
  it('passes with an Equal toleration, an Exists toleration, or an empty key with Exists', () => {
    for (const t of [
      { key: 'dedicated', operator: 'Equal', value: 'user1', effect: 'NoSchedule' },
      { key: 'dedicated', operator: 'Exists' },
      { operator: 'Exists' },
    ]) {
      expect(decideFor(testPod('p', { spec: { tolerations: [t] } }), testWorld([testNode('a', { taints: [taint] })])).winner).toBe('a')
    }
  })
  it('ignores PreferNoSchedule taints when filtering', () => {
    const d = decideFor(testPod('p'), testWorld([testNode('a', { taints: [{ key: 'k', value: 'v', effect: 'PreferNoSchedule' }] })]))
    expect(d.winner).toBe('a')
  })
})

describe('NodeAffinity filter (node_affinity.go)', () => {
  const nodes = () => testWorld([testNode('a', { labels: { zone: 'foo', gpus: '4' } }), testNode('b', { labels: { zone: 'bar', gpus: '1' } })])
  const required = (terms: unknown[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } })
  it('needs every nodeSelector pair', () => {
    const d = decideFor(testPod('p', { spec: { nodeSelector: { zone: 'foo' } } }), nodes())
    expect(d.winner).toBe('a')
    expect(failure(d, 'b')!.reasons).toEqual(["node(s) didn't match Pod's node affinity/selector"])
  })
  it('ORs terms and ANDs expressions inside a term (In, NotIn, Gt)', () => {
    expect(decideFor(testPod('p', { spec: required([{ matchExpressions: [{ key: 'gpus', operator: 'Gt', values: ['2'] }] }]) }), nodes()).winner).toBe('a')
    const d = decideFor(
      testPod('p', { spec: required([{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['foo'] }, { key: 'gpus', operator: 'Lt', values: ['2'] }] }]) }),
      nodes(),
    )
    expect(d.feasible).toEqual([])
    const either = decideFor(
      testPod('p', { spec: required([{ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['foo'] }] }, { matchExpressions: [{ key: 'zone', operator: 'In', values: ['foo'] }] }]) }),
      nodes(),
    )
    expect(either.feasible.sort()).toEqual(['a', 'b'])
  })
  it('treats an empty term as matching nothing', () => {
    expect(decideFor(testPod('p', { spec: required([{}]) }), nodes()).feasible).toEqual([])
  })
  it('narrows the nodes by matchFields metadata.name in PreFilter, and says so in the FitError', () => {
    const d = decideFor(testPod('p', { spec: required([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['b'] }] }]) }), nodes())
    expect(d.preFilterNodes).toEqual(['b'])
    expect(examinedNodes(d)).toEqual(['b'])
    expect(d.winner).toBe('b')
    const none = decideFor(
      testPod('q', {
        spec: { ...required([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['b'] }] }]), nodeSelector: { zone: 'foo' } },
      }),
      nodes(),
    )
    expect(fitErrorMessage(none)).toBe("0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) didn't satisfy plugin(s) [NodeAffinity].")
  })
})

describe('NodePorts (node_ports.go)', () => {
  const withPort = (name: string, hostPort: number, hostIP?: string, protocol?: string) =>
    testPod(name, { spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, hostPort, ...(hostIP ? { hostIP } : {}), ...(protocol ? { protocol } : {}) }] }] } })
  it('conflicts on the same port and protocol, 0.0.0.0 against any IP', () => {
    const w = () => testWorld([testNode('a')], [[withPort('x', 8080, '127.0.0.1'), 'a']])
    expect(failure(decideFor(withPort('p', 8080), w()), 'a')).toMatchObject({ code: 'Unschedulable', reasons: ["node(s) didn't have free ports for the requested pod ports"] })
    expect(decideFor(withPort('p', 8080, '127.0.0.2'), w()).winner).toBe('a')
    expect(decideFor(withPort('p', 8080, undefined, 'UDP'), w()).winner).toBe('a')
    expect(decideFor(withPort('p', 8081), w()).winner).toBe('a')
  })
  it('skips in PreFilter when the pod asks for no host port', () => {
    expect(decideFor(testPod('p'), testWorld([testNode('a')])).preFilterSkipped).toContain('NodePorts')
  })
})

describe('NodeResourcesFit filter (fit.go)', () => {
  it('reports every insufficient resource, and Too many pods', () => {
    const w = testWorld([testNode('a', { cpu: '1', memory: '1Gi', pods: 1 })], [[testPod('x', { requests: { cpu: '500m', memory: '512Mi' } }), 'a']])
    const d = decideFor(testPod('p', { requests: { cpu: '600m', memory: '600Mi' } }), w)
    expect(failure(d, 'a')).toMatchObject({ code: 'Unschedulable', reasons: ['Too many pods', 'Insufficient cpu', 'Insufficient memory'] })
  })
  it('is unresolvable when the pod alone asks for more than the node has', () => {
    const d = decideFor(testPod('p', { requests: { cpu: '8' } }), testWorld([testNode('a')]))
    expect(failure(d, 'a')).toMatchObject({ code: 'UnschedulableAndUnresolvable', reasons: ['Insufficient cpu'] })
  })
  it('counts the largest init container, sidecars and overhead (PodRequests)', () => {
    const pod = testPod('p', {
      spec: {
        initContainers: [
          { name: 'init', image: 'busybox', resources: { requests: { cpu: '3' } } },
          { name: 'side', image: 'busybox', restartPolicy: 'Always', resources: { requests: { cpu: '500m' } } },
        ],
        containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '1' } } }],
        overhead: { cpu: '250m' },
      },
    })
    // max(1 + 0.5 sidecar, 3 init) + 0.25 overhead = 3.25 cpu: fits 4, not 3.
    expect(decideFor(pod, testWorld([testNode('a', { cpu: '4' })])).winner).toBe('a')
    expect(failure(decideFor(pod, testWorld([testNode('b', { cpu: '3' })])), 'b')!.reasons).toEqual(['Insufficient cpu'])
  })
  it('checks extended resources by name', () => {
    const d = decideFor(testPod('p', { requests: { 'nvidia.com/gpu': '1' } }), testWorld([testNode('a')]))
    expect(failure(d, 'a')!.reasons).toEqual(['Insufficient nvidia.com/gpu'])
  })
  it('a pod requesting nothing is checked only against the pod count', () => {
    const w = testWorld([testNode('a', { cpu: '100m', memory: '1Mi' })], [[testPod('x', { requests: { cpu: '100m' } }), 'a']])
    expect(decideFor(testPod('p'), w).winner).toBe('a')
  })
})

describe('filter order', () => {
  it('stops at the first failing plugin, in the default profile order', () => {
    const w = testWorld([testNode('a', { unschedulable: true, taints: [{ key: 'k', effect: 'NoSchedule' }] })])
    const d = decideFor(testPod('p', { requests: { cpu: '8' } }), w)
    expect(d.failed.a!.reasons).toEqual(['node(s) were unschedulable'])
  })
})
