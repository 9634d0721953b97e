/**
 * Seeking, as figures (never pass/fail): a 30-minute run of a Deployment being reconciled (created,
 * a pod deleted and replaced, scaled, rolled to a new image, `kubectl get` every minute), then
 * seeks to random moments. Targets (issue 6): p95 under 50 ms, checkpoints under 50 MB.
 * Run with `npm run bench` (or `node --expose-gc --import tsx bench/seek.bench.ts` for the memory).
 */
import { loadScenario, parseScenario } from '../src/scenarios/index.ts'
import { createSimulation } from '../src/sim/index.ts'

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "nginx:1.27"}]
`
const lines = [
  '{at: 0s, apply: ' + JSON.stringify(deployment) + '}',
  '{at: 2m, kubectl: "delete pod -l app=web --wait=false"}',
  '{at: 5m, kubectl: "scale deployment web --replicas=5"}',
  '{at: 8m, kubectl: "set image deployment/web web=nginx:1.28"}',
  '{at: 15m, kubectl: "scale deployment web --replicas=2"}',
]
for (let m = 1; m < 30; m++) lines.push(`{at: ${m}m30s, kubectl: "get pods -o wide"}`)
const yaml = `title: Deployment, 30 minutes
seed: 7
cluster:
  nodes:
    - {name: node-1, cpu: "4", memory: 8Gi}
    - {name: node-2, cpu: "4", memory: 8Gi}
    - {name: node-3, cpu: "4", memory: 8Gi}
script:
${lines.map((l) => `  - ${l}`).join('\n')}
until: 30m
`
const parsed = parseScenario(yaml)
if (!parsed.ok) throw new Error(parsed.error)
const scenario = parsed.scenario

const gc = (globalThis as { gc?: () => void }).gc
const heap = (): number => {
  gc?.()
  return process.memoryUsage().heapUsed
}

const before = heap()
const sim = createSimulation(scenario)
let start = performance.now()
sim.runUntil(scenario.untilMs)
const runMs = performance.now() - start
// The worker drains observations every frame; a headless run keeps them unless told.
sim.drain()
const hash = sim.traceHash()
const flows = sim.flows().length
const held = heap() - before

// A seeded generator: the same targets every run.
let seed = 12345
const random = (): number => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0
  return seed / 2 ** 32
}
/** Wall and CPU ms of each seek (CPU time is less disturbed by other processes on a shared box). */
const seeks = (on: typeof sim, untilMs: number): { wall: number[]; cpu: number[] } => {
  const wall: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < 200; i++) {
    const t = Math.floor(random() * untilMs)
    const c0 = process.cpuUsage()
    start = performance.now()
    on.seek(t)
    wall.push(performance.now() - start)
    const c = process.cpuUsage(c0)
    cpu.push((c.user + c.system) / 1000)
    on.drain()
  }
  return { wall: wall.sort((a, b) => a - b), cpu: cpu.sort((a, b) => a - b) }
}
const { wall: times, cpu } = seeks(sim, scenario.untilMs)
sim.seek(scenario.untilMs)
const same = sim.traceHash() === hash
const pctOf = (list: number[], p: number): string => list[Math.min(list.length - 1, Math.floor(p * list.length))]!.toFixed(1)
const pct = (p: number): string => pctOf(times, p)

// The object inspector and the cause tree at the end of the run, for its first object and flow.
start = performance.now()
const podKey = Object.keys(sim.objects()).find((k) => k.startsWith('/registry/pods/default/web-'))!
const history = sim.objectHistory(podKey)
const historyMs = performance.now() - start
start = performance.now()
const tree = sim.causeTree('flow:1')
const treeMs = performance.now() - start
// What the worker pays per frame while the page follows that flow (the index is built by now).
start = performance.now()
for (let i = 0; i < 10; i++) sim.causeTree('flow:1')
const treeAgainMs = (performance.now() - start) / 10
start = performance.now()
for (let i = 0; i < 10; i++) sim.objectHistory(podKey)
const historyAgainMs = (performance.now() - start) / 10

// The Deployment lesson itself, its script run on to 30 minutes.
const lesson = { ...loadScenario('lesson-deployment'), untilMs: 30 * 60_000 }
const lessonSim = createSimulation(lesson)
lessonSim.runUntil(lesson.untilMs)
lessonSim.drain()
const lessonSeeks = seeks(lessonSim, lesson.untilMs)

const row = (name: string, figure: string, note: string): void => {
  console.log(`${name.padEnd(56)} ${figure.padStart(12)}   ${note}`)
}
row('seek: 30-minute Deployment run, straight', `${runMs.toFixed(0)} ms`, `${flows} flows, ${sim.checkpoints().count} checkpoints every ${sim.checkpoints().everyMs / 1000} s`)
row('seek: to a random moment (200 seeks)', `p95 ${pct(0.95)} ms`, `p50 ${pct(0.5)} ms, max ${pct(0.999)} ms; target p95 < 50 ms`)
row(
  'seek: heap held by the run and its checkpoints',
  gc ? `${(held / 2 ** 20).toFixed(1)} MB` : 'n/a',
  gc ? 'world, flows and checkpoints; target < 50 MB' : 'run node with --expose-gc for this figure',
)
row('seek: CPU time per seek (same 200 seeks)', `p95 ${pctOf(cpu, 0.95)} ms`, `p50 ${pctOf(cpu, 0.5)} ms; wall time above includes waiting for a shared CPU`)
row('seek: back to the end gives the same trace hash', same ? 'yes' : 'NO', hash)
row('seek: the Deployment lesson run on to 30 minutes, 200 seeks', `p95 ${pctOf(lessonSeeks.wall, 0.95)} ms`, `CPU p95 ${pctOf(lessonSeeks.cpu, 0.95)} ms; ${lessonSim.flows().length} flows, ${lessonSim.checkpoints().count} checkpoints`)
row('inspector: object history of a pod, first ask at the end', `${historyMs.toFixed(1)} ms`, `${history?.revisions.length ?? 0} versions of ${podKey}; then ${historyAgainMs.toFixed(2)} ms per ask`)
row('inspector: cause tree of the first flow, first ask at the end', `${treeMs.toFixed(1)} ms`, `${tree?.descendants.length ?? 0} descendants over ${flows} flows; then ${treeAgainMs.toFixed(2)} ms per ask`)
