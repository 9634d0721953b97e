/**
 * PodTopologySpread's match counts carried from cycle to cycle (topology-spread.ts) must give the
 * counts a fresh cache gives after pods are relabelled, deleted and added the way the informer
 * applies them (a remove and an add per update, each bumping the node's generation).
 */
import { describe, expect, it } from 'vitest'
import type { KObject } from '../../protocol.ts'
import { addPod, removePod } from './node-info.ts'
import { decideFor, scoresOf, testNode, testPod, testWorld, type TestWorld } from './testing.ts'

const zone = (z: string) => ({ labels: { 'topology.kubernetes.io/zone': z } })
const nodes = () => [testNode('a', zone('z1')), testNode('b', zone('z1')), testNode('c', zone('z2')), testNode('d', zone('z2'))]
const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web', 'pod-template-hash': '1' } } } }
const owners = { replicasets: { 'default/web-1': rs as KObject } }
const web = (name: string, labels: Record<string, string> = { app: 'web', 'pod-template-hash': '1' }) =>
  testPod(name, { labels, owner: { kind: 'ReplicaSet', name: 'web-1' } })

/** What the informer does with an update: take the old object off its node, put the new one on. */
function update(w: TestWorld, pod: KObject, node: string): void {
  const key = `default/${pod.metadata.name}`
  const old = w.pods[key]
  if (old) removePod(w.cache, key, old)
  pod.spec = { ...(pod.spec as object), nodeName: node }
  w.pods[key] = pod
  addPod(w.cache, key, pod, node)
}

function remove(w: TestWorld, name: string): void {
  const key = `default/${name}`
  removePod(w.cache, key, w.pods[key]!)
  delete w.pods[key]
}

const spread = (w: TestWorld, name: string) => {
  const d = decideFor(web(name), w)
  return { raw: scoresOf(d, 'PodTopologySpread', 'raw'), normalized: scoresOf(d, 'PodTopologySpread') }
}

describe('PodTopologySpread carried counts', () => {
  it('follow relabels, deletions and additions as a fresh cache counts them', () => {
    const w = testWorld(nodes(), [[web('w1'), 'a'], [web('w2'), 'a'], [web('w3'), 'a'], [web('w4'), 'b']], owners)
    const first = spread(w, 'p1')
    // w1 leaves the selector, w4 is deleted, two join on c, one on d.
    update(w, web('w1', { app: 'other' }), 'a')
    remove(w, 'w4')
    update(w, web('w5'), 'c')
    update(w, web('w6'), 'c')
    update(w, web('w7'), 'd')
    const carried = spread(w, 'p2')
    const fresh = testWorld(
      nodes(),
      [[web('w1', { app: 'other' }), 'a'], [web('w2'), 'a'], [web('w3'), 'a'], [web('w5'), 'c'], [web('w6'), 'c'], [web('w7'), 'd']],
      owners,
    )
    expect(carried).toEqual(spread(fresh, 'p2'))
    // The counts did change: a stale table would have answered the first cycle's figures.
    expect(carried.raw).not.toEqual(first.raw)
  })

  it('counts a terminating pod out once its update arrives', () => {
    const w = testWorld(nodes(), [[web('w1'), 'a'], [web('w2'), 'b']], owners)
    const before = spread(w, 'p1')
    const terminating = web('w1')
    terminating.metadata.deletionTimestamp = '2026-01-01T00:00:30Z'
    update(w, terminating, 'a')
    const fresh = testWorld(nodes(), [[web('w2'), 'b']], owners)
    expect(spread(w, 'p2')).toEqual(spread(fresh, 'p2'))
    expect(spread(w, 'p3')).not.toEqual(before)
  })
})
