/** The CLI's command line: `run <file> [--seed N] [--until D]`, or `--help`. */
import { parseDuration } from '../scenarios/index.ts'

export type Args =
  | { kind: 'help' }
  | { kind: 'run'; file: string; seed?: number; untilMs?: number }
  | { kind: 'usage-error'; message: string }

export const usage = `Usage: npm run --silent sim -- run <scenario.yaml|.json|-> [--seed N] [--until 120s]

Runs a kube-anatomy scenario headless, in virtual time, and prints one JSON document on stdout:
scenario, seed, kubernetesVersion, startTime, virtualTimeMs, traceHash, kubectl, objects, events
and flows. The same scenario and seed always give the same document.

Options:
  --seed N      use this seed instead of the scenario's (a whole number, 0 to 4294967295)
  --until D     stop at this virtual time instead of the scenario's until (e.g. 90s, 2m, 1m30s)
  -h, --help    show this help

A file named - is read from stdin. Exit status: 0 when the scenario ran, whatever its kubectl
lines answered; 2 with one line on stderr when the arguments or the scenario are not valid.
`

function seedOf(text: string): number | string {
  const n = /^\d+$/.test(text) ? Number(text) : NaN
  return Number.isSafeInteger(n) && n <= 0xffffffff
    ? n
    : `--seed: ${JSON.stringify(text)} is not a whole number from 0 to 4294967295`
}

function untilOf(text: string): number | string {
  const parsed = parseDuration(text)
  if (!parsed.ok) return `--until: ${parsed.reason}`
  return parsed.ms > 0 ? parsed.ms : '--until: must be longer than 0s'
}

export function parseArgs(argv: readonly string[]): Args {
  if (argv.includes('--help') || argv.includes('-h')) return { kind: 'help' }
  const [command, ...rest] = argv
  if (command === undefined)
    return { kind: 'usage-error', message: 'missing command; try: run <scenario.yaml>' }
  if (command !== 'run')
    return {
      kind: 'usage-error',
      message: `unknown command ${JSON.stringify(command)}; the only command is run`,
    }
  let file: string | undefined
  let seed: number | undefined
  let untilMs: number | undefined
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined]
    if (flag === '--seed' || flag === '--until') {
      const value = inline ?? rest[++i]
      if (value === undefined) return { kind: 'usage-error', message: `${flag} needs a value` }
      const parsed = flag === '--seed' ? seedOf(value) : untilOf(value)
      if (typeof parsed === 'string') return { kind: 'usage-error', message: parsed }
      if (flag === '--seed') seed = parsed
      else untilMs = parsed
    } else if (arg.startsWith('-') && arg !== '-') {
      return { kind: 'usage-error', message: `unknown option ${JSON.stringify(arg)}` }
    } else if (file === undefined) {
      file = arg
    } else {
      return {
        kind: 'usage-error',
        message: `one scenario file at a time (got ${JSON.stringify(file)} and ${JSON.stringify(arg)})`,
      }
    }
  }
  if (file === undefined)
    return { kind: 'usage-error', message: 'run needs a scenario file: run <scenario.yaml>' }
  return {
    kind: 'run',
    file,
    ...(seed !== undefined ? { seed } : {}),
    ...(untilMs !== undefined ? { untilMs } : {}),
  }
}
