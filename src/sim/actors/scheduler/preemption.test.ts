/**
 * FailedScheduling messages and DefaultPreemption (framework/types.go FitError.Error,
 * framework/preemption/preemption.go, plugins/defaultpreemption/default_preemption_test.go).
 */
import { describe, expect, it } from 'vitest'
import { fitErrorMessage, schedulePod } from './decide.ts'
import { preempt } from './preemption.ts'
import { testCycle, testNode, testPod, testWorld, type TestWorld } from './testing.ts'
import type { KObject } from '../../protocol.ts'

function attempt(pod: KObject, w: TestWorld, random = () => 0) {
  const c = testCycle(pod, w)
  const { decision } = schedulePod(c, { atMs: 0, attempt: 1, startIndex: 0 }, random)
  const p = preempt(c, decision, random)
  return { d: decision, p, message: decision.message ?? fitErrorMessage(decision, p.message) }
}

const withPriority = (name: string, priority: number, cpu: string, extra: Record<string, unknown> = {}) =>
  testPod(name, { requests: { cpu }, spec: { priority, ...extra }, status: { startTime: `2026-01-01T00:00:0${name.length % 10}Z` } })

describe('FailedScheduling message', () => {
  it('says preemption is not helpful for unresolvable filters', () => {
    const taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' as const }
    const { message } = attempt(testPod('p'), testWorld([testNode('a', { taints: [taint] })]))
    expect(message).toBe(
      '0/1 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    )
  })

  it('sorts the histogram and says when no lower-priority pod could be evicted', () => {
    const w = testWorld(
      [testNode('a', { labels: { disk: 'hdd' } }), testNode('b'), testNode('c')],
      [[withPriority('x', 0, '3'), 'b'], [withPriority('y', 0, '3'), 'c']],
    )
    const { message } = attempt(withPriority('p', 0, '2', { nodeSelector: { disk: 'hdd' } }), w)
    expect(message).toBe(
      "0/3 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    )
    const { message: m2 } = attempt(withPriority('p', 0, '2'), testWorld([testNode('b'), testNode('c')], [[withPriority('x', 0, '3'), 'b'], [withPriority('y', 0, '3'), 'c']]))
    expect(m2).toBe('0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.')
  })

  it('names the filter reason when even all lower-priority victims would not make room', () => {
    const w = testWorld([testNode('a', { cpu: '2' })], [[withPriority('lo', 0, '500m'), 'a'], [withPriority('hi', 100, '1'), 'a']])
    const { message } = attempt(withPriority('p', 50, '1500m'), w)
    expect(message).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Insufficient cpu.')
  })

  it('says when the pod may not preempt', () => {
    const w = testWorld([testNode('a', { cpu: '1' })], [[withPriority('lo', 0, '1'), 'a']])
    const { message } = attempt(withPriority('p', 100, '1', { preemptionPolicy: 'Never' }), w)
    expect(message).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.')
  })

  it('has no nodes to offer', () => {
    expect(attempt(testPod('p'), testWorld([])).message).toBe('no nodes available to schedule pods')
  })
})

describe('DefaultPreemption', () => {
  it('evicts as few and as unimportant pods as possible, and nominates the node', () => {
    const w = testWorld(
      [testNode('a', { cpu: '2' }), testNode('b', { cpu: '2' })],
      [
        [withPriority('a-low', 0, '1'), 'a'],
        [withPriority('a-mid', 10, '1'), 'a'],
        [withPriority('b-mid1', 10, '1'), 'b'],
        [withPriority('b-mid2', 10, '1'), 'b'],
      ],
    )
    const { p, message } = attempt(withPriority('p', 100, '1'), w)
    // On a, removing a-low alone makes room: its highest victim priority (0) beats b's (10).
    expect(p).toMatchObject({ nominatedNode: 'a', victims: ['default/a-low'], message: '' })
    expect(message).toBe('0/2 nodes are available: 2 Insufficient cpu.')
  })

  it('reprieves the more important pods first', () => {
    const w = testWorld([testNode('a', { cpu: '3' })], [[withPriority('v1', 5, '1'), 'a'], [withPriority('v2', 1, '1'), 'a'], [withPriority('v3', 3, '1'), 'a']])
    const { p } = attempt(withPriority('p', 100, '2'), w)
    expect(p.victims.sort()).toEqual(['default/v2', 'default/v3'])
  })
})
