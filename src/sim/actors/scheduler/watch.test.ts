/**
 * The scheduler's pod informer and its cache (eventhandlers.go, backend/cache): an update that
 * leaves a pod counting the same on its node (the assumed pod's binding coming back, a status
 * change) keeps the node as it is; one that changes what the node counts takes the old version
 * off and puts the new one on, bumping the node's generation (PodTopologySpread's carried counts
 * depend on that).
 */
import { describe, expect, it } from 'vitest'
import type { Ctx } from '../../engine/actor.ts'
import { freezeDeep } from '../../engine/clone.ts'
import type { KObject } from '../../protocol.ts'
import { addPod } from './node-info.ts'
import { newSchedulerState, seedNode } from './state.ts'
import { testNode, testPod } from './testing.ts'
import { onWatch } from './watch.ts'

/** Enough of a Ctx for the informer: no parked pods, so no timers are armed. */
const ctx = { now: 0, causeId: null, hasTimer: () => true, setTimer: () => {}, random: () => 0.5 } as unknown as Ctx

/** The next version of a committed pod: a new frozen object around the parts it keeps. */
function next(pod: KObject, change: { spec?: object; status?: object; metadata?: object }): KObject {
  return freezeDeep({
    ...pod,
    metadata: { ...pod.metadata, ...change.metadata },
    spec: { ...(pod.spec as object), ...change.spec },
    status: { ...(pod.status as object), ...change.status },
  }) as KObject
}

function setup() {
  const state = newSchedulerState('kube-apiserver:0')
  seedNode(state, 'node-1', testNode('node-1'))
  const pending = freezeDeep(testPod('web', { labels: { app: 'web' }, requests: { cpu: '100m' } }))
  onWatch(state, { kind: 'watch.event', watchId: 'w', type: 'ADDED', object: pending }, ctx)
  // The cycle assumed it on node-1 (scheduler.ts scheduleOne).
  state.assumed['default/web'] = 'node-1'
  addPod(state.cache, 'default/web', pending, 'node-1')
  const update = (object: KObject) => onWatch(state, { kind: 'watch.event', watchId: 'w', type: 'MODIFIED', object }, ctx)
  const node = () => state.cache.nodes['node-1']!
  return { state, pending, update, node }
}

describe('kube-scheduler pod informer', () => {
  it('confirms an assumed pod when its binding comes back, without touching the node', () => {
    const { state, pending, update, node } = setup()
    const generation = node().generation
    const bound = next(pending, { spec: { nodeName: 'node-1' } })
    update(bound)
    expect(state.assumed['default/web']).toBeUndefined()
    expect(node().generation).toBe(generation)
    expect(node().pods).toEqual(['default/web'])
    expect(node().requested.milliCpu).toBe(100)
    // The kubelet's status updates change nothing the node counts either.
    update(next(bound, { status: { phase: 'Running' } }))
    expect(node().generation).toBe(generation)
    expect(node().requested.milliCpu).toBe(100)
  })

  it('takes the old version off and puts the new one on when labels change or the pod terminates', () => {
    const { pending, update, node } = setup()
    const bound = next(pending, { spec: { nodeName: 'node-1' } })
    update(bound)
    const generation = node().generation
    const relabelled = next(bound, { metadata: { labels: { app: 'api' } } })
    update(relabelled)
    expect(node().generation).toBeGreaterThan(generation)
    const afterLabels = node().generation
    update(next(relabelled, { metadata: { deletionTimestamp: '2026-01-01T00:00:30Z' } }))
    expect(node().generation).toBeGreaterThan(afterLabels)
    // Counted once throughout.
    expect(node().pods).toEqual(['default/web'])
    expect(node().requested.milliCpu).toBe(100)
  })
})
