/**
 * Events have no watch cache (DefaultWatchCacheSizes sets events to 0): etcd streams an event write
 * to nobody unless a client watches events, and then only on the watch the apiserver opened on
 * etcd for that client. Updates and deletes of an event read it from etcd first (etcd3 store.go).
 */
import { describe, expect, it } from 'vitest'
import type { KObject } from '../../protocol.ts'
import { TestCluster } from '../../testing/test-cluster.ts'

function streamOf(c: TestCluster, requestId: string): string | undefined {
  return c.sim.kubectlStreams().find((s) => s.requestId === requestId)?.stdout
}

function eventKeys(c: TestCluster): string[] {
  return Object.keys(c.sim.objects()).filter((k) => k.startsWith('/registry/events/default/'))
}

describe('events without a watch cache', () => {
  it('stores each event in etcd without streaming it to the watch cache', () => {
    const c = new TestCluster()
    c.kubectl('run web --image=nginx:1.27')
    c.runUntil(() => c.status('web') === 'Running')
    expect(eventKeys(c).length).toBeGreaterThanOrEqual(4) // Scheduled, Pulling, Pulled, Created, Started
    expect(c.flows({ kind: 'etcd.txn', label: /^Txn PUT \/registry\/events\// }).length).toBe(eventKeys(c).length)
    expect(c.flows({ kind: 'etcd.watch', label: /\/registry\/events\// })).toHaveLength(0)
    // Pods still stream to the watch cache.
    expect(c.flows({ kind: 'etcd.watch', label: 'PUT /registry/pods/default/web' }).length).toBeGreaterThan(0)
    // The apiserver's inspector counts every stored object but the events.
    const cached = c.sim.inspect('kube-apiserver:0')!.facts.find((f) => f.label === 'watch cache objects')!.value
    expect(Number(cached)).toBe(Object.keys(c.sim.objects()).length - eventKeys(c).length)
  })

  it('serves `kubectl get events -w` from a watch on etcd, cancelled by Ctrl+C', () => {
    const c = new TestCluster()
    c.sim.kubectl('get events -w', undefined, 'ev')
    c.runUntil(() => c.flows({ kind: 'etcd.watch-create' }).length === 1 && c.sim.inFlight().every((f) => f.to !== 'kubectl'))
    const create = c.flows({ kind: 'etcd.watch-create' })[0]!
    expect(create).toMatchObject({ from: 'kube-apiserver:0', to: 'etcd:0', label: 'Watch /registry/events/default/ (prefix)' })
    const watchReply = c.flows({ kind: 'apiserver.watch', from: 'kubectl' }).at(-1)!
    expect(watchReply.stages?.some((s) => /no watch cache/.test(s.detail))).toBe(true)
    const watchers = c.sim.inspect('kube-apiserver:0')!.sections.find((x) => x.title === 'watchers')!
    expect(watchers.rows.find((r) => r[0] === 'kubectl')).toEqual(['kubectl', 'events -n default (from etcd)', '—'])
    expect(c.sim.inspect('etcd:0')!.sections.find((x) => x.title === 'watches for single clients')!.rows).toEqual([['kube-apiserver:0', expect.stringMatching(/^watch-\d+$/), '/registry/events/default/']])

    c.kubectl('run web --image=nginx:1.27')
    c.runUntil(() => c.status('web') === 'Running')
    c.run(100)
    const relayed = c.flows({ kind: 'etcd.watch', label: /\/registry\/events\/default\// })
    expect(relayed.length).toBe(eventKeys(c).length)
    expect(relayed.every((f) => f.from === 'etcd:0' && f.to === 'kube-apiserver:0')).toBe(true)
    const toKubectl = c.flows({ kind: 'watch.event', to: 'kubectl' }).filter((f) => /^ADDED Event default\//.test(f.label))
    expect(toKubectl.length).toBe(eventKeys(c).length)
    expect(streamOf(c, 'ev')).toMatch(/Normal\s+Scheduled\s+pod\/web\s+Successfully assigned default\/web to node-\d/)

    c.sim.interrupt('ev')
    c.run(100)
    const cancel = c.flows({ kind: 'etcd.watch-cancel' })
    expect(cancel).toHaveLength(1)
    expect(cancel[0]).toMatchObject({ from: 'kube-apiserver:0', to: 'etcd:0' })
    expect(cancel[0]!.stages?.[0]).toMatchObject({ outcome: 'ok' })
    // etcd streams the next event to nobody.
    const before = c.flows({ kind: 'etcd.watch', label: /\/registry\/events\// }).length
    c.kubectl('run db --image=redis:7')
    c.runUntil(() => c.status('db') === 'Running')
    expect(c.flows({ kind: 'etcd.watch', label: /\/registry\/events\// })).toHaveLength(before)
  })

  it('labels and deletes an event after reading it from etcd', () => {
    const c = new TestCluster()
    c.kubectl('run web --image=nginx:1.27')
    c.runUntil(() => c.status('web') === 'Running')
    const key = eventKeys(c)[0]!
    const name = key.split('/').at(-1)!

    const labelled = c.kubectl(`label event ${name} seen=yes`)
    expect(labelled.stderr).toBe('')
    expect(labelled.stdout).toBe(`event/${name} labeled\n`)
    expect((c.object(key) as KObject).metadata.labels).toEqual({ seen: 'yes' })
    const patch = c.flows({ kind: 'apiserver.patch', from: 'kubectl' }).at(-1)!
    expect(patch.stages?.some((s) => s.detail === `no watch cache for events: read ${key} from etcd first`)).toBe(true)
    const read = c.flows({ kind: 'etcd.range', label: `Range ${key}` })

    expect(c.kubectl('label event no-such-event seen=yes').stderr).toBe('Error from server (NotFound): events "no-such-event" not found\n')

    const deleted = c.kubectl(`delete event ${name}`)
    expect(deleted.stdout).toBe(`event "${name}" deleted\n`)
    expect(c.object(key)).toBeUndefined()
    expect(c.flows({ kind: 'etcd.range', label: `Range ${key}` }).length).toBeGreaterThan(read.length)
  })
})
