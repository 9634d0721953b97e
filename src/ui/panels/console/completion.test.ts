import { describe, expect, it } from 'vitest'
import type { KObject } from '../../../sim/protocol.ts'
import { candidatesFor, complete } from './completion.ts'

const obj = (kind: string, name: string, namespace?: string): KObject => ({
  apiVersion: 'v1',
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}) },
})
const objects: Record<string, KObject> = {
  a: obj('Pod', 'web-abc', 'default'),
  b: obj('Pod', 'web-abd', 'default'),
  c: obj('Pod', 'coredns-1', 'kube-system'),
  d: obj('Deployment', 'web', 'default'),
  e: obj('Node', 'node-1'),
  f: obj('Node', 'node-2'),
}

describe('console completion', () => {
  it('completes commands', () => {
    expect(complete('des', objects)).toEqual({ line: 'describe ', candidates: [] })
    expect(complete('kubectl ge', objects).line).toBe('kubectl get ')
    expect(complete('c', objects)).toEqual({ line: 'c', candidates: ['cluster-info', 'config', 'cordon', 'create'] })
    expect(complete('clu', objects).line).toBe('cluster-info ')
  })

  it('completes kinds after verbs that take one', () => {
    expect(complete('get depl', objects).line).toBe('get deployments ')
    expect(candidatesFor('delete re', objects)).toEqual(['replicasets'])
    expect(candidatesFor('rollout status d', objects)).toEqual(['deployments', 'daemonsets'])
  })

  it('completes names from the mirror, in the namespace asked for', () => {
    expect(complete('get pods w', objects)).toEqual({ line: 'get pods web-ab', candidates: ['web-abc', 'web-abd'] })
    expect(complete('describe po web-abd', objects).line).toBe('describe po web-abd ')
    expect(candidatesFor('get pods -n kube-system ', objects)).toEqual(['coredns-1'])
    expect(candidatesFor('logs ', objects)).toEqual(['web-abc', 'web-abd'])
    expect(candidatesFor('cordon node-', objects)).toEqual(['node-1', 'node-2'])
    expect(candidatesFor('delete deploy/w', objects)).toEqual(['deploy/web'])
    expect(candidatesFor('get pods -o wide w', objects)).toEqual(['web-abc', 'web-abd'])
  })

  it('offers nothing for flags or unknown places', () => {
    expect(complete('get pods --', objects)).toEqual({ line: 'get pods --', candidates: [] })
    expect(candidatesFor('apply -f x', objects)).toEqual([])
  })
})
