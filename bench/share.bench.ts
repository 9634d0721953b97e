/**
 * Share links, as figures (never pass/fail): for every lesson at its end, the link's length with
 * no typed commands and with 20 (the target: under 2,000 characters), by reference (an
 * unchanged lesson) and whole (as a custom scenario would travel), and the median time to encode
 * and to decode one. Run with `npm run bench`.
 */
import { loadScenario, scenarios } from '../src/scenarios/index.ts'
import { decodeShare, encodeShare } from '../src/share/codec.ts'
import type { SharePayload } from '../src/share/payload.ts'
import { createSimulation } from '../src/sim/index.ts'
import type { UserAction } from '../src/sim/protocol.ts'

const runs = Number(process.env.BENCH_RUNS ?? 50)

/** What a learner types in a lesson, cycled to any length. */
const typical = [
  'get pods -o wide',
  'describe pod nginx',
  'get nodes',
  'get events --sort-by=.lastTimestamp',
  'run web --image=nginx:1.27',
  'get pods -w',
  'logs nginx',
  'delete pod web',
  'get deployments',
  'create deployment api --image=nginx:1.27 --replicas=3',
]

function typed(count: number, untilMs: number): UserAction[] {
  return Array.from({ length: count }, (_, i) => ({
    at: { atMs: Math.floor(((i + 1) * untilMs) / (count + 1)), delivered: 40 + i * 17 },
    kubectl: typical[i % typical.length]!,
    requestId: `ui:${i + 1}`,
  }))
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

function time(fn: () => unknown): number {
  fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    fn()
    times.push(performance.now() - start)
  }
  return median(times)
}

console.log('share links: lesson at its end · link length · encode / decode (median)')
for (const { id } of scenarios) {
  const scenario = loadScenario(id)
  const sim = createSimulation(scenario)
  sim.runUntil(scenario.untilMs)
  // An unchanged lesson travels as {id, hash}; `whole` is the same lesson sent as a custom scenario.
  for (const [count, whole] of [
    [0, false],
    [20, false],
    [20, true],
  ] as const) {
    const payload: SharePayload = {
      scenario,
      ...(whole ? {} : { scenarioId: id }),
      userScript: typed(count, scenario.untilMs),
      position: { atMs: sim.now() },
      displayMs: sim.now(),
      view: { showAmbient: false, speed: 1, panels: { flows: true, details: true, console: true } },
    }
    const link = encodeShare(payload)
    const encodeMs = time(() => encodeShare(payload))
    const decodeMs = time(() => decodeShare(link))
    console.log(
      `  ${id.padEnd(18)} ${whole ? 'whole ' : 'by ref'} ${String(count).padStart(2)} typed` +
        `  ${String(link.length).padStart(5)} chars` +
        `  encode ${encodeMs.toFixed(2)} ms  decode ${decodeMs.toFixed(2)} ms`,
    )
  }
}
