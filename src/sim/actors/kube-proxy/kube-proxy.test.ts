/**
 * kube-proxy's sync loop: a periodic sync with nothing changed keeps the rules it has (the
 * proxier restores nothing then); a Service or EndpointSlice event makes the next sync rebuild.
 */
import { describe, expect, it } from 'vitest'
import type { Ctx } from '../../engine/actor.ts'
import type { KObject } from '../../protocol.ts'
import { kubeProxy, newKubeProxyState, syncPeriodMs } from './kube-proxy.ts'

const svc = (ip: string): KObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default' },
  spec: { type: 'ClusterIP', clusterIP: ip, ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 80 }] },
})

function fakeCtx(): Ctx & { timers: string[] } {
  const timers: string[] = []
  return { now: 0, timers, hasTimer: (name: string) => timers.includes(name), setTimer: (name: string) => void timers.push(name) } as unknown as Ctx & {
    timers: string[]
  }
}

describe('kube-proxy sync loop', () => {
  it('keeps its rules through a resync with no change, and rebuilds after a watch event', () => {
    const state = newKubeProxyState('node-1', '10.244.0.0/16')
    const ctx = fakeCtx()
    kubeProxy.receive(state, { kind: 'watch.event', watchId: 'w', type: 'ADDED', object: svc('10.96.0.10') }, ctx)
    kubeProxy.timer!(state, 'sync', null, ctx)
    const first = state.rules
    expect(first?.ports.map((p) => p.clusterIP)).toEqual(['10.96.0.10'])
    kubeProxy.timer!(state, 'resync', null, { ...ctx, now: syncPeriodMs } as Ctx)
    expect(state.rules).toBe(first)
    expect(state.syncs).toBe(2)
    kubeProxy.receive(state, { kind: 'watch.event', watchId: 'w', type: 'MODIFIED', object: svc('10.96.0.20') }, ctx)
    kubeProxy.timer!(state, 'sync', null, ctx)
    expect(state.rules).not.toBe(first)
    expect(state.rules?.ports.map((p) => p.clusterIP)).toEqual(['10.96.0.20'])
  })
})
