import { describe, expect, it } from 'vitest'
import { createSimulation } from './index.ts'
import { scenario } from './testing/test-cluster.ts'

const base = scenario({
  script: [
    { atMs: 0, kubectl: 'run nginx --image=nginx:1.27' },
    { atMs: 20_000, kubectl: 'label pod nginx tier=web' },
  ],
  untilMs: 40_000,
})
const key = '/registry/pods/default/nginx'

describe('object history', () => {
  it("lists a pod's versions: rv, commit time, the etcd write and the request behind it", () => {
    const sim = createSimulation(base)
    sim.runUntil(30_000)
    const h = sim.objectHistory(key)!
    expect(h.truncated).toBe(false)
    const revs = h.revisions
    expect(revs.length).toBeGreaterThanOrEqual(4)
    for (const r of revs) expect(r.object?.metadata.resourceVersion).toBe(String(r.revision))
    // Created by kubectl, bound by kube-scheduler, its status written by the kubelet, labelled by kubectl.
    expect(revs[0]!.request).toMatchObject({ from: 'kubectl', label: 'POST /api/v1/namespaces/default/pods?fieldManager=kubectl-run' })
    expect(revs.some((r) => r.request?.from === 'kube-scheduler:0')).toBe(true)
    expect(revs.some((r) => r.request?.from.startsWith('kubelet'))).toBe(true)
    expect(revs.at(-1)!.request?.from).toBe('kubectl')
    expect(revs.at(-1)!.object?.metadata.labels).toMatchObject({ tier: 'web' })
    const flows = sim.flows()
    for (const r of revs) {
      const txn = flows[Number(r.txnFlowId!.slice(5)) - 1]!
      expect(txn.kind).toBe('etcd.txn')
      expect(r.atMs).toBe(txn.arrivesAt)
    }
    // Revisions ascend, and the last is what etcd holds.
    expect(revs.map((r) => r.revision)).toEqual([...revs.map((r) => r.revision)].sort((a, b) => a - b))
    expect(revs.at(-1)!.object).toEqual(sim.objects()[key])
  })

  it('after a seek back it ends at the version stored then, and is whole again after replaying', () => {
    const sim = createSimulation(base)
    sim.runUntil(30_000)
    const all = sim.objectHistory(key)!.revisions.map((r) => r.revision)
    sim.seek(10_000)
    const then = sim.objectHistory(key)!.revisions
    expect(then.at(-1)!.object).toEqual(sim.objects()[key])
    expect(then.length).toBeLessThan(all.length)
    sim.runUntil(30_000)
    expect(sim.objectHistory(key)!.revisions.map((r) => r.revision)).toEqual(all)
  })

  it('a fork drops the abandoned future: the new branch writes its own versions', () => {
    const sim = createSimulation(base)
    sim.runUntil(30_000)
    sim.seek(10_000)
    sim.kubectl('annotate pod nginx note=fork')
    sim.runUntil(30_000)
    const revs = sim.objectHistory(key)!.revisions
    expect(revs.at(-1)!.object).toEqual(sim.objects()[key])
    expect(revs.some((r) => r.object?.metadata.annotations?.['note'] === 'fork')).toBe(true)
    // The old branch's label never happened on this one (its script step is after the fork, it runs too).
    expect(new Set(revs.map((r) => r.revision)).size).toBe(revs.length)
  })

  it('a branch made while rewound has the same history as a straight run with that command', () => {
    const rewound = createSimulation(base)
    rewound.runUntil(30_000)
    rewound.seek(10_000)
    rewound.kubectl('annotate pod nginx note=fork')
    rewound.runUntil(30_000)
    const straight = createSimulation(base)
    straight.runUntil(10_000)
    straight.kubectl('annotate pod nginx note=fork')
    straight.runUntil(30_000)
    expect(rewound.traceHash()).toBe(straight.traceHash())
    expect(rewound.objectHistory(key)).toEqual(straight.objectHistory(key))
  })

  it('a deletion is the last version, with no object', () => {
    const sim = createSimulation(base)
    sim.runUntil(25_000)
    sim.kubectl('delete pod nginx --grace-period=0 --force')
    sim.runUntil(40_000)
    const revs = sim.objectHistory(key)!.revisions
    expect(revs.at(-1)!.object).toBeNull()
    expect(sim.objectHistory('/registry/pods/default/nope')).toBeNull()
  })

  it('bootstrap objects have their stored version', () => {
    const sim = createSimulation(base)
    sim.runUntil(1)
    const ns = sim.objectHistory('/registry/namespaces/default')
    expect(ns?.revisions.at(-1)?.object?.kind).toBe('Namespace')
  })
})
