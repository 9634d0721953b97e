import { describe, expect, it } from 'vitest'
import { lineDiff } from './line-diff.ts'

describe('lineDiff', () => {
  it('keeps common lines and marks removed and added ones', () => {
    expect(lineDiff('a\nb\nc', 'a\nx\nc')).toEqual([
      { op: ' ', text: 'a' },
      { op: '-', text: 'b' },
      { op: '+', text: 'x' },
      { op: ' ', text: 'c' },
    ])
  })
  it('handles additions at the end', () => {
    expect(lineDiff('a', 'a\nb').map((l) => l.op)).toEqual([' ', '+'])
  })
})
