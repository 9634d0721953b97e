import { describe, expect, it } from 'vitest'
import type { FlowKind } from '../../sim/protocol.ts'
import { flowStyles } from './flow-styles.ts'

describe('flowStyles', () => {
  it('gives every flow kind a colour and a non-empty label', () => {
    for (const [kind, style] of Object.entries(flowStyles) as [
      FlowKind,
      { color: string; noun: string },
    ][]) {
      expect(style.noun.trim(), kind).not.toBe('')
      expect(style.color, kind).toMatch(/^#[0-9a-f]{6}$/i)
    }
  })
})
