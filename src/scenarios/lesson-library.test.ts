import { describe, expect, it } from 'vitest'
import { scenarios } from './index.ts'
import { lessonLibrary } from './lesson-library.ts'

describe('lesson library', () => {
  it('lists every lesson scenario once, and nothing else', () => {
    const lessons = scenarios.filter((s) => s.id.startsWith('lesson-')).map((s) => s.id)
    expect([...lessonLibrary.map((l) => l.id)].sort()).toEqual([...lessons].sort())
  })
})
