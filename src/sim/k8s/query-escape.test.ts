import { describe, expect, it } from 'vitest'
import { queryEscape, queryUnescape } from './query-escape.ts'

describe("Go's url.QueryEscape", () => {
  it("writes a space as + and escapes !'()* as encodeURIComponent does not", () => {
    expect(queryEscape("echo hi (it's me)!")).toBe('echo+hi+%28it%27s+me%29%21')
    expect(queryEscape('http://web/a?b=c')).toBe('http%3A%2F%2Fweb%2Fa%3Fb%3Dc')
    expect(queryUnescape(queryEscape("sh -c 'x' *"))).toBe("sh -c 'x' *")
  })
})
