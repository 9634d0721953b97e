import { describe, expect, it } from 'vitest'
import { strategicMerge } from './merge.ts'

describe('strategicMerge', () => {
  it('merges conditions by type, the patch order first, and keeps the rest', () => {
    const target = { conditions: [{ type: 'A', status: 'False', reason: 'x' }, { type: 'B', status: 'True' }, { type: 'C', status: 'True' }] }
    const out = strategicMerge(target, { conditions: [{ type: 'C', status: 'False' }, { type: 'A', status: 'True' }] })
    expect(out).toEqual({ conditions: [{ type: 'C', status: 'False' }, { type: 'A', status: 'True', reason: 'x' }, { type: 'B', status: 'True' }] })
    expect(target.conditions[0]).toEqual({ type: 'A', status: 'False', reason: 'x' })
  })

  it('deletes a field set to null, in the object and in a merged list element, keeping key order', () => {
    const out = strategicMerge({ a: 1, b: 2, c: { d: 1, e: 2 } }, { b: null, c: { d: null, f: 3 }, g: 4 })
    expect(JSON.stringify(out)).toBe('{"a":1,"c":{"e":2,"f":3},"g":4}')
    const merged = strategicMerge({ conditions: [{ type: 'Ready', lastProbeTime: 'then', status: 'False' }] }, { conditions: [{ type: 'Ready', lastProbeTime: null, status: 'True' }] })
    expect(JSON.stringify(merged)).toBe('{"conditions":[{"type":"Ready","status":"True"}]}')
  })

  it('removes an element with $patch: delete, replaces one-of states whole, replaces unkeyed lists', () => {
    expect(strategicMerge({ podIPs: [{ ip: 'a' }, { ip: 'b' }] }, { podIPs: [{ ip: 'a', $patch: 'delete' }] })).toEqual({ podIPs: [{ ip: 'b' }] })
    expect(strategicMerge({ state: { waiting: { reason: 'x' } } }, { state: { running: {} } })).toEqual({ state: { running: {} } })
    expect(strategicMerge({ args: ['a', 'b'] }, { args: ['c'] })).toEqual({ args: ['c'] })
  })

  it('leaves a keyed list absent when the patch only deletes from it', () => {
    expect(strategicMerge({ a: 1 }, { conditions: [{ type: 'X', $patch: 'delete' }] })).toEqual({ a: 1 })
    expect(strategicMerge({ a: 1 }, { conditions: [] })).toEqual({ a: 1, conditions: [] })
  })
})
