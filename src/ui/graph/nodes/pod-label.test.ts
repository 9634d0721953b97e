import { describe, expect, it } from 'vitest'
import { podLabel, podLabelMax } from './pod-label.ts'

describe('podLabel', () => {
  it('keeps a short name whole', () => {
    expect(podLabel('nginx')).toBe('nginx')
    expect(podLabel('redis-master-0')).toBe('redis-master-0')
  })
  it('keeps the start and the random suffix of a long name, and fits', () => {
    expect(podLabel('web-5c94f75b5d-nmw2n')).toBe('web-5c9…-nmw2n')
    expect(podLabel('coredns-674b8bbfcf-7xk2p')).toBe('coredns…-7xk2p')
    expect(podLabel('web-5c94f75b5d-nmw2n')).toHaveLength(podLabelMax)
  })
})
