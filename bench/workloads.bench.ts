/**
 * Workload figures (never pass/fail): the wall time for a Deployment to have every replica Ready,
 * 100 replicas on 10 nodes and 1,000 on 100 nodes, through every real hop (deployment and
 * replicaset controllers, scheduler, kubelets, runtimes). Run with `npm run bench`.
 */
import { createSimulation } from '../src/sim/index.ts'
import type { Scenario } from '../src/sim/protocol.ts'
import { webDeploymentYaml } from '../src/sim/testing/manifests.ts'
import { node, scenario } from '../src/sim/testing/test-cluster.ts'

function cluster(nodes: number): Scenario {
  const s = scenario()
  s.cluster.nodes = Array.from({ length: nodes }, (_, i) => node(`node-${i + 1}`, { images: [{ names: ['docker.io/library/nginx:1.25', 'nginx:1.25'], sizeBytes: 70_544_635 }] }))
  return s
}


const deploymentKey = '/registry/deployments/default/web'

/**
 * The Deployment's readyReplicas as etcd last committed it, read from the object changes the
 * engine reports (what the worker forwards to the page), so looking costs nothing next to the run.
 */
function readyCount(sim: ReturnType<typeof createSimulation>, last: number): number {
  let ready = last
  for (const o of sim.drain()) {
    if (o.type !== 'object' || o.change.key !== deploymentKey) continue
    ready = (o.change.object?.status as { readyReplicas?: number } | undefined)?.readyReplicas ?? 0
  }
  return ready
}

function run(replicas: number, nodes: number): { wallMs: number; cpuMs: number; virtualMs: number; flows: number } {
  const sim = createSimulation(cluster(nodes))
  const start = performance.now()
  const cpu = process.cpuUsage()
  // What a learner types: kubectl parses the manifest and POSTs it to kube-apiserver (timed too).
  sim.kubectl('create -f -', webDeploymentYaml(replicas, 'nginx:1.25'))
  // Look every 250 virtual ms: the Deployment's readyReplicas is what `kubectl rollout status` reads.
  let ready = 0
  while ((ready = readyCount(sim, ready)) < replicas && sim.now() < 600_000) sim.runUntil(sim.now() + 250)
  const used = process.cpuUsage(cpu)
  return { wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000, virtualMs: sim.now(), flows: sim.flows().length }
}

const print = (name: string, figure: string, note: string): void => {
  console.log(`${name.padEnd(56)} ${figure.padStart(12)}   ${note}`)
}

const runs = Number(process.env.BENCH_RUNS ?? 3)

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

for (const [replicas, nodes] of [
  [100, 10],
  [1000, 100],
] as const) {
  run(replicas, nodes) // warm-up
  const results = Array.from({ length: runs }, () => run(replicas, nodes))
  const r = results[0]!
  const wall = median(results.map((x) => x.wallMs))
  const cpu = median(results.map((x) => x.cpuMs))
  // CPU time beside wall time: on a shared, loaded machine the wall figure mostly measures the others.
  print(
    `Deployment ${replicas} replicas on ${nodes} nodes to all-Ready`,
    `${wall.toFixed(0)} ms`,
    `median of ${runs}; CPU ${cpu.toFixed(0)} ms, ${(r.virtualMs / 1000).toFixed(1)} s virtual, ${r.flows.toLocaleString('en-US')} flows`,
  )
}
