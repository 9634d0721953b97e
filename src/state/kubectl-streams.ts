/**
 * The output of kubectl lines still running (a `get -w`): each update carries the whole text a
 * line printed so far; the line's final answer ends it.
 */
import type { KubectlResult, KubectlStream } from '../sim/protocol.ts'

const keyOf = (s: KubectlStream | KubectlResult): string => s.requestId ?? `${s.atMs}\u0000${s.line}`

/** The running lines after an update: new text replaces old, answered lines leave. */
export function mergeStreams(
  prev: KubectlStream[],
  streams: KubectlStream[] | undefined,
  answers: KubectlResult[],
): KubectlStream[] {
  if (!streams?.length && (!answers.length || !prev.length)) return prev
  const byKey = new Map(prev.map((s) => [keyOf(s), s]))
  for (const s of streams ?? []) byKey.set(keyOf(s), s)
  for (const r of answers) byKey.delete(keyOf(r))
  return [...byKey.values()]
}
