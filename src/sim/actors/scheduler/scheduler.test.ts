import { describe, expect, it } from 'vitest'
import type { KObject } from '../../protocol.ts'
import { nodeObject } from '../../cluster/bootstrap-objects.ts'
import { node as nodeSpec } from '../../testing/test-cluster.ts'
import { decide, fitError } from './decide.ts'
import { nodeInfo } from './node-info.ts'
import { defaultNormalize } from './scores.ts'

function node(name: string, extra: Parameters<typeof nodeSpec>[1] = {}): KObject {
  return nodeObject(nodeSpec(name, extra), { hostIP: '10.0.0.11', podCIDR: '10.244.1.0/24' }, 0, 'v1.34.0')
}

function pod(name: string, spec: Record<string, unknown> = {}, requests?: Record<string, string>): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { containers: [{ name, image: 'nginx:1.27', ...(requests ? { resources: { requests } } : {}) }], ...spec },
  }
}

const always = (): number => 0

describe('scheduler', () => {
  describe('DefaultNormalizeScore', () => {
    it('scales to the maximum, and reverses for taints', () => {
      expect(defaultNormalize([0, 5, 10], false)).toEqual([0, 50, 100])
      expect(defaultNormalize([0, 1, 2], true)).toEqual([100, 50, 0])
      expect(defaultNormalize([0, 0], true)).toEqual([100, 100])
      expect(defaultNormalize([0, 0], false)).toEqual([0, 0])
    })
  })

  describe('NodeResourcesFit LeastAllocated', () => {
    it('counts a pod without requests as 100m cpu and 200Mi memory', () => {
      const d = decide('default/p', pod('p'), [nodeInfo(node('a'), []), nodeInfo(node('b'), [pod('q')])], always)
      const fit = d.scores.find((s) => s.plugin === 'NodeResourcesFit')!
      // a: cpu (4000-100)*100/4000 = 97, mem (8192Mi-200Mi)*100/8192Mi = 97 → 97
      // b: cpu (4000-200)*100/4000 = 95, mem (8192-400)*100/8192 = 95 → 95
      expect(fit.raw).toEqual([97, 95])
      expect(d.winner).toBe('a')
    })

    it('skips BalancedAllocation for a BestEffort pod, and scores it otherwise', () => {
      const best = decide('default/p', pod('p'), [nodeInfo(node('a'), []), nodeInfo(node('b'), [])], always)
      expect(best.scores.find((s) => s.plugin === 'NodeResourcesBalancedAllocation')!.skipped).toBe(true)
      const burst = decide('default/p', pod('p', {}, { cpu: '1', memory: '1Gi' }), [nodeInfo(node('a'), []), nodeInfo(node('b'), [])], always)
      // f_cpu = 0.25, f_mem = 0.125 → (1 - 0.0625) * 100 = 93
      expect(burst.scores.find((s) => s.plugin === 'NodeResourcesBalancedAllocation')!.raw).toEqual([93, 93])
    })
  })

  describe('when nothing fits', () => {
    it('writes the FitError histogram and the preemption summary', () => {
      const nodes = [
        nodeInfo(node('a', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }), []),
        nodeInfo(node('b'), []),
        nodeInfo(node('c'), []),
      ]
      const d = decide('default/big', pod('big', {}, { cpu: '8' }), nodes, always)
      expect(d.winner).toBeUndefined()
      expect(d.message).toBe(
        '0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
      )
    })

    it('says so when there are no nodes', () => {
      expect(fitError({ pod: 'x', nodes: [], scores: [], feasible: [], totals: [] })).toBe('no nodes available to schedule pods')
    })

    it('honours nodeSelector and cordoned nodes', () => {
      const nodes = [nodeInfo(node('a', { labels: { disk: 'ssd' } }), []), nodeInfo({ ...node('b'), spec: { unschedulable: true } }, [])]
      expect(decide('default/p', pod('p', { nodeSelector: { disk: 'ssd' } }), nodes, always).winner).toBe('a')
      const d = decide('default/p', pod('p', { nodeSelector: { disk: 'hdd' } }), nodes, always)
      expect(d.message).toBe(
        "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) were unschedulable. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
      )
    })
  })

  describe('ties', () => {
    it('are broken by the scheduler\'s own random stream', () => {
      const nodes = [nodeInfo(node('a'), []), nodeInfo(node('b'), []), nodeInfo(node('c'), [])]
      const winners = new Set([0, 0.4, 0.9].map((r) => decide('default/p', pod('p'), nodes, () => r).winner))
      expect(winners.size).toBeGreaterThan(1)
    })
  })
})
