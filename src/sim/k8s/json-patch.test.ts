/** JSON Patch decoding as patch.go's jsonPatcher does it (DecodePatch, maxJSONPatchOperations). */
import { describe, expect, it } from 'vitest'
import { applyJsonPatch, decodeJsonPatch, maxJsonPatchOperations } from './json-patch.ts'

describe('decodeJsonPatch', () => {
  it('takes null as an empty patch and refuses more than 10,000 operations with a 413', () => {
    expect(decodeJsonPatch(null)).toEqual({ ok: true, ops: [] })
    const ops = Array.from({ length: maxJsonPatchOperations + 1 }, () => ({ op: 'test', path: '/a', value: 1 }))
    const r = decodeJsonPatch(ops)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.status).toMatchObject({ code: 413, reason: 'RequestEntityTooLarge', message: 'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001' })
    expect(decodeJsonPatch(ops.slice(1)).ok).toBe(true)
  })

  it('leaves a frozen document as it was, whether the operations apply or not', () => {
    const doc = Object.freeze({ spec: Object.freeze({ replicas: 1 }) })
    expect(applyJsonPatch(doc, [{ op: 'replace', path: '/spec/replicas', value: 2 }])).toEqual({ spec: { replicas: 2 } })
    expect(applyJsonPatch(doc, [{ op: 'replace', path: '/spec/replicas', value: 3 }, { op: 'remove', path: '/spec/missing' }])).toBeNull()
    expect(doc.spec.replicas).toBe(1)
  })
})
