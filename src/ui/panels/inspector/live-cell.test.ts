import { describe, expect, it } from 'vitest'
import type { KObject } from '../../../sim/protocol.ts'
import { indexByName } from '../console/object-refs.ts'
import { liveCellKey } from './live-cell.ts'

const obj = (kind: string, name: string, namespace?: string): KObject =>
  ({ apiVersion: 'v1', kind, metadata: { name, ...(namespace ? { namespace } : {}) } }) as KObject

const index = indexByName({
  '/registry/pods/team/web': obj('Pod', 'web', 'team'),
  '/registry/minions/node-2': obj('Node', 'node-2'),
  '/registry/services/specs/default/web': obj('Service', 'web', 'default'),
})

describe('liveCellKey', () => {
  it('a pod column names namespace/name, a node column a bare node, a Service column namespace/name', () => {
    expect(liveCellKey('pod', 'team/web', index)).toBe('/registry/pods/team/web')
    expect(liveCellKey('node', 'node-2', index)).toBe('/registry/minions/node-2')
    expect(liveCellKey('Service', 'default/web', index)).toBe('/registry/services/specs/default/web')
  })

  it('other columns, gone objects and free text are not links', () => {
    expect(liveCellKey('image', 'nginx:1.27', index)).toBeNull()
    expect(liveCellKey('pod', 'default/web', index)).toBeNull()
    expect(liveCellKey('node', '—', index)).toBeNull()
    expect(liveCellKey('pod', 'a b', index)).toBeNull()
  })
})
