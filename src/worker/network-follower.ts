/**
 * Follows the request path for the page: the traffic source's counters whenever they change, and
 * the rules of the kube-proxy the person is reading whenever that kube-proxy syncs.
 */
import type { Simulation } from '../sim/index.ts'
import type { Update } from '../sim/protocol.ts'

export interface NetworkFollower {
  follow(node: string | null): void
  attach(sim: Simulation, update: Update): void
  reset(): void
}

export function createNetworkFollower(): NetworkFollower {
  let node: string | null = null
  let sentRules: string | null = null
  let sentTraffic = ''
  return {
    follow(next) {
      node = next
      sentRules = null
    },
    reset() {
      sentRules = null
      sentTraffic = ''
    },
    attach(sim, update) {
      const traffic = sim.trafficView()
      const sig = `${traffic.running}:${traffic.sent}:${traffic.ok}:${traffic.refused}:${traffic.note ?? ''}:${traffic.service ?? ''}`
      if (sig !== sentTraffic) {
        sentTraffic = sig
        update.traffic = traffic
      }
      if (node === null) return
      const rules = sim.proxyRules(node)
      const rsig = rules ? `${node}:${rules.syncs}:${rules.text.length}` : `${node}:none`
      if (rsig === sentRules) return
      sentRules = rsig
      update.proxyRules = rules
    },
  }
}
