/** Queueing hints, after tainttoleration/taint_toleration.go and nodeunschedulable/node_unschedulable.go. */
import { describe, expect, it } from 'vitest'
import type { KObject } from '../../protocol.ts'
import { nodeChangeMayHelp } from './queueing-hints.ts'

const notReady = { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }
const node = (spec: Record<string, unknown>): KObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-4' }, spec })
const pod = (tolerations: unknown[] = []): KObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { tolerations } })

describe('TaintToleration queueing hint', () => {
  it('skips a Node added with a taint the pod does not tolerate', () => {
    expect(nodeChangeMayHelp('TaintToleration', pod(), { now: node({ taints: [notReady] }) })).toBe(false)
  })
  it('queues a Node added without such taints, or when the pod tolerates them', () => {
    expect(nodeChangeMayHelp('TaintToleration', pod(), { now: node({}) })).toBe(true)
    const tolerant = pod([{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }])
    expect(nodeChangeMayHelp('TaintToleration', tolerant, { now: node({ taints: [notReady] }) })).toBe(true)
  })
  it('queues when an update lifts the untolerated taint, not when it was already tolerated', () => {
    expect(nodeChangeMayHelp('TaintToleration', pod(), { old: node({ taints: [notReady] }), now: node({ taints: [] }) })).toBe(true)
    expect(nodeChangeMayHelp('TaintToleration', pod(), { old: node({}), now: node({ taints: [] }) })).toBe(false)
  })
  it('ignores PreferNoSchedule, which the filter does not look at', () => {
    expect(nodeChangeMayHelp('TaintToleration', pod(), { now: node({ taints: [{ key: 'x', effect: 'PreferNoSchedule' }] }) })).toBe(true)
  })
})

describe('NodeUnschedulable queueing hint', () => {
  it('queues an added schedulable Node and an uncordon, skips a cordoned add', () => {
    expect(nodeChangeMayHelp('NodeUnschedulable', pod(), { now: node({}) })).toBe(true)
    expect(nodeChangeMayHelp('NodeUnschedulable', pod(), { now: node({ unschedulable: true }) })).toBe(false)
    expect(nodeChangeMayHelp('NodeUnschedulable', pod(), { old: node({ unschedulable: true }), now: node({}) })).toBe(true)
    expect(nodeChangeMayHelp('NodeUnschedulable', pod(), { old: node({}), now: node({ taints: [] }) })).toBe(false)
  })
  it('leaves plugins without a hint to Queue', () => {
    expect(nodeChangeMayHelp('NodeResourcesFit', pod(), { now: node({ unschedulable: true }) })).toBe(true)
  })
})
