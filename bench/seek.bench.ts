/**
 * Seeking, as figures (never pass/fail): a 30-minute run of a Deployment being reconciled (created,
 * a pod deleted and replaced, scaled, rolled to a new image, `kubectl get` every minute), then
 * seeks to random moments. Targets (issue 6): p95 under 50 ms, checkpoints under 50 MB.
 * Run with `npm run bench` (or `node --expose-gc --import tsx bench/seek.bench.ts` for the memory).
 */
import { parseScenario } from '../src/scenarios/index.ts'
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
const times: number[] = []
for (let i = 0; i < 200; i++) {
  const t = Math.floor(random() * scenario.untilMs)
  start = performance.now()
  sim.seek(t)
  times.push(performance.now() - start)
  sim.drain()
}
sim.seek(scenario.untilMs)
const same = sim.traceHash() === hash
times.sort((a, b) => a - b)
const pct = (p: number): string => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1)

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
row('seek: back to the end gives the same trace hash', same ? 'yes' : 'NO', hash)
