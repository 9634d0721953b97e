import { describe, expect, it } from 'vitest'
import type { KObject } from '../sim/protocol.ts'
import { revisionDiff } from './revision-diff.ts'

const pod = (rv: string, phase: string, node?: string): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'nginx', namespace: 'default', resourceVersion: rv },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }], ...(node ? { nodeName: node } : {}) },
  status: { phase },
})

describe('revisionDiff', () => {
  it('shows the changed lines with context, as a unified diff', () => {
    const hunks = revisionDiff(pod('23', 'Pending'), pod('24', 'Pending', 'node-1'))
    expect(hunks).toHaveLength(1)
    const changed = hunks[0]!.lines.filter((l) => l.op !== ' ')
    expect(changed).toEqual([
      { op: '-', text: '  resourceVersion: "23"' },
      { op: '+', text: '  resourceVersion: "24"' },
      { op: '+', text: '  nodeName: node-1' },
    ])
    expect(hunks[0]!.header).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@$/)
  })

  it('two equal versions have no hunk; a deletion removes every line', () => {
    expect(revisionDiff(pod('1', 'Running'), pod('1', 'Running'))).toEqual([])
    const gone = revisionDiff(pod('1', 'Running'), null)
    expect(gone[0]!.lines.every((l) => l.op === '-')).toBe(true)
  })
})
