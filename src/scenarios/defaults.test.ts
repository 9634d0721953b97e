import { describe, expect, it } from 'vitest'
import { parseScenario } from './parse.ts'

const minimal = 'title: Minimal\ncluster:\n  nodes: [{name: node-1}]\n'

function parse(text: string) {
  const result = parseScenario(text)
  if (!result.ok) throw new Error(result.error)
  return result.scenario
}

describe('parseScenario', () => {
  describe('when only title and one node are given', () => {
    const scenario = parse(minimal)

    it('fills every default of DESIGN.md §4', () => {
      expect(scenario).toEqual({
        title: 'Minimal',
        seed: 1,
        startTime: '2026-01-01T00:00:00Z',
        cluster: {
          version: 'v1.34',
          controlPlane: { apiservers: 1, etcd: 1 },
          serviceCIDR: '10.96.0.0/12',
          podCIDR: '10.244.0.0/16',
          cloud: false,
          addons: [],
          nodes: [
            {
              name: 'node-1',
              cpu: '4',
              memory: '8Gi',
              pods: 110,
              labels: {},
              taints: [],
              images: [],
            },
          ],
        },
        registry: { images: [] },
        script: [],
        chapters: [],
        untilMs: 120_000,
      })
    })

    it('gives each parse its own default objects', () => {
      const a = parse(minimal)
      a.cluster.nodes[0]!.labels.zone = 'a'
      a.script.push({ atMs: 0, kubectl: 'get pods' })
      const b = parse(minimal)
      expect(b.cluster.nodes[0]!.labels).toEqual({})
      expect(b.script).toEqual([])
    })
  })

  describe('when every field is written out', () => {
    const full = parse(`
title: Everything
seed: 7
startTime: "2030-06-01T12:00:00+02:00"
cluster:
  version: v1.34
  controlPlane: {apiservers: 2, etcd: 3}
  serviceCIDR: 10.0.0.0/16
  podCIDR: 192.168.0.0/16
  cloud: true
  addons: [coredns]
  nodes:
    - {name: node-1, cpu: 4, memory: 8589934592, pods: "50", labels: {zone: a, example.com/tier: web},
       taints: [{key: dedicated, value: gpu, effect: NoSchedule}, {key: spot, effect: PreferNoSchedule}]}
    - {name: node-2, cpu: 3500m, memory: 16Gi,
       images: [{names: ["example.com/big-app:1.0"], sizeBytes: 1048576000}]}
registry:
  images: [{name: "example.com/big-app:1.0", sizeBytes: 1048576000}]
script:
  - {at: 0s, kubectl: "run nginx --image=nginx:1.27"}
  - {at: 2s, kubectl: "create -f -", stdin: "kind: Pod"}
  - {at: 5s, apply: "kind: Pod"}
  - {at: 30s, fault: {kind: stop-node, node: node-2}}
  - {at: 45s, fault: {kind: stop-etcd-member, member: 2}}
  - {at: 50s, fault: {kind: stop-component, component: cloud-controller-manager}}
  - {at: 1m, addNode: {name: node-3}}
  - {at: 1m1s, fault: {kind: stop-kubelet, node: node-3}}
  - {kubectl: "get nodes"}
chapters:
  - {id: one, title: One, narration: "Watch \`etcd\`.", startsWhen: {atTime: 1m30s}}
  - {id: two, title: Two, narration: "", startsWhen: {afterFlow: {kind: etcd.txn, to: "etcd:0"}}, pauseAtEnd: true}
  - {id: three, title: Three, narration: x, startsWhen: {whenObject: {key: /registry/pods/default/nginx, path: status.phase, equals: Running}}}
  - {id: four, title: Four, narration: x, startsWhen: {quiescent: true}}
until: 1h
`)

    it('keeps the given values and normalizes durations to ms', () => {
      expect(full.seed).toBe(7)
      expect(full.startTime).toBe('2030-06-01T12:00:00+02:00')
      expect(full.cluster.controlPlane).toEqual({ apiservers: 2, etcd: 3 })
      expect(full.cluster.nodes[0]).toMatchObject({ cpu: '4', memory: '8589934592', pods: 50 })
      expect(full.cluster.nodes[0]!.taints[1]).toEqual({ key: 'spot', effect: 'PreferNoSchedule' })
      expect(full.script.map((s) => s.atMs)).toEqual([
        0, 2000, 5000, 30_000, 45_000, 50_000, 60_000, 61_000, 0,
      ])
      expect(full.script[1]).toEqual({ atMs: 2000, kubectl: 'create -f -', stdin: 'kind: Pod' })
      expect(full.script[6]).toMatchObject({
        addNode: { name: 'node-3', cpu: '4', memory: '8Gi', pods: 110 },
      })
      expect(full.chapters.map((c) => c.startsWhen)).toEqual([
        { atTime: 90_000 },
        { afterFlow: { kind: 'etcd.txn', to: 'etcd:0' } },
        {
          whenObject: {
            key: '/registry/pods/default/nginx',
            path: 'status.phase',
            equals: 'Running',
          },
        },
        { quiescent: true },
      ])
      expect(full.chapters.map((c) => c.pauseAtEnd)).toEqual([false, true, false, false])
      expect(full.untilMs).toBe(3_600_000)
    })
  })

  it('reads JSON text and already-decoded values alike', () => {
    const value = { title: 'J', cluster: { nodes: [{ name: 'n' }] }, until: '10s' }
    const fromText = parseScenario(JSON.stringify(value))
    const fromValue = parseScenario(value)
    expect(fromText.ok && fromValue.ok).toBe(true)
    if (fromText.ok && fromValue.ok) {
      expect(fromText.scenario).toEqual(fromValue.scenario)
      expect(fromValue.file).toBe(value)
    }
  })

  it('accepts an unquoted YAML version number', () => {
    expect(
      parse(`${minimal.replace('cluster:\n', 'cluster:\n  version: 1.34\n')}`).cluster.version,
    ).toBe('v1.34')
  })
})
