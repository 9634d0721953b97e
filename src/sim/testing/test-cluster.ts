/**
 * A driver for engine tests: build a cluster, type kubectl, run time forward, then ask about flows,
 * objects and answers. Tests read like a session at a terminal.
 */
import { createSimulation, type Simulation } from '../index.ts'
import type { Flow, FlowKind, KObject, KubectlResult, NodeSpec, Scenario } from '../protocol.ts'

export function node(name: string, extra: Partial<NodeSpec> = {}): NodeSpec {
  return { name, cpu: '4', memory: '8Gi', pods: 110, labels: {}, taints: [], images: [], ...extra }
}

export function scenario(extra: Partial<Scenario> = {}): Scenario {
  return {
    title: 'test',
    seed: 42,
    startTime: '2026-01-01T00:00:00Z',
    cluster: {
      version: 'v1.34',
      controlPlane: { apiservers: 1, etcd: 1 },
      serviceCIDR: '10.96.0.0/12',
      podCIDR: '10.244.0.0/16',
      cloud: false,
      addons: [],
      nodes: [node('node-1'), node('node-2'), node('node-3')],
    },
    registry: { images: [] },
    script: [],
    chapters: [],
    untilMs: 60_000,
    ...extra,
  }
}

export interface FlowQuery {
  kind?: FlowKind
  from?: string
  to?: string
  label?: string | RegExp
}

export class TestCluster {
  readonly sim: Simulation

  constructor(s: Scenario = scenario()) {
    this.sim = createSimulation(s)
  }

  /** Types a line and runs until kubectl answers (or `limitMs` passes); returns the answer. */
  kubectl(line: string, limitMs = 60_000): KubectlResult {
    const before = this.sim.kubectlResults().length
    this.sim.kubectl(line)
    const end = this.sim.now() + limitMs
    while (this.sim.kubectlResults().length === before && this.sim.now() < end) {
      const next = this.sim.nextEventTime()
      if (next === undefined || next > end) break
      this.sim.runUntil(next)
    }
    const result = this.sim.kubectlResults()[before]
    if (!result) throw new Error(`kubectl ${line}: no answer within ${limitMs} ms`)
    return result
  }

  /** Types a line with `stdin` (`apply -f -`) and runs until kubectl answers. */
  kubectlStdin(line: string, stdin: string, limitMs = 60_000): KubectlResult {
    const before = this.sim.kubectlResults().length
    this.sim.kubectl(line, stdin)
    const end = this.sim.now() + limitMs
    while (this.sim.kubectlResults().length === before && this.sim.now() < end) {
      const next = this.sim.nextEventTime()
      if (next === undefined || next > end) break
      this.sim.runUntil(next)
    }
    const result = this.sim.kubectlResults()[before]
    if (!result) throw new Error(`kubectl ${line}: no answer within ${limitMs} ms`)
    return result
  }

  /** Runs `ms` more virtual milliseconds. */
  run(ms: number): this {
    this.sim.runUntil(this.sim.now() + ms)
    return this
  }

  /** Runs until the predicate holds, checking after every event. */
  runUntil(predicate: () => boolean, limitMs = 120_000): this {
    const end = this.sim.now() + limitMs
    while (!predicate()) {
      const next = this.sim.nextEventTime()
      if (next === undefined || next > end) throw new Error('condition not reached in time')
      this.sim.runUntil(next)
    }
    return this
  }

  flows(q: FlowQuery = {}): Flow[] {
    return this.sim.flows().filter(
      (f) =>
        (!q.kind || f.kind === q.kind) &&
        (!q.from || f.from === q.from) &&
        (!q.to || f.to === q.to) &&
        (!q.label || (typeof q.label === 'string' ? f.label === q.label : q.label.test(f.label))),
    )
  }

  object(key: string): KObject | undefined {
    return this.sim.objects()[key]
  }

  pod(name: string, namespace = 'default'): KObject | undefined {
    return this.object(`/registry/pods/${namespace}/${name}`)
  }

  status(name: string): string | undefined {
    return this.sim.podViews().find((p) => p.name === name)?.status
  }

  /** The chain of causes from a flow up to its root, root first. */
  causeChain(flowId: string): Flow[] {
    const flows = this.sim.flows()
    const chain: Flow[] = []
    let id: string | null = flowId
    while (id) {
      const f: Flow | undefined = flows[Number(id.slice(5)) - 1]
      if (!f) break
      chain.unshift(f)
      id = f.causeId
    }
    return chain
  }
}

/**
 * A cluster whose etcd has three members, two of which stop after `afterMs`: one member is left,
 * with no quorum (its leader steps down an election timeout later).
 */
export function withoutEtcdQuorum(afterMs = 1_000): TestCluster {
  const c = new TestCluster(scenario({ cluster: { ...scenario().cluster, controlPlane: { apiservers: 1, etcd: 3 } } }))
  c.run(afterMs)
  c.sim.fault({ kind: 'stop-etcd-member', member: 1 })
  c.sim.fault({ kind: 'stop-etcd-member', member: 2 })
  return c
}
