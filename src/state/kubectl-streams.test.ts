import { describe, expect, it } from 'vitest'
import { mergeStreams } from './kubectl-streams.ts'

const result = { atMs: 0, doneAtMs: 9, line: 'get pods -w', exitCode: 130, stdout: 'x', stderr: '', requestId: 'ui:1' }

describe('mergeStreams', () => {
  it('keeps the newest text of each running line and drops a line once it is answered', () => {
    const one = mergeStreams([], [{ atMs: 0, line: 'get pods -w', stdout: 'NAME\n', requestId: 'ui:1' }], [])
    const two = mergeStreams(one, [{ atMs: 0, line: 'get pods -w', stdout: 'NAME\nweb\n', requestId: 'ui:1' }], [])
    expect(two).toEqual([{ atMs: 0, line: 'get pods -w', stdout: 'NAME\nweb\n', requestId: 'ui:1' }])
    expect(mergeStreams(two, undefined, [result])).toEqual([])
  })

  it('keeps the same array when nothing changed', () => {
    const prev = [{ atMs: 0, line: 'get pods -w', stdout: '', requestId: 'ui:1' }]
    expect(mergeStreams(prev, undefined, [])).toBe(prev)
  })
})
