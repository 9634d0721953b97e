import { describe, expect, it } from 'vitest'
import { createSimulation } from './index.ts'
import type { Scenario } from './protocol.ts'
import { scenario } from './testing/test-cluster.ts'

/**
 * Streams that stay open across checkpoints (logs -f, a long exec) are plain state like the rest:
 * seeking back into the middle of one and running on gives the straight run, byte for byte.
 */
const withStreams: Scenario = scenario({
  cluster: { ...scenario().cluster, addons: ['coredns'] },
  script: [
    { atMs: 0, kubectl: `run ticker --image=busybox:1.36 -- sh -c 'while true; do date; sleep 2; done'` },
    { atMs: 0, kubectl: 'run web --image=nginx:1.27' },
    { atMs: 15_000, kubectl: 'logs -f ticker' },
    { atMs: 16_000, kubectl: 'exec web -- curl -sS -m 20 http://10.99.99.99' },
    { atMs: 17_000, kubectl: 'exec ticker -- nslookup kubernetes.default' },
  ],
  untilMs: 50_000,
})

describe('seek with open streams', () => {
  it('a seek into an open logs -f and a running exec replays to the same trace', () => {
    const straight = createSimulation(withStreams)
    straight.runUntil(withStreams.untilMs)
    const hash = straight.traceHash()
    // The exec's curl ran its 20 s and ended; the follow is still open at the end.
    expect(straight.kubectlResults().find((r) => r.line.startsWith('exec web'))).toMatchObject({ exitCode: 28 })
    for (const t of [15_500, 21_000, 33_333]) {
      const sim = createSimulation(withStreams)
      sim.runUntil(45_000)
      sim.seek(t)
      sim.runUntil(withStreams.untilMs)
      expect(sim.traceHash(), `seek to ${t}`).toBe(hash)
    }
  })
})
