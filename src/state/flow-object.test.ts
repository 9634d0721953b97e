import { describe, expect, it } from 'vitest'
import type { CauseTreeView, Flow } from '../sim/protocol.ts'
import { objectKeyOf } from './flow-object.ts'

const flow = (id: number, kind: Flow['kind'], label: string, causeId: string | null = null): Flow => ({
  id: `flow:${id}`,
  from: 'a',
  to: 'b',
  kind,
  label,
  sentAt: 0,
  arrivesAt: 1,
  causeId,
  outcome: 'delivered',
  ambient: false,
})

describe('objectKeyOf', () => {
  const post = flow(1, 'apiserver.create', 'POST /api/v1/namespaces/default/pods')
  const txn = flow(2, 'etcd.txn', 'Txn PUT /registry/pods/default/nginx', 'flow:1')
  const watch = flow(3, 'etcd.watch', 'PUT /registry/pods/default/nginx', 'flow:2')
  const event = flow(4, 'watch.event', 'ADDED Pod default/nginx', 'flow:3')

  it('reads the key from an etcd label', () => {
    expect(objectKeyOf(txn, null)).toBe('/registry/pods/default/nginx')
    expect(objectKeyOf(flow(9, 'etcd.range', 'Range /registry/pods/default/ (prefix)'), null)).toBeNull()
  })

  it("a request: the key its txn wrote; a watch event: the key it carried", () => {
    const below: CauseTreeView = { id: 'flow:1', chain: [post], descendants: [{ flow: txn, depth: 1 }], truncated: false }
    expect(objectKeyOf(post, below)).toBe('/registry/pods/default/nginx')
    const above: CauseTreeView = { id: 'flow:4', chain: [post, txn, watch, event], descendants: [], truncated: false }
    expect(objectKeyOf(event, above)).toBe('/registry/pods/default/nginx')
    // A tree for another flow says nothing about this one.
    expect(objectKeyOf(event, below)).toBeNull()
  })
})
