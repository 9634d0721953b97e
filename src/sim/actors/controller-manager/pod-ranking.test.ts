import { describe, expect, it } from 'vitest'
import type { KObject } from '../../protocol.ts'
import { podsToDelete } from './pod-ranking.ts'

const now = Date.parse('2026-01-01T01:00:00Z')

function pod(name: string, o: { node?: string; phase?: string; ready?: boolean; readySince?: string; created?: string; restarts?: number; cost?: number } = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, uid: name, creationTimestamp: o.created ?? '2026-01-01T00:00:00Z', ...(o.cost !== undefined ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': String(o.cost) } } : {}) },
    spec: { nodeName: o.node ?? 'node-1' },
    status: {
      phase: o.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True', lastTransitionTime: o.readySince ?? '2026-01-01T00:00:10Z' }],
      containerStatuses: [{ restartCount: o.restarts ?? 0 }],
    },
  }
}

const names = (ps: KObject[]): string[] => ps.map((p) => String(p.metadata.name))

describe('ReplicaSet scale-down order (controller.ActivePodsWithRanks)', () => {
  it('unassigned, then pending, then not ready, then lower deletion cost go first', () => {
    const ps = [pod('ready', { node: 'node-2' }), pod('notready', { node: 'node-3', ready: false }), pod('pending', { node: 'node-4', phase: 'Pending', ready: false }), pod('unassigned', { node: '', phase: 'Pending', ready: false })]
    expect(names(podsToDelete(ps, ps, 3, now))).toEqual(['unassigned', 'pending', 'notready'])
    const costs = [pod('a', { node: 'n1', cost: 10 }), pod('b', { node: 'n2', cost: -5 })]
    expect(names(podsToDelete(costs, costs, 1, now))).toEqual(['b'])
  })

  it('doubled-up pods before lone ones, then more restarts, then newer pods', () => {
    const ps = [pod('alone', { node: 'n1' }), pod('twin-a', { node: 'n2' }), pod('twin-b', { node: 'n2' })]
    expect(names(podsToDelete(ps, ps, 1, now))).toEqual(['twin-a'])
    const restarts = [pod('calm', { node: 'n1' }), pod('crashy', { node: 'n2', restarts: 4 })]
    expect(names(podsToDelete(restarts, restarts, 1, now))).toEqual(['crashy'])
    const ages = [pod('old', { node: 'n1', created: '2026-01-01T00:00:00Z', readySince: '2026-01-01T00:00:05Z' }), pod('new', { node: 'n2', created: '2026-01-01T00:59:00Z', readySince: '2026-01-01T00:59:05Z' })]
    expect(names(podsToDelete(ages, ages, 1, now))).toEqual(['new'])
  })
})
