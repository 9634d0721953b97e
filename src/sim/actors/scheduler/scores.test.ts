/**
 * Score plugins and normalisation, with cases worked from the real formulas:
 * helper/normalize_score.go, tainttoleration/taint_toleration.go, nodeaffinity/node_affinity.go,
 * noderesources/{least_allocated,most_allocated,requested_to_capacity_ratio,balanced_allocation}.go,
 * imagelocality/image_locality.go.
 */
import { describe, expect, it } from 'vitest'
import { brokenLinear, defaultNormalize, normalizedImageName, resourcesFitScore } from './scores.ts'
import { removeNode, upsertNode } from './node-info.ts'
import { decideFor, scoresOf, testCycle, testNode, testPod, testWorld } from './testing.ts'

const mi = 1024 * 1024

describe('DefaultNormalizeScore (normalize_score.go)', () => {
  it('scales to the maximum with integer division, and reverses', () => {
    expect(defaultNormalize([0, 5, 10], false)).toEqual([0, 50, 100])
    expect(defaultNormalize([1, 2, 3], false)).toEqual([33, 66, 100])
    expect(defaultNormalize([0, 1, 2], true)).toEqual([100, 50, 0])
    expect(defaultNormalize([0, 0], true)).toEqual([100, 100])
    expect(defaultNormalize([0, 0], false)).toEqual([0, 0])
  })
})

describe('TaintToleration score', () => {
  it('counts untolerated PreferNoSchedule taints and reverses: fewest is best', () => {
    const soft = (key: string) => ({ key, value: 'v', effect: 'PreferNoSchedule' as const })
    const w = testWorld([testNode('a'), testNode('b', { taints: [soft('x')] }), testNode('c', { taints: [soft('x'), soft('y')] })])
    const d = decideFor(testPod('p', { spec: { tolerations: [{ key: 'y', operator: 'Exists', effect: 'PreferNoSchedule' }] } }), w)
    expect(scoresOf(d, 'TaintToleration', 'raw')).toEqual({ a: 0, b: 1, c: 1 })
    expect(scoresOf(d, 'TaintToleration')).toEqual({ a: 100, b: 0, c: 0 })
  })

  it('follows taints as nodes change: the cache counts the nodes with a PreferNoSchedule taint', () => {
    const soft = { key: 'x', value: 'v', effect: 'PreferNoSchedule' as const }
    const w = testWorld([testNode('a'), testNode('b', { taints: [soft] })])
    expect(w.cache.softTaintedNodes).toBe(1)
    expect(scoresOf(decideFor(testPod('p'), w), 'TaintToleration')).toEqual({ a: 100, b: 0 })
    upsertNode(w.cache, testNode('b'))
    expect(w.cache.softTaintedNodes).toBe(0)
    expect(scoresOf(decideFor(testPod('p'), w), 'TaintToleration', 'raw')).toEqual({ a: 0, b: 0 })
    expect(scoresOf(decideFor(testPod('p'), w), 'TaintToleration')).toEqual({ a: 100, b: 100 })
    upsertNode(w.cache, testNode('a', { taints: [soft] }))
    expect(scoresOf(decideFor(testPod('p'), w), 'TaintToleration')).toEqual({ a: 0, b: 100 })
    removeNode(w.cache, 'a')
    expect(w.cache.softTaintedNodes).toBe(0)
  })
})

describe('NodeAffinity score', () => {
  it('sums the weights of matching preferred terms, normalised to the best', () => {
    const w = testWorld([testNode('a', { labels: { disk: 'ssd', zone: 'z1' } }), testNode('b', { labels: { disk: 'ssd' } }), testNode('c')])
    const pref = (weight: number, key: string, value: string) => ({ weight, preference: { matchExpressions: [{ key, operator: 'In', values: [value] }] } })
    const pod = testPod('p', { spec: { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [pref(80, 'disk', 'ssd'), pref(20, 'zone', 'z1')] } } } })
    const d = decideFor(pod, w)
    expect(scoresOf(d, 'NodeAffinity', 'raw')).toEqual({ a: 100, b: 80, c: 0 })
    expect(d.winner).toBe('a')
  })
  it('skips without preferred terms', () => {
    const d = decideFor(testPod('p'), testWorld([testNode('a'), testNode('b')]))
    expect(d.scores.find((s) => s.plugin === 'NodeAffinity')!.skipped).toBe(true)
  })
})

describe('NodeResourcesFit score', () => {
  it('LeastAllocated counts a pod without requests as 100m and 200Mi', () => {
    const w = testWorld([testNode('a'), testNode('b')], [[testPod('q'), 'b']])
    const d = decideFor(testPod('p'), w)
    // a: (4000−100)·100/4000 = 97, (8192−200)·100/8192 = 97 → 97; b: 95 and 95 → 95.
    expect(scoresOf(d, 'NodeResourcesFit', 'raw')).toEqual({ a: 97, b: 95 })
    expect(d.winner).toBe('a')
  })
  it('MostAllocated and RequestedToCapacityRatio', () => {
    const w = testWorld([testNode('a')], [[testPod('q', { requests: { cpu: '1', memory: '2Gi' } }), 'a']])
    const c = testCycle(testPod('p', { requests: { cpu: '1', memory: '2Gi' } }), w)
    const a = w.cache.nodes.a!
    // cpu 2000/4000 = 50, memory 4Gi/8Gi = 50.
    expect(resourcesFitScore(c, a, { type: 'MostAllocated' })).toBe(50)
    expect(resourcesFitScore(c, a, { type: 'LeastAllocated' })).toBe(50)
    const shape = [{ utilization: 0, score: 10 }, { utilization: 100, score: 0 }]
    expect(resourcesFitScore(c, a, { type: 'RequestedToCapacityRatio', shape })).toBe(50)
    expect(brokenLinear([{ utilization: 0, score: 0 }, { utilization: 50, score: 100 }], 25)).toBe(50)
    expect(brokenLinear([{ utilization: 10, score: 30 }], 0)).toBe(30)
  })
})

describe('NodeResourcesBalancedAllocation', () => {
  it('scores (1 − |f_cpu − f_mem| / 2)·100 on actual requests and skips BestEffort pods', () => {
    const w = () => testWorld([testNode('a'), testNode('b')])
    expect(decideFor(testPod('p'), w()).scores.find((s) => s.plugin === 'NodeResourcesBalancedAllocation')!.skipped).toBe(true)
    const d = decideFor(testPod('p', { requests: { cpu: '1', memory: '1Gi' } }), w())
    // f_cpu = 0.25, f_mem = 0.125 → (1 − 0.0625)·100 = 93.
    expect(scoresOf(d, 'NodeResourcesBalancedAllocation', 'raw')).toEqual({ a: 93, b: 93 })
  })
})

describe('ImageLocality', () => {
  it('adds image sizes scaled by spread, clamps to [23Mi, 1000Mi·containers] and scales to 0..100', () => {
    const img = (names: string[], mb: number) => ({ names, sizeBytes: mb * mi })
    const w = testWorld([
      testNode('a', { images: [img(['example.com/big:1.0'], 500)] }),
      testNode('b', { images: [img(['example.com/big:1.0'], 500)] }),
      testNode('c'),
      testNode('d', { images: [img(['example.com/tiny:1.0'], 10)] }),
    ])
    const d = decideFor(testPod('p', { image: 'example.com/big:1.0' }), w)
    // 500Mi · 2/4 = 250Mi → 100·(250 − 23)/(1000 − 23) = 23.
    expect(scoresOf(d, 'ImageLocality', 'raw')).toEqual({ a: 23, b: 23, c: 0, d: 0 })
  })
  it('adds :latest to a name without a tag and rewrites nothing else', () => {
    expect(normalizedImageName('nginx')).toBe('nginx:latest')
    expect(normalizedImageName('localhost:5000/app')).toBe('localhost:5000/app:latest')
    expect(normalizedImageName('nginx:1.27')).toBe('nginx:1.27')
  })
})

describe('totals and ties', () => {
  it('multiplies each normalised score by its weight (TaintToleration 3, NodeAffinity 2, …)', () => {
    const d = decideFor(testPod('p'), testWorld([testNode('a'), testNode('b')]))
    // TaintToleration 100·3 + NodeResourcesFit 97·1 + ImageLocality 0 = 397.
    expect(d.totals).toEqual([397, 397])
  })
  it('breaks ties with the scheduler\'s own random stream (reservoir sampling)', () => {
    const w = () => testWorld([testNode('a'), testNode('b'), testNode('c')])
    expect(decideFor(testPod('p'), w(), () => 0.99).winner).toBe('a')
    expect(decideFor(testPod('p'), w(), () => 0).winner).toBe('c')
  })
})
