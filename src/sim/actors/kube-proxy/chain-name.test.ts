import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { endpointChain, servicePortChain, sha256 } from './chain-name.ts'

describe('kube-proxy chain names', () => {
  it('hashes as node does', () => {
    for (const s of ['', 'abc', 'default/web:httptcp', 'x'.repeat(200)])
      expect(Buffer.from(sha256(s)).toString('hex')).toBe(createHash('sha256').update(s).digest('hex'))
  })

  it('matches the chain names of real clusters', () => {
    expect(servicePortChain('KUBE-SVC-', 'kube-system/kube-dns:dns', 'udp')).toBe('KUBE-SVC-TCOU7JCQXEZGVUNU')
    expect(servicePortChain('KUBE-SVC-', 'default/kubernetes:https', 'TCP')).toBe('KUBE-SVC-NPX46M4PTMTKRN6Y')
    expect(servicePortChain('KUBE-SVC-', 'default/web:http', 'tcp')).toBe('KUBE-SVC-CDGGSHYLG3RE2FKL')
    expect(endpointChain('default/web:http', 'tcp', '10.244.1.5:80')).toMatch(/^KUBE-SEP-[A-Z2-7]{16}$/)
  })
})
