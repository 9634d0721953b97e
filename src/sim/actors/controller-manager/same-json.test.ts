import { describe, expect, it } from 'vitest'
import { canonicalJson, sameJson } from './objects.ts'

describe('sameJson', () => {
  const cases: [unknown, unknown][] = [
    [{ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 }],
    [{ a: 1, gone: undefined }, { a: 1 }],
    [{ a: 1 }, { a: 1, b: 2 }],
    [{ a: [1, 2] }, { a: [2, 1] }],
    [{ a: [] }, { a: {} }],
    [{ a: null }, { a: 0 }],
    [{ conditions: [{ type: 'Available', status: 'True' }] }, { conditions: [{ status: 'True', type: 'Available' }] }],
    ['1', 1],
    [{}, {}],
  ]
  it.each(cases)('agrees with comparing canonical JSON: %j vs %j', (a, b) => {
    expect(sameJson(a, b)).toBe(canonicalJson(a) === canonicalJson(b))
    expect(sameJson(b, a)).toBe(canonicalJson(a) === canonicalJson(b))
  })
})
