/**
 * Engine speed, as figures (never pass/fail): the event queue alone, a two-actor ping-pong through
 * the world loop, and the default scenario end to end. Run with `npm run bench`.
 */
import { loadScenario, defaultScenarioId } from '../src/scenarios/index.ts'
import type { ActorDef } from '../src/sim/engine/actor.ts'
import {
  addActor,
  createWorld,
  runUntil,
  scheduleInput,
  type ActorDefs,
  type Hooks,
} from '../src/sim/engine/engine.ts'
import { heapPop, heapPush, type Keyed } from '../src/sim/engine/queue.ts'
import { createSimulation } from '../src/sim/index.ts'
import type { Message } from '../src/sim/messages.ts'

const runs = Number(process.env.BENCH_RUNS ?? 7)

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** Runs `fn` `runs` times after one warm-up; returns the median wall ms and the last result. */
function measure<T>(fn: () => T, times_ = runs): { ms: number; result: T } {
  let result = fn()
  const times: number[] = []
  for (let i = 0; i < times_; i++) {
    const start = performance.now()
    result = fn()
    times.push(performance.now() - start)
  }
  return { ms: median(times), result }
}

const rate = (count: number, ms: number): string =>
  `${Math.round(count / (ms / 1000)).toLocaleString('en-US')}/s`
const print = (name: string, figure: string, note: string): void => {
  console.log(`${name.padEnd(56)} ${figure.padStart(12)}   ${note}`)
}

function fillDrainBench(): void {
  const n = 1_000_000
  const { ms } = measure(() => {
    const heap: Keyed[] = []
    let seed = 1
    for (let seq = 0; seq < n; seq++) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0
      heapPush(heap, { time: seed % 60_000, seq })
    }
    while (heapPop(heap)) {
      // drain
    }
  })
  print(
    'queue: fill with 1e6 events, then drain',
    rate(n, ms),
    `median ${ms.toFixed(1)} ms of ${runs}`,
  )
}

/**
 * The hold model, the classic measure of an event queue: a steady queue of pending events where
 * each delivery pops the earliest and schedules one later, as a running simulation does.
 */
function holdBench(pending: number): void {
  const n = 2_000_000
  const { ms } = measure(() => {
    const heap: Keyed[] = []
    let seed = 1
    let seq = 0
    for (; seq < pending; seq++) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0
      heapPush(heap, { time: seed % 1000, seq })
    }
    for (let i = 0; i < n; i++) {
      const e = heapPop(heap)!
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0
      e.time += 1 + (seed % 1000)
      e.seq = seq++
      heapPush(heap, e)
    }
  })
  print(`queue: hold model, ${pending.toLocaleString('en-US')} pending`, rate(n, ms), `median ${ms.toFixed(1)} ms of ${runs}`)
}

function pingPongBench(): void {
  const rounds = 200_000
  const ping: Message = { kind: 'apiserver.get', reqId: 'r', verb: 'get', path: '/healthz' }
  const pong: Message = { kind: 'apiserver.response', reqId: 'r', code: 200, body: 'ok' }
  const player = (
    kind: 'kubectl' | 'kube-apiserver',
    other: string,
    reply: Message,
  ): ActorDef<{ left: number }> => ({
    kind,
    receive(state, _msg, ctx) {
      if (state.left-- > 0) ctx.send(other, reply)
    },
    input(_state, _input, ctx) {
      ctx.send(other, reply)
    },
  })
  const defs = {
    kubectl: player('kubectl', 'kube-apiserver:0', ping),
    'kube-apiserver': player('kube-apiserver', 'kubectl', pong),
  } as ActorDefs
  const hooks: Hooks = { script: () => {} }
  const { ms, result } = measure(() => {
    const world = createWorld(1, 0)
    addActor(world, 'kubectl', 'kubectl', { left: rounds / 2 })
    addActor(world, 'kube-apiserver:0', 'kube-apiserver', { left: rounds / 2 })
    scheduleInput(world, 'kubectl', { line: 'ping' })
    runUntil(world, defs, hooks, Number.MAX_SAFE_INTEGER)
    return world.delivered
  })
  print(
    `engine: two-actor ping-pong (${result.toLocaleString('en-US')} deliveries)`,
    rate(result, ms),
    `median ${ms.toFixed(1)} ms of ${runs}`,
  )
}

function scenarioBench(): void {
  const scenario = loadScenario(defaultScenarioId)
  // A run is short, so take more of them: the first few still carry the JIT's warm-up.
  const scenarioRuns = Math.max(runs, 31)
  const { ms, result } = measure(() => {
    const sim = createSimulation(scenario)
    sim.runUntil(scenario.untilMs)
    return sim
  }, scenarioRuns)
  const delivered = result.deliveredCount()
  const hash = result.traceHash()
  const label = `scenario ${defaultScenarioId} to ${scenario.untilMs / 1000}s`
  print(
    `${label}: deliveries`,
    rate(delivered, ms),
    `${delivered} deliveries, trace ${hash}`,
  )
  print(
    `${label}: wall time`,
    `${ms.toFixed(1)} ms`,
    `median of ${scenarioRuns} runs in Node ${process.version}`,
  )
}

console.log(`kube-anatomy engine bench (figures only; BENCH_RUNS=${runs})`)
holdBench(1_000)
holdBench(100_000)
fillDrainBench()
pingPongBench()
scenarioBench()
