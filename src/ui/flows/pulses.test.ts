import { expect, it } from 'vitest'
import { emitPulse, onPulse, pulseWallMs } from './pulses.ts'

it('a box already glowing is not restarted by every packet; the next arrival after the glow is', () => {
  let pulses = 0
  const off = onPulse('kube-proxy:test-node', () => pulses++)
  for (let wall = 1_000; wall < 1_000 + pulseWallMs; wall += 16)
    emitPulse('kube-proxy:test-node', wall)
  expect(pulses).toBe(1)
  emitPulse('kube-proxy:test-node', 1_000 + pulseWallMs)
  expect(pulses).toBe(2)
  // Another box is its own.
  emitPulse('kube-proxy:other', 1_000 + pulseWallMs)
  expect(pulses).toBe(2)
  off()
})
