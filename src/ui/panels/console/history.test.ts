import { describe, expect, it } from 'vitest'
import { historyMove, historyPush } from './history.ts'

describe('console history', () => {
  it('walks back and forward and restores the draft', () => {
    const entries = historyPush(historyPush(historyPush([], 'get pods'), 'get nodes'), 'get nodes')
    expect(entries).toEqual(['get pods', 'get nodes'])
    let cursor = { index: entries.length, draft: '' }
    const up1 = historyMove(entries, cursor, 'desc', -1)!
    expect(up1.line).toBe('get nodes')
    cursor = up1.cursor
    const up2 = historyMove(entries, cursor, up1.line, -1)!
    expect(up2.line).toBe('get pods')
    expect(historyMove(entries, up2.cursor, up2.line, -1)).toBeNull()
    const down1 = historyMove(entries, up2.cursor, up2.line, 1)!
    const down2 = historyMove(entries, down1.cursor, down1.line, 1)!
    expect(down2.line).toBe('desc')
    expect(historyMove(entries, down2.cursor, down2.line, 1)).toBeNull()
  })
})
