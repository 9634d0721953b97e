import { expect, it } from 'vitest'
import type { Update } from '../sim/protocol.ts'
import { coalesceUpdates, type FrameSource } from './update-coalescer.ts'

it('updates that arrive between two frames are applied together at the next, in order, stamped on arrival', () => {
  const frames: (() => void)[] = []
  const source: FrameSource = { request: (fn) => void frames.push(fn) }
  let clock = 100
  const applied: [string, number][] = []
  const listener = coalesceUpdates(
    (u, at) => applied.push([u.scenarioTitle, at]),
    () => clock,
    source,
  )
  const update = (title: string): Update => ({ scenarioTitle: title }) as Update
  listener(update('a'))
  clock = 108
  listener(update('b'))
  expect(applied).toEqual([])
  expect(frames).toHaveLength(1)
  clock = 116
  frames.shift()!()
  expect(applied).toEqual([
    ['a', 100],
    ['b', 108],
  ])
  // The next update asks for a frame of its own.
  listener(update('c'))
  expect(frames).toHaveLength(1)
  frames.shift()!()
  expect(applied.at(-1)).toEqual(['c', 116])
})
