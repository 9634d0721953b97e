import { describe, expect, it } from 'vitest'
import { deleteLine } from './object-delete.ts'

describe('the kubectl line behind the inspector\'s Delete', () => {
  it('names the kind in lower case and the namespace of a namespaced object', () => {
    expect(deleteLine({ kind: 'Pod', metadata: { name: 'web-5d4b9', namespace: 'default' } })).toBe(
      'delete pod web-5d4b9 -n default',
    )
    expect(deleteLine({ kind: 'EndpointSlice', metadata: { name: 'web-x7k2p', namespace: 'shop' } })).toBe(
      'delete endpointslice web-x7k2p -n shop',
    )
  })
  it('has no namespace flag for a cluster-scoped object', () => {
    expect(deleteLine({ kind: 'Node', metadata: { name: 'node-2' } })).toBe('delete node node-2')
  })
})
