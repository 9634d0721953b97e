import { describe, expect, it } from 'vitest'
import { parseArgs } from './args.ts'

describe('parseArgs', () => {
  it('reads a file with --seed and --until in either form', () => {
    expect(parseArgs(['run', 'a.yaml', '--seed', '7', '--until=1m30s'])).toEqual({
      kind: 'run',
      file: 'a.yaml',
      seed: 7,
      untilMs: 90_000,
    })
    expect(parseArgs(['run', '--until', '500ms', 'a.yaml'])).toEqual({
      kind: 'run',
      file: 'a.yaml',
      untilMs: 500,
    })
    expect(parseArgs(['run', '-'])).toEqual({ kind: 'run', file: '-' })
  })

  it('prefers help over everything else', () => {
    expect(parseArgs(['run', '--bogus', '-h'])).toEqual({ kind: 'help' })
  })

  it.each([
    [
      ['run', 'a.yaml', '--seed', '4294967296'],
      '--seed: "4294967296" is not a whole number from 0 to 4294967295',
    ],
    [
      ['run', 'a.yaml', '--seed', '1.5'],
      '--seed: "1.5" is not a whole number from 0 to 4294967295',
    ],
    [['run', 'a.yaml', '--until', '0s'], '--until: must be longer than 0s'],
    [['run', 'a.yaml', '--until'], '--until needs a value'],
  ])('refuses %j', (argv, message) => {
    expect(parseArgs(argv)).toEqual({ kind: 'usage-error', message })
  })
})
