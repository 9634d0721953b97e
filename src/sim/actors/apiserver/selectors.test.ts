import { describe, expect, it } from 'vitest'
import type { KObject } from '../../protocol.ts'
import { matchesFieldSelector, matchesLabelSelector } from './selectors.ts'

const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', labels: { app: 'web', tier: 'front' } }, spec: { nodeName: 'node-1' }, status: { phase: 'Running' } } as KObject

describe('selectors (parsed once per text)', () => {
  it.each([
    ['', true],
    ['spec.nodeName=node-1', true],
    ['spec.nodeName==node-1', true],
    ['spec.nodeName=node-2', false],
    ['status.phase!=Succeeded,status.phase!=Failed', true],
    ['status.phase!=Running', false],
    ['metadata.name=web,spec.nodeName=node-1', true],
    ['spec.missing=', true],
  ])('field selector %j matches: %s', (selector, want) => {
    expect(matchesFieldSelector(pod, selector)).toBe(want)
    expect(matchesFieldSelector(pod, selector)).toBe(want)
  })

  it.each([
    ['', true],
    ['app=web', true],
    ['app==web,tier=front', true],
    ['app=db', false],
    ['tier!=back', true],
    ['tier!=front', false],
    ['app', true],
    ['gone', false],
  ])('label selector %j matches: %s', (selector, want) => {
    expect(matchesLabelSelector(pod, selector)).toBe(want)
    expect(matchesLabelSelector(pod, selector)).toBe(want)
  })
})
