/** Strict decoding and quantity parse errors, with apimachinery's texts. */
import { describe, expect, it } from 'vitest'
import { decodeError, quantityError } from './decode.ts'
import { applyKindDefaults } from './defaults.ts'
import type { KObject } from '../../protocol.ts'

describe('decodeError', () => {
  it('names every unknown field by its path, lists by index', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labelz: {} }, spec: { containers: [{ name: 'c', image: 'i', imagePullPolicyy: 'Always' }] } }
    expect(decodeError('v1', 'Pod', pod)).toBe(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "metadata.labelz", unknown field "spec.containers[0].imagePullPolicyy"',
    )
  })

  it('accepts fields added after the generated schema (v1.34) and kinds it has no schema for', () => {
    expect(decodeError('v1', 'Pod', { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: { resources: { limits: { cpu: '1' } }, containers: [] } })).toBeNull()
    expect(decodeError('example.com/v1', 'Widget', { spec: { anything: 1 } })).toBeNull()
  })

  it('a malformed quantity fails the decode first', () => {
    expect(quantityError('12GB')).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
    expect(quantityError('1K')).toBe("unable to parse quantity's suffix")
    expect(quantityError('1.2.3')).toBe('unable to parse numeric part of quantity')
    expect(quantityError('500m')).toBeNull()
    expect(quantityError(2)).toBeNull()
  })
})

describe('applyKindDefaults', () => {
  it('gives a Deployment its FIDELITY.md §5.6 defaults and its template the PodSpec ones', () => {
    const d = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx' }] } } } } as unknown as KObject
    applyKindDefaults('Deployment', d)
    expect(d.spec).toEqual({
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: {
        metadata: {},
        spec: {
          restartPolicy: 'Always',
          dnsPolicy: 'ClusterFirst',
          terminationGracePeriodSeconds: 30,
          schedulerName: 'default-scheduler',
          securityContext: {},
          containers: [{ name: 'c', image: 'nginx', imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', resources: {} }],
        },
      },
    })
  })
})
