/**
 * kube-scheduler speed, as figures (never pass/fail): 3,000 pending pods onto 100 and onto 1,000
 * nodes, as pods per second of wall time. First the decide path alone (a scheduling cycle plus
 * the assume that updates the scheduler cache), then end to end through the engine (watch
 * events in, cycles on timers, bindings out through the apiserver and etcd). Run with
 * `npm run bench` or `node --import tsx bench/scheduler.bench.ts`.
 */
import { nodeObject } from '../src/sim/cluster/bootstrap-objects.ts'
import { defaultConfig, newCycle } from '../src/sim/actors/scheduler/cycle.ts'
import { schedulePod } from '../src/sim/actors/scheduler/decide.ts'
import { addPod, newCache, upsertNode } from '../src/sim/actors/scheduler/node-info.ts'
import { createSimulation } from '../src/sim/index.ts'
import type { KObject, NodeSpec, Scenario } from '../src/sim/protocol.ts'

const pods = Number(process.env.BENCH_PODS ?? 3000)
const runs = Number(process.env.BENCH_RUNS ?? 5)
/**
 * Untimed runs before the timed ones, end to end. The first pays for compiling kube-apiserver's,
 * etcd's and the engine's code; the next ones still run slower (on this machine ~300, ~210, ~180,
 * then ~150–170 ms) while V8 moves the hot handlers to its optimizing tiers and grows its young
 * generation to the size it keeps. Timed is that steady state, as a long session in the app runs.
 */
const warmups = Math.max(1, Number(process.env.BENCH_WARMUP ?? 3))

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

const rate = (count: number, ms: number): string => `${Math.round(count / (ms / 1000)).toLocaleString('en-US')}/s`
const print = (name: string, figure: string, note: string): void => {
  console.log(`${name.padEnd(56)} ${figure.padStart(12)}   ${note}`)
}

const spec = (i: number): NodeSpec => ({
  name: `node-${i + 1}`,
  cpu: '32',
  memory: '128Gi',
  pods: 110,
  labels: { 'topology.kubernetes.io/zone': `zone-${i % 3}` },
  taints: [],
  images: [],
})

/** A pending pod as admission leaves it: requests, the default tolerations, priority 0. */
function pod(i: number): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p-${i}`, namespace: 'default', uid: `uid-${i}`, labels: { app: `app-${i % 10}` } },
    spec: {
      containers: [{ name: 'c', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '128Mi' } } }],
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
      priority: 0,
      schedulerName: 'default-scheduler',
    },
    status: { phase: 'Pending', qosClass: 'Burstable' },
  }
}

/** The decide path: one cycle per pod, then assume it on the winner. */
function decidePath(nodeCount: number): number {
  const cache = newCache()
  for (let i = 0; i < nodeCount; i++) upsertNode(cache, nodeObject(spec(i), { hostIP: '10.0.0.11', podCIDR: '10.244.1.0/24' }, 0, 'v1.34.0'))
  const all: Record<string, KObject> = {}
  const owners = { services: {}, replicasets: {}, statefulsets: {}, replicationcontrollers: {} }
  const cfg = defaultConfig()
  let seed = 1
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed / 2147483648
  }
  let start = 0
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  for (let i = 0; i < pods; i++) {
    const p = pod(i)
    const key = `default/p-${i}`
    all[key] = p
    const c = newCycle(key, p, all, cache, owners, cfg, {})
    const { decision, nextStartIndex } = schedulePod(c, { atMs: i, attempt: 1, startIndex: start }, random)
    start = nextStartIndex
    if (!decision.winner) throw new Error(`${key} found no node`)
    addPod(cache, key, p, decision.winner)
  }
  const cpu = process.cpuUsage(cpu0)
  lastCpuMs = (cpu.user + cpu.system) / 1000
  return performance.now() - t0
}

/** CPU ms of the last measured run: on a loaded machine wall time overstates the work. */
let lastCpuMs = 0

function manifest(count: number): string {
  const docs: string[] = []
  for (let i = 0; i < count; i++) {
    docs.push(
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p-${i}\n  labels: {app: app-${i % 10}}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n    resources: {requests: {cpu: 100m, memory: 128Mi}}\n`,
    )
  }
  return docs.join('---\n')
}

const isPodKey = (key: string): boolean => key.startsWith('/registry/pods/')
const boundIn = (o: KObject | null): boolean => !!(o?.spec as { nodeName?: string } | undefined)?.nodeName

/**
 * End to end, measured the way scheduler_perf (test/integration/scheduler_perf) measures
 * SchedulingThroughput: a control plane of kube-apiserver, etcd and kube-scheduler only, nodes
 * that exist as objects with no kubelet behind them, and pods waiting to be scheduled. The
 * kubelets and kube-controller-manager are stopped at the start (no kubelet starts containers, and
 * no node-lifecycle controller taints the silent nodes NotReady after its 40 s grace period), and
 * kube-scheduler is stopped while `kubectl create` writes every pod. Timed is the wall time from
 * starting kube-scheduler (its LIST of 3,000 pending pods included) until etcd holds every pod
 * with spec.nodeName, each written through the pods/binding subresource.
 */
function engine(nodeCount: number): { ms: number; cpuMs: number; virtualMs: number } {
  const stop = (component: string) => ({ atMs: 0, fault: { kind: 'stop-component' as const, component } })
  const scenario: Scenario = {
    title: 'scheduler bench',
    seed: 1,
    startTime: '2026-01-01T00:00:00Z',
    cluster: {
      version: 'v1.34',
      controlPlane: { apiservers: 1, etcd: 1 },
      serviceCIDR: '10.96.0.0/12',
      podCIDR: '10.244.0.0/16',
      cloud: false,
      addons: [],
      nodes: Array.from({ length: nodeCount }, (_, i) => spec(i)),
    },
    registry: { images: [] },
    script: [
      stop('kube-scheduler'),
      stop('kube-controller-manager'),
      ...Array.from({ length: nodeCount }, (_, i) => ({ atMs: 0, fault: { kind: 'stop-kubelet' as const, node: `node-${i + 1}` } })),
    ],
    chapters: [],
    untilMs: 600_000,
  }
  const sim = createSimulation(scenario)
  sim.runUntil(1)
  sim.kubectl('create -f -', manifest(pods))
  // Every pod written (the scheduler is down, so none is bound yet).
  const created = new Set<string>()
  while (created.size < pods && sim.now() < 600_000) {
    sim.runUntil(sim.now() + 1_000)
    for (const o of sim.drain()) if (o.type === 'object' && isPodKey(o.change.key) && o.change.object) created.add(o.change.key)
  }
  if (created.size < pods) throw new Error(`only ${created.size} of ${pods} pods were created`)
  const bound = new Set<string>()
  const from = sim.now()
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  if (sim.fault({ kind: 'start-component', component: 'kube-scheduler' })) throw new Error('kube-scheduler did not start')
  // Look every 50 virtual ms (15 or so cycles of 2–5 ms) at the object changes etcd committed.
  while (bound.size < pods && sim.now() < from + 600_000) {
    sim.runUntil(sim.now() + 50)
    for (const o of sim.drain()) if (o.type === 'object' && isPodKey(o.change.key) && boundIn(o.change.object)) bound.add(o.change.key)
  }
  const ms = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  if (bound.size < pods) throw new Error(`only ${bound.size} of ${pods} pods were bound in 600 virtual s`)
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, virtualMs: sim.now() - from }
}

console.log(`kube-scheduler: ${pods.toLocaleString('en-US')} pending pods (100m cpu, 128Mi each), median of ${runs}`)
// BENCH_SKIP_DECIDE=1 leaves out the decide-path runs (to time the engine alone).
for (const n of process.env.BENCH_SKIP_DECIDE ? [] : [100, 1000]) {
  const times: number[] = []
  const cpus: number[] = []
  decidePath(n)
  for (let i = 0; i < runs; i++) {
    times.push(decidePath(n))
    cpus.push(lastCpuMs)
  }
  const ms = median(times)
  const cpuMs = median(cpus)
  print(`decide path, ${n} nodes`, rate(pods, ms), `${ms.toFixed(0)} ms wall for ${pods} pods (${rate(pods, cpuMs)} per CPU second)`)
}
// BENCH_ENGINE_NODES=100 limits the end-to-end runs (each builds a whole cluster).
for (const n of (process.env.BENCH_ENGINE_NODES ?? '100,1000').split(',').map(Number)) {
  if (process.env.BENCH_SKIP_ENGINE) break
  const cold = engine(n)
  const warming = Array.from({ length: warmups - 1 }, () => engine(n).ms)
  const results = Array.from({ length: runs }, () => engine(n))
  const ms = median(results.map((r) => r.ms))
  const cpuMs = median(results.map((r) => r.cpuMs))
  const virtualMs = results[0]!.virtualMs
  print(
    `through the engine, ${n} nodes`,
    rate(pods, ms),
    `${ms.toFixed(0)} ms wall (${rate(pods, cpuMs)} per CPU second), ${(virtualMs / 1000).toFixed(1)} s virtual; untimed first: ${[cold.ms, ...warming].map((ms) => ms.toFixed(0)).join(', ')} ms`,
  )
}
