/**
 * The console's text, as a terminal would show it: each finished line with its answer (`^C` after
 * one that was interrupted), then the lines still running with what they printed so far, then
 * the person's lines waiting for their first output (`…`).
 */
import type { KubectlResult, KubectlStream } from '../../../sim/protocol.ts'

/** SIGINT's exit status, as the kubectl actor reports an interrupted line. */
const interrupted = 130

/**
 * The `Warning: …` lines kubectl wrote before its output: stderr starts with them, and a
 * terminal shows them above the table they came with.
 */
export function warningsOf(r: KubectlResult): string {
  return r.warnings && r.stderr.startsWith(r.warnings) ? r.warnings : ''
}

/** `pending`: the person's lines not answered yet, as `requestId\0line`. */
export function consoleText(results: KubectlResult[], streams: KubectlStream[], pending: string[]): string {
  const printing = new Set(streams.map((s) => s.requestId).filter(Boolean))
  const done = results.map((r) => {
    const warned = warningsOf(r)
    return `$ kubectl ${r.line}\n${warned}${r.stdout}${r.stderr.slice(warned.length)}${r.exitCode === interrupted ? '^C\n' : ''}`
  })
  const live = streams.map((s) => `$ kubectl ${s.line}\n${s.warnings ?? ''}${s.stdout}`)
  const waiting = pending
    .filter((w) => !printing.has(w.split('\u0000')[0]))
    .map((w) => `$ kubectl ${w.split('\u0000')[1]}\n…`)
  return [...done, ...live, ...waiting].join('')
}
