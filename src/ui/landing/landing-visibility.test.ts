import { describe, expect, it } from 'vitest'
import { shouldShowLanding } from './landing-visibility.ts'

describe('shouldShowLanding', () => {
  it('greets a first visit to the bare address', () => {
    expect(shouldShowLanding({ search: '', hash: '', seen: null })).toBe(true)
  })
  it('stays away once seen, or when the address names what to open', () => {
    expect(shouldShowLanding({ search: '', hash: '', seen: '1' })).toBe(false)
    expect(shouldShowLanding({ search: '?scenario=lesson-tour', hash: '', seen: null })).toBe(false)
    expect(shouldShowLanding({ search: '', hash: '#v1.abc', seen: null })).toBe(false)
    expect(shouldShowLanding({ search: '?present=1', hash: '', seen: null })).toBe(false)
    expect(shouldShowLanding({ search: '?embed=1', hash: '', seen: null })).toBe(false)
  })
})
