/**
 * Hostile input, 10,000 links: random text, random base64url behind a valid version, valid links
 * cut short or mutated, and deflated JSON of random shape. decodeShare must never throw and must
 * answer each one within a bounded time.
 */
import fc from 'fast-check'
import { deflateSync, strToU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import { loadScenario, scenarios } from '../scenarios/index.ts'
import { toBase64url } from './base64url.ts'
import { decodeShare, encodeShare } from './codec.ts'

/**
 * Per link. A real decode of a lesson takes about a millisecond; the bound leaves room for a
 * machine busy with other test files, and still catches anything that grows with the input.
 */
const boundMs = 1000
/** Per property of 2,500 links, on a loaded machine. */
const timeout = 120_000
const runsEach = 2500

const validLinks = scenarios.map(({ id }) =>
  encodeShare({
    scenario: loadScenario(id),
    scenarioId: id,
    userScript: [{ at: { atMs: 10 }, kubectl: 'get pods', requestId: 'ui:1' }],
    position: { atMs: 500 },
    view: { showAmbient: false },
  }),
)

let slowest = 0
function decodesSafely(link: unknown): boolean {
  const started = performance.now()
  const result = decodeShare(link)
  const took = performance.now() - started
  slowest = Math.max(slowest, took)
  expect(took).toBeLessThan(boundMs)
  expect(typeof result.ok).toBe('boolean')
  if (!result.ok) expect(result.reason.length).toBeGreaterThan(0)
  return true
}

const b64char = fc.constantFrom(
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split(''),
)

describe('decodeShare on hostile links', { timeout }, () => {
  it('never throws on random text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => decodesSafely(s)), {
      numRuns: runsEach,
    })
  })

  it('never throws on random base64url behind a valid version', () => {
    fc.assert(
      fc.property(fc.array(b64char, { maxLength: 600 }), (chars) =>
        decodesSafely(`#v1.${chars.join('')}`),
      ),
      { numRuns: runsEach },
    )
  })

  it('never throws on valid links cut short or mutated', () => {
    const mutation = fc.record({
      link: fc.constantFrom(...validLinks),
      at: fc.nat(),
      cut: fc.boolean(),
      char: fc.oneof(b64char, fc.string({ minLength: 1, maxLength: 1 })),
      op: fc.constantFrom('replace', 'insert', 'delete', 'truncate'),
    })
    fc.assert(
      fc.property(mutation, ({ link, at, char, op }) => {
        const i = at % link.length
        const mutated =
          op === 'truncate'
            ? link.slice(0, i)
            : op === 'delete'
              ? link.slice(0, i) + link.slice(i + 1)
              : op === 'insert'
                ? link.slice(0, i) + char + link.slice(i)
                : link.slice(0, i) + char + link.slice(i + 1)
        return decodesSafely(mutated)
      }),
      { numRuns: runsEach },
    )
  })

  it('never throws on well-packed JSON of any shape', () => {
    const shaped = fc.oneof(
      fc.jsonValue(),
      fc.record({
        scenario: fc.oneof(fc.jsonValue(), fc.constant({ title: 'x', cluster: { nodes: [] } })),
        userScript: fc.array(
          fc.record({
            at: fc.record({ atMs: fc.integer(), delivered: fc.option(fc.integer(), { nil: undefined }) }),
            kubectl: fc.option(fc.string(), { nil: undefined }),
            fault: fc.option(fc.jsonValue(), { nil: undefined }),
          }),
          { maxLength: 5 },
        ),
        position: fc.jsonValue(),
        view: fc.jsonValue(),
      }),
    )
    fc.assert(
      fc.property(shaped, (value) =>
        decodesSafely(`#v1.${toBase64url(deflateSync(strToU8(JSON.stringify(value) ?? 'null')))}`),
      ),
      { numRuns: runsEach },
    )
    expect(slowest).toBeLessThan(boundMs)
  })
})
