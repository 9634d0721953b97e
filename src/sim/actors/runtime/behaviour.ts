/**
 * How a container's process behaves, read from its real spec first: `sh -c "exit 3"` exits 3,
 * `sleep 30` runs 30 s, `echo hi` prints hi and exits 0, `touch /tmp/healthy; sleep 30; rm
 * /tmp/healthy` makes that file exist for 30 s (an exec probe `cat /tmp/healthy` sees it), and
 * `while true; do echo tick; sleep 5; done` prints forever. With no command the image's own
 * entrypoint runs: shells (busybox, alpine, ubuntu…) exit 0 at once, servers (nginx, redis, httpd…)
 * run until stopped. What a spec cannot say comes from the pod annotation
 * `kube-anatomy.dev/behaviour` (annotation.ts).
 *
 * A shell or sleep as PID 1 has no SIGTERM handler, so it only dies to SIGKILL at the end of the
 * grace period; servers such as nginx exit promptly on SIGTERM.
 */
import { applyAnnotation, type ProbeAnswer } from './annotation.ts'
import { imageLogs } from './image-logs.ts'

export interface Behaviour {
  /** Exits by itself after this many ms, with `exitCode`. */
  exitAfterMs?: number
  exitCode: number
  ignoresSigterm: boolean
  /** Resident memory once started, and its growth per second (a leak), in bytes. */
  memoryBytes: number
  leakBytesPerSec: number
  /** Files the process creates: path → [created, removed or null], ms after start. */
  files: Record<string, [number, number | null]>
  /** Lines printed: [ms after start, text]; a loop repeats `loop` every `loopMs`. */
  logs: [number, string][]
  loop?: { startMs: number; periodMs: number; lines: [number, string][] }
  /** Probe answers the annotation sets, by probe kind. */
  probes: Partial<Record<'liveness' | 'readiness' | 'startup', ProbeAnswer>>
}

/** Images whose default command is a shell: with no stdin it exits 0 at once. */
const shellImages = ['busybox', 'alpine', 'ubuntu', 'debian', 'centos', 'fedora', 'perl', 'python']

function imageName(image: string): string {
  const last = image.split('/').pop() ?? image
  return last.split(/[:@]/)[0] ?? last
}

function secondsOf(text: string | undefined): number {
  const n = Number(text ?? 0)
  return Number.isFinite(n) ? Math.round(n * 1000) : 0
}

/** Splits a shell script into simple commands; `while true; do …; done` becomes one loop. */
function splitScript(script: string): string[] {
  return script
    .split(/;|&&|\n/)
    .map((s) => s.trim())
    .filter(Boolean)
}

function unquote(s: string): string {
  return s.replace(/^(['"])(.*)\1$/, '$2')
}

interface Run {
  elapsed: number
  b: Behaviour
}

/** Runs one simple command of the script; returns true when the process ends there. */
function step(run: Run, cmd: string, into: [number, string][]): boolean {
  const [prog = '', ...rest] = cmd.split(/\s+/)
  const arg = rest.join(' ')
  switch (prog) {
    case 'sleep':
      if (rest[0] === 'infinity') {
        run.elapsed = Number.POSITIVE_INFINITY
        return true
      }
      run.elapsed += secondsOf(rest[0])
      return false
    case 'echo':
    case 'printf':
      into.push([run.elapsed, unquote(arg).replace(/\\n$/, '')])
      return false
    case 'date':
      into.push([run.elapsed, '@date'])
      return false
    case 'touch':
      for (const f of rest) run.b.files[f] = [run.elapsed, null]
      return false
    case 'rm':
      for (const f of rest.filter((x) => !x.startsWith('-'))) if (run.b.files[f]) run.b.files[f]![1] = run.elapsed
      return false
    case 'exit':
      run.b.exitAfterMs = run.elapsed + 5
      run.b.exitCode = Number(rest[0] ?? 0) || 0
      return true
    case 'false':
      run.b.exitAfterMs = run.elapsed + 5
      run.b.exitCode = 1
      return true
    default:
      return false
  }
}

export interface ContainerSpec {
  name: string
  image: string
  command?: string[]
  args?: string[]
}

/** The behaviour of one container, from its spec and the pod's behaviour annotation. */
export function behaviourOf(spec: ContainerSpec | string[] | undefined, argsOrNothing?: string[], annotation?: string): Behaviour {
  // Older callers pass (command, args).
  const c: ContainerSpec = Array.isArray(spec) || spec === undefined ? { name: '', image: '', ...(spec ? { command: spec } : {}), ...(argsOrNothing ? { args: argsOrNothing } : {}) } : spec
  const b: Behaviour = { exitCode: 0, ignoresSigterm: false, memoryBytes: 0, leakBytesPerSec: 0, files: {}, logs: [], probes: {} }
  const argv = [...(c.command ?? []), ...(c.args ?? [])]
  if (argv.length === 0) {
    if (shellImages.includes(imageName(c.image))) {
      b.exitAfterMs = 5
      b.ignoresSigterm = true
    }
    b.logs = imageLogs(imageName(c.image))
  } else {
    const shell = (argv[0] === 'sh' || argv[0] === '/bin/sh' || argv[0] === 'bash' || argv[0] === '/bin/bash') && argv[1] === '-c'
    const script = shell ? (argv[2] ?? '') : argv.join(' ')
    const run: Run = { elapsed: 0, b }
    const parts = splitScript(script)
    let ended = false
    for (let i = 0; i < parts.length && !ended; i++) {
      const part = parts[i]!
      const loop = /^while\s+(true|:)\s*$/.exec(part)
      if (loop) {
        const body: string[] = []
        for (i++; i < parts.length && parts[i] !== 'done'; i++) body.push(parts[i]!.replace(/^do\s+/, ''))
        const lines: [number, string][] = []
        const at = run.elapsed
        const inner: Run = { elapsed: 0, b }
        for (const cmd of body) if (step(inner, cmd, lines)) break
        b.loop = { startMs: at, periodMs: Math.max(1, inner.elapsed), lines }
        run.elapsed = Number.POSITIVE_INFINITY
        break
      }
      ended = step(run, part, b.logs)
    }
    const shellish = ['sh', '/bin/sh', 'bash', '/bin/bash', 'sleep', 'echo', 'true', 'false', 'date', 'cat', 'ls', 'env', 'printenv', 'touch', 'printf']
    if (b.exitAfterMs === undefined && Number.isFinite(run.elapsed) && shellish.includes(argv[0]!)) b.exitAfterMs = run.elapsed + 5
    b.ignoresSigterm = shellish.includes(argv[0]!)
  }
  if (annotation) applyAnnotation(b, annotation, c.name)
  return b
}

/** Whether `path` exists `sinceStartMs` after the container started. */
export function fileExists(b: Behaviour, path: string, sinceStartMs: number): boolean {
  const f = b.files[path]
  if (!f) return false
  return sinceStartMs >= f[0] && (f[1] === null || sinceStartMs < f[1])
}

/** The exit code of a command run in the container (an exec probe, a preStop hook). */
export function execExitCode(b: Behaviour, command: string[], sinceStartMs: number): number {
  const shell = (command[0] === 'sh' || command[0] === '/bin/sh' || command[0] === 'bash') && command[1] === '-c'
  const parts = shell ? splitScript(command[2] ?? '') : [command.join(' ')]
  for (const part of parts) {
    const [prog = '', ...rest] = part.split(/\s+/)
    if (prog === 'cat' || prog === 'ls' || prog === 'stat' || (prog === 'test' && rest[0] === '-e') || (prog === 'test' && rest[0] === '-f')) {
      const path = prog === 'test' ? rest[1] : rest[0]
      if (!path || !fileExists(b, path, sinceStartMs)) return prog === 'test' ? 1 : prog === 'ls' ? 2 : 1
    } else if (prog === 'false') return 1
    else if (prog === 'exit') return Number(rest[0] ?? 0) || 0
  }
  return 0
}

/** The probe's answer from the annotation at this moment: true ok, false failing, undefined no say. */
export function annotatedProbe(b: Behaviour, kind: 'liveness' | 'readiness' | 'startup', sinceStartMs: number): boolean | undefined {
  const a = b.probes[kind]
  if (!a) return undefined
  if (a.failFromMs !== undefined) return sinceStartMs < a.failFromMs
  if (a.okFromMs !== undefined) return sinceStartMs >= a.okFromMs
  return undefined
}

/** Memory in use `sinceStartMs` after the start, in bytes. */
export function memoryAt(b: Behaviour, sinceStartMs: number): number {
  return b.memoryBytes + (b.leakBytesPerSec * sinceStartMs) / 1000
}

/** When (ms after start) memory first passes `limit`, or undefined if never. */
export function oomAfterMs(b: Behaviour, limit: number): number | undefined {
  if (limit <= 0) return undefined
  if (b.memoryBytes > limit) return 1_000
  if (b.leakBytesPerSec <= 0) return undefined
  return Math.ceil(((limit - b.memoryBytes) / b.leakBytesPerSec) * 1000)
}

/** The lines printed between two moments (ms after start). `@date` becomes the time it ran. */
export function linesBetween(b: Behaviour, fromMs: number, toMs: number): [number, string][] {
  const out = b.logs.filter(([t]) => t >= fromMs && t < toMs)
  const loop = b.loop
  if (loop && loop.lines.length) {
    const first = Math.max(0, Math.floor((fromMs - loop.startMs) / loop.periodMs))
    for (let k = first; ; k++) {
      const base = loop.startMs + k * loop.periodMs
      if (base >= toMs || k - first > 10_000) break
      for (const [t, text] of loop.lines) if (base + t >= fromMs && base + t < toMs) out.push([base + t, text])
    }
  }
  return out
}

/** When the next line after `fromMs` (ms since the start) is printed, or undefined: no more lines. */
export function nextLineAt(b: Behaviour, fromMs: number): number | undefined {
  let best: number | undefined
  const take = (t: number): void => {
    if (t >= fromMs && (best === undefined || t < best)) best = t
  }
  for (const [t] of b.logs) take(t)
  const loop = b.loop
  if (loop && loop.lines.length) {
    const k = Math.max(0, Math.floor((fromMs - loop.startMs) / loop.periodMs))
    for (const base of [loop.startMs + k * loop.periodMs, loop.startMs + (k + 1) * loop.periodMs]) for (const [t] of loop.lines) take(base + t)
  }
  return best
}
