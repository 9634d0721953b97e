import { describe, expect, it } from 'vitest'
import type { KObject } from '../../protocol.ts'
import { put, range, remove, type Mvcc } from './mvcc.ts'

const obj = (name: string): KObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name } })

/** What a prefix range must return: every key under the prefix, in sorted order. */
const scan = (store: Mvcc, prefix: string): string[] => Object.keys(store.kv).filter((k) => k.startsWith(`${prefix}/`)).sort()

describe('etcd MVCC prefix ranges', () => {
  it('returns the same keys, in the same order, as a scan of every key, through puts and deletes', () => {
    const store: Mvcc = { revision: 0, kv: {} }
    let seed = 7
    const next = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n)
    const prefixes = ['/registry/pods', '/registry/pods/default', '/registry/pods/kube-system', '/registry/events/default', '/registry/services', '/registry/services/specs', '/registry']
    for (let i = 0; i < 600; i++) {
      const key = `/registry/${['pods', 'events', 'services/specs'][next(3)]}/${['default', 'kube-system'][next(2)]}/o-${next(50)}`
      if (next(4) === 0) remove(store, key)
      else put(store, key, obj(key))
      // The index is built on the first range and kept from then on.
      if (i % 37 === 0) for (const p of prefixes) expect(range(store, p, true).map((kv) => kv.key), `${p} after ${i}`).toEqual(scan(store, p))
    }
    for (const p of prefixes) expect(range(store, p, true).map((kv) => kv.key)).toEqual(scan(store, p))
    expect(range(store, '/registry/pods/default/o-1', false).length).toBe(store.kv['/registry/pods/default/o-1'] ? 1 : 0)
  })
})
