/**
 * The console's transcript cut into plain text and object names, for the console to draw names as
 * buttons that open the object inspector. Joined, the parts are exactly `consoleText`: what one
 * copies from the console does not change.
 */
import type { KubectlResult, KubectlStream } from '../../../sim/protocol.ts'
import { nameSpans, type NameSpan } from './name-spans.ts'
import { keyOf, type NameIndex } from './object-refs.ts'
import { consoleText, warningsOf } from './transcript.ts'

export interface ConsolePart {
  text: string
  /** The etcd key of the object this text names; absent for plain text. */
  objectKey?: string
}

/** A finished line's spans never change: parse each result once. */
const parsed = new WeakMap<KubectlResult, NameSpan[]>()

function spansOf(r: KubectlResult): NameSpan[] {
  let spans = parsed.get(r)
  if (!spans) {
    spans = nameSpans(r.line, r.stdout)
    parsed.set(r, spans)
  }
  return spans
}

/** `stdout` with its resolvable names as parts, appended to `out`. */
function pushOutput(out: ConsolePart[], stdout: string, spans: NameSpan[], index: NameIndex): void {
  let at = 0
  for (const s of spans) {
    const key = keyOf(s, index)
    if (!key) continue
    if (s.start > at) out.push({ text: stdout.slice(at, s.start) })
    out.push({ text: stdout.slice(s.start, s.end), objectKey: key })
    at = s.end
  }
  if (at < stdout.length) out.push({ text: stdout.slice(at) })
}

/** Same arguments as `consoleText`, plus the mirror's name index to resolve names against. */
export function consoleParts(results: KubectlResult[], streams: KubectlStream[], pending: string[], index: NameIndex): ConsolePart[] {
  const out: ConsolePart[] = []
  const printing = new Set(streams.map((s) => s.requestId).filter(Boolean))
  for (const r of results) {
    const warned = warningsOf(r)
    out.push({ text: `$ kubectl ${r.line}\n${warned}` })
    pushOutput(out, r.stdout, spansOf(r), index)
    // The tail is consoleText's own (stderr after the warnings, ^C), so the two cannot drift apart.
    const { warnings: _printed, ...rest } = r
    out.push({ text: consoleText([{ ...rest, line: '', stdout: '', stderr: r.stderr.slice(warned.length) }], [], []).slice('$ kubectl \n'.length) })
  }
  for (const s of streams) {
    out.push({ text: `$ kubectl ${s.line}\n${s.warnings ?? ''}` })
    pushOutput(out, s.stdout, nameSpans(s.line, s.stdout), index)
  }
  const waiting = pending.filter((w) => !printing.has(w.split('\u0000')[0]))
  if (waiting.length) out.push({ text: consoleText([], [], waiting) })
  // Neighbouring plain texts as one, so React draws few nodes.
  const merged: ConsolePart[] = []
  for (const p of out) {
    const last = merged[merged.length - 1]
    if (p.text === '') continue
    if (last && !last.objectKey && !p.objectKey) last.text += p.text
    else merged.push({ ...p })
  }
  return merged
}
