/**
 * PodTopologySpread and InterPodAffinity, with cases from
 * plugins/podtopologyspread/{filtering_test.go,scoring_test.go} and
 * plugins/interpodaffinity/{filtering_test.go,scoring_test.go}.
 */
import { describe, expect, it } from 'vitest'
import type { KObject } from '../../protocol.ts'
import { decideFor, scoresOf, testNode, testPod, testWorld } from './testing.ts'

const zone = (z: string) => ({ 'topology.kubernetes.io/zone': z })
const app = (a: string) => ({ app: a })

describe('PodTopologySpread filter (filtering.go)', () => {
  const spread = (maxSkew: number, extra: Record<string, unknown> = {}) => ({
    topologySpreadConstraints: [
      { maxSkew, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: app('web') }, ...extra },
    ],
  })
  const world = () =>
    testWorld(
      [testNode('a', { labels: zone('z1') }), testNode('b', { labels: zone('z1') }), testNode('c', { labels: zone('z2') }), testNode('d')],
      [
        [testPod('w1', { labels: app('web') }), 'a'],
        [testPod('w2', { labels: app('web') }), 'b'],
      ],
    )
  it('rejects a node whose domain would exceed maxSkew, and a node missing the key', () => {
    const d = decideFor(testPod('p', { labels: app('web'), spec: spread(1) }), world())
    // z1 has 2, z2 has 0: skew in z1 = 2 + 1 − 0 = 3 > 1.
    expect(d.failed.a!.reasons).toEqual(["node(s) didn't match pod topology spread constraints"])
    expect(d.failed.a!.code).toBe('Unschedulable')
    expect(d.failed.d).toMatchObject({ code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match pod topology spread constraints (missing required label)"] })
    expect(d.winner).toBe('c')
  })
  it('counts the global minimum as 0 while there are fewer domains than minDomains', () => {
    const d = decideFor(testPod('p', { labels: app('web'), spec: spread(2, { minDomains: 3 }) }), world())
    // z2: 0 + 1 − 0 = 1 ≤ 2; z1: 2 + 1 − 0 = 3 > 2.
    expect(d.feasible).toEqual(['c'])
  })
})

describe('PodTopologySpread score with the system defaults (scoring.go, plugin.go)', () => {
  const rs: KObject = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: 'default' }, spec: { selector: { matchLabels: app('web') } } }
  it('spreads pods of one ReplicaSet by hostname (maxSkew 3) without needing a zone label', () => {
    const pod = (n: string) => testPod(n, { labels: app('web'), owner: { kind: 'ReplicaSet', name: 'web-1' } })
    const w = testWorld([testNode('a'), testNode('b'), testNode('c')], [[pod('w1'), 'a'], [pod('w2'), 'a'], [pod('w3'), 'b']], { replicasets: { 'default/web-1': rs } })
    const d = decideFor(pod('p'), w)
    // weight ln(3 + 2); raw = round(cnt·1.609 + 2): a 2 → 5, b 1 → 4, c 0 → 2.
    expect(scoresOf(d, 'PodTopologySpread', 'raw')).toEqual({ a: 5, b: 4, c: 2 })
    // 100·(max + min − s)/max: a 100·2/5 = 40, b 100·3/5 = 60, c 100.
    expect(scoresOf(d, 'PodTopologySpread')).toEqual({ a: 40, b: 60, c: 100 })
    expect(d.winner).toBe('c')
  })
  it('skips a pod no Service or controller selects', () => {
    const d = decideFor(testPod('p', { labels: app('web') }), testWorld([testNode('a'), testNode('b')]))
    expect(d.scores.find((s) => s.plugin === 'PodTopologySpread')!.skipped).toBe(true)
  })
  it('takes the selector of a Service that selects the pod', () => {
    const svc: KObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: app('web') } }
    const w = testWorld([testNode('a'), testNode('b')], [[testPod('w1', { labels: app('web') }), 'a']], { services: { 'default/web': svc } })
    expect(decideFor(testPod('p', { labels: app('web') }), w).winner).toBe('b')
  })
})

describe('InterPodAffinity filter (filtering.go)', () => {
  const term = (labels: Record<string, string>, topologyKey = 'kubernetes.io/hostname') => ({ labelSelector: { matchLabels: labels }, topologyKey })
  it('required affinity needs a matching pod in the domain; the first pod of a self-affine group may go anywhere', () => {
    const aff = { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(app('db'))] } } }
    const w = testWorld([testNode('a'), testNode('b')], [[testPod('db', { labels: app('db') }), 'b']])
    const d = decideFor(testPod('p', { spec: aff }), w)
    expect(d.failed.a).toMatchObject({ code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match pod affinity rules"] })
    expect(d.winner).toBe('b')
    const first = decideFor(testPod('q', { labels: app('cache'), spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(app('cache'))] } } } }), testWorld([testNode('a')]))
    expect(first.winner).toBe('a')
  })
  it('required anti-affinity keeps the pod out of a domain with a matching pod', () => {
    const anti = { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(app('web'), 'topology.kubernetes.io/zone')] } } }
    const w = testWorld([testNode('a', { labels: zone('z1') }), testNode('b', { labels: zone('z1') }), testNode('c', { labels: zone('z2') })], [[testPod('w', { labels: app('web') }), 'a']])
    const d = decideFor(testPod('p', { labels: app('web'), spec: anti }), w)
    expect(d.failed.b).toMatchObject({ code: 'Unschedulable', reasons: ["node(s) didn't match pod anti-affinity rules"] })
    expect(d.winner).toBe('c')
  })
  it("an existing pod's required anti-affinity rejects the incoming pod", () => {
    const existing = testPod('w', { labels: app('web'), spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(app('web'))] } } } })
    const d = decideFor(testPod('p', { labels: app('web') }), testWorld([testNode('a'), testNode('b')], [[existing, 'a']]))
    expect(d.failed.a!.reasons).toEqual(["node(s) didn't satisfy existing pods anti-affinity rules"])
  })
})

describe('InterPodAffinity score (scoring.go)', () => {
  it('adds preferred weights and hardPodAffinityWeight, then min–max normalises', () => {
    const pref = (weight: number, labels: Record<string, string>) => ({ weight, podAffinityTerm: { labelSelector: { matchLabels: labels }, topologyKey: 'kubernetes.io/hostname' } })
    const hard = testPod('h', { labels: app('x'), spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: app('web') }, topologyKey: 'kubernetes.io/hostname' }] } } } })
    const w = testWorld([testNode('a'), testNode('b'), testNode('c')], [[testPod('db', { labels: app('db') }), 'a'], [hard, 'b']])
    const pod = testPod('p', { labels: app('web'), spec: { affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [pref(5, app('db'))] } } } })
    const d = decideFor(pod, w)
    expect(scoresOf(d, 'InterPodAffinity', 'raw')).toEqual({ a: 5, b: 1, c: 0 })
    // 100·(s − 0)/(5 − 0).
    expect(scoresOf(d, 'InterPodAffinity')).toEqual({ a: 100, b: 20, c: 0 })
  })
  it('preferred anti-affinity subtracts', () => {
    const pod = testPod('p', { spec: { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: { labelSelector: { matchLabels: app('db') }, topologyKey: 'kubernetes.io/hostname' } }] } } } })
    const d = decideFor(pod, testWorld([testNode('a'), testNode('b')], [[testPod('db', { labels: app('db') }), 'a']]))
    expect(scoresOf(d, 'InterPodAffinity')).toEqual({ a: 0, b: 100 })
  })
})
