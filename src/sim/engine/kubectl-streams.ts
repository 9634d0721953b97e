/** Which running kubectl line an output stream belongs to, so its final answer can end it. */
import type { KubectlResult, KubectlStream } from '../protocol.ts'

/** The request id a person's line carries; a script's line by when it was typed and its text. */
export function streamKey(s: KubectlStream | KubectlResult): string {
  return s.requestId ?? `${s.atMs}\u0000${s.line}`
}
