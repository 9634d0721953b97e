import { describe, expect, it } from 'vitest'
import { droppedLook, nounLeft, onBox, tokenBox } from './token-shape.ts'

describe('token shape (the DOM token in numbers)', () => {
  it('a crowd token is a 12 px ring whose body starts 7 px before its point, centred on it', () => {
    const box = tokenBox(100, 50, { nounWidth: null, lineHeight: 13 })
    expect(box).toEqual({ left: 93, top: 44, width: 12, height: 12 })
  })

  it('a pill is padding 3 + dot 8 + gap 3 + noun + padding 7 wide and a line plus 4 high', () => {
    const m = { nounWidth: 47.86, lineHeight: 13 }
    const box = tokenBox(100, 50, m)
    expect(box.left).toBe(93)
    expect(box.width).toBeCloseTo(68.86, 2)
    expect(box.height).toBe(17)
    expect(box.top).toBe(41.5)
    expect(nounLeft(box, m)).toBe(107)
  })

  it('a dropped token carries its ✕ where the dot was', () => {
    const box = tokenBox(0, 0, {
      nounWidth: null,
      lineHeight: 13,
      cross: { width: 9, lineHeight: 12 },
    })
    expect(box.width).toBe(13)
    expect(box.height).toBe(16)
  })

  it('hit-testing counts the slop around the box', () => {
    const box = { left: 10, top: 10, width: 12, height: 12 }
    expect(onBox(box, 16, 16)).toBe(true)
    expect(onBox(box, 24, 16)).toBe(false)
    expect(onBox(box, 24, 16, 3)).toBe(true)
  })

  it('a dropped token holds for 60 % of 1.2 s, then fades out shrinking to 0.6; reduced motion: half opacity', () => {
    expect(droppedLook(0, false)).toEqual({ alpha: 1, scale: 1 })
    expect(droppedLook(700, false)).toEqual({ alpha: 1, scale: 1 })
    const mid = droppedLook(960, false)
    expect(mid.alpha).toBeGreaterThan(0)
    expect(mid.alpha).toBeLessThan(1)
    expect(droppedLook(1_200, false)).toEqual({ alpha: 0, scale: 0.6 })
    expect(droppedLook(5_000, true)).toEqual({ alpha: 0.5, scale: 1 })
  })
})
