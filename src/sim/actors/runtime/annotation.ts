/**
 * The one annotation for what a container spec cannot say (issue 5; README "Scenarios"):
 *
 *     metadata:
 *       annotations:
 *         kube-anatomy.dev/behaviour: "crash-after=20s exit=1; memory=300Mi; readiness=fail-after=30s"
 *
 * Clauses are separated by `;`, a clause is space-separated `key=value` pairs, and a clause may
 * start with `<container>:` to apply to one container only (otherwise it applies to every one).
 *
 * | key | value | meaning |
 * | --- | --- | --- |
 * | `crash-after` | duration | the process exits after that long, code 1 unless `exit=` |
 * | `exit-after` | duration | the process exits after that long, code 0 unless `exit=` |
 * | `exit` | integer | the exit code for `crash-after` / `exit-after` |
 * | `memory` | quantity | resident memory from the start (over the limit: OOMKilled) |
 * | `leak` | quantity`/s` or `/m` | memory grows by that much per second or minute |
 * | `liveness`, `readiness`, `startup` | `fail`, `ok`, `fail-after=<d>`, `ok-after=<d>` | how the app answers that probe (httpGet, tcpSocket, grpc; exec probes run their command) |
 * | `sigterm` | `ignore` or `exit` | whether PID 1 handles SIGTERM |
 *
 * Durations are `500ms`, `20s`, `2m`, `1h` or combinations (`1m30s`); unknown keys are ignored.
 */
import { byteValue } from '../../k8s/quantity.ts'
import type { Behaviour } from './behaviour.ts'

export const behaviourAnnotation = 'kube-anatomy.dev/behaviour'

export interface ProbeAnswer {
  /** Answers fail from this many ms after the start (0: always). */
  failFromMs?: number
  /** Answers ok from this many ms after the start (fails before). */
  okFromMs?: number
}

const unitMs: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** `1m30s` → 90000; undefined when it is not a duration. */
export function parseDurationMs(text: string): number | undefined {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)]
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) return undefined
  return Math.round(parts.reduce((sum, p) => sum + Number(p[1]) * unitMs[p[2]!]!, 0))
}

function probeAnswer(value: string): ProbeAnswer | undefined {
  if (value === 'fail') return { failFromMs: 0 }
  if (value === 'ok') return { okFromMs: 0 }
  const m = /^(fail|ok)-after=(.+)$/.exec(value)
  const ms = m ? parseDurationMs(m[2]!) : undefined
  if (!m || ms === undefined) return undefined
  return m[1] === 'fail' ? { failFromMs: ms } : { okFromMs: ms }
}

/** Applies the clauses that concern `container` to its behaviour. */
export function applyAnnotation(b: Behaviour, text: string, container: string): void {
  for (const raw of text.split(';')) {
    let clause = raw.trim()
    const target = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?):\s*/.exec(clause)
    if (target && !clause.startsWith(`${target[1]}=`)) {
      if (target[1] !== container) continue
      clause = clause.slice(target[0].length)
    }
    let exitAfter: number | undefined
    let exitCode: number | undefined
    let crash = false
    for (const token of clause.split(/\s+/).filter(Boolean)) {
      const eq = token.indexOf('=')
      if (eq < 0) continue
      const key = token.slice(0, eq)
      const value = token.slice(eq + 1)
      switch (key) {
        case 'crash-after':
        case 'exit-after':
          exitAfter = parseDurationMs(value)
          crash = key === 'crash-after'
          break
        case 'exit':
          exitCode = Number.parseInt(value, 10)
          break
        case 'memory':
          b.memoryBytes = byteValue(value)
          break
        case 'leak': {
          const [q = '', per = 's'] = value.split('/')
          b.leakBytesPerSec = byteValue(q) / (per === 'm' ? 60 : 1)
          break
        }
        case 'liveness':
        case 'readiness':
        case 'startup': {
          const a = probeAnswer(value)
          if (a) b.probes[key] = a
          break
        }
        case 'sigterm':
          b.ignoresSigterm = value === 'ignore'
          break
      }
    }
    if (exitAfter !== undefined) {
      b.exitAfterMs = exitAfter
      b.exitCode = exitCode ?? (crash ? 1 : 0)
    } else if (exitCode !== undefined) b.exitCode = exitCode
  }
}
