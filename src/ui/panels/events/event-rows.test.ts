import { describe, expect, it } from 'vitest'
import type { KObject } from '../../../sim/protocol.ts'
import { clusterStartMs, eventRows, humanDuration } from './event-rows.ts'

const t0 = Date.parse('2026-01-01T00:00:00Z')
const iso = (s: number): string => new Date(t0 + s * 1000).toISOString().replace('.000Z', 'Z')

function event(name: string, s: number, extra: Partial<KObject> = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: 'default', creationTimestamp: iso(s) },
    involvedObject: { kind: 'Pod', name: 'web-1' },
    reason: 'Scheduled',
    type: 'Normal',
    message: `msg ${name}`,
    firstTimestamp: iso(s),
    lastTimestamp: iso(s),
    count: 1,
    ...extra,
  }
}

describe('event rows', () => {
  it('ages like kubectl', () => {
    expect(humanDuration(5_000)).toBe('5s')
    expect(humanDuration(119_000)).toBe('119s')
    expect(humanDuration(125_000)).toBe('2m5s')
    expect(humanDuration(600_000)).toBe('10m')
    expect(humanDuration(3 * 3600_000 + 60_000)).toBe('3h1m')
  })

  it('lists events oldest first with Kind/name and repeats', () => {
    const objects: Record<string, KObject> = {
      '/registry/events/default/b': event('b', 30, { count: 3, firstTimestamp: iso(0), lastTimestamp: iso(30) }),
      '/registry/events/default/a': event('a', 10),
      '/registry/minions/n1': { apiVersion: 'v1', kind: 'Node', metadata: { creationTimestamp: iso(0) } },
    }
    const rows = eventRows(objects, t0 + 40_000)
    expect(rows.map((r) => r.message)).toEqual(['msg a', 'msg b'])
    expect(rows[0]).toMatchObject({ lastSeen: '30s', type: 'Normal', reason: 'Scheduled', object: 'Pod/web-1' })
    expect(rows[1]!.lastSeen).toBe('10s (x3 over 40s)')
    expect(clusterStartMs(objects)).toBe(t0)
  })

  it('links each row to the object the event is about, by kind, namespace and name', () => {
    const objects: Record<string, KObject> = {
      '/registry/events/default/a': event('a', 10),
      '/registry/events/default/b': event('b', 20, { involvedObject: { kind: 'Node', name: 'node-1' } }),
      '/registry/events/default/c': event('c', 30, { involvedObject: { kind: 'Pod', namespace: 'default', name: 'gone' } }),
      '/registry/pods/default/web-1': { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'default' } },
      '/registry/pods/other/web-1': { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'other' } },
      '/registry/minions/node-1': { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' } },
    }
    objects['/registry/events/default/a']!.involvedObject = { kind: 'Pod', namespace: 'default', name: 'web-1' }
    const rows = eventRows(objects, t0 + 40_000)
    expect(rows.map((r) => r.objectKey)).toEqual(['/registry/pods/default/web-1', '/registry/minions/node-1', undefined])
  })
})
