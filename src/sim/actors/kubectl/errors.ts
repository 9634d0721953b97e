/**
 * How kubectl prints a failed request (kubectl pkg/cmd/util/helpers.go `checkErr`): API errors as
 * `Error from server (<Reason>): <message>`, Invalid as `The <Kind> "<name>" is invalid: …` with one
 * cause inline and several as a `* ` list.
 */
import { isStatus } from '../../k8s/status.ts'

export function statusErrorText(body: unknown): string {
  if (!isStatus(body)) return 'error: unexpected response from the server\n'
  if (body.reason === 'Invalid') {
    // Without a kind or a name (a JSON Patch that did not apply): "The request is invalid", and the
    // server's message when there are no causes to list.
    const d = body.details
    if (!d || (!d.kind && !d.name && !d.causes?.length)) return `The request is invalid${body.message ? `: ${body.message}` : ''}\n`
    const prefix = d.kind || d.name ? `The ${d.kind ?? ''} "${d.name ?? ''}" is invalid: ` : 'The request is invalid: '
    const causes = (d.causes ?? []).map((c) => (c.field ? `${c.field}: ${c.message}` : c.message))
    if (causes.length === 0) return `${prefix.slice(0, -2)}\n`
    if (causes.length === 1) return `${prefix}${causes[0]}\n`
    return `${prefix}\n${causes.map((c) => `* ${c}\n`).join('')}`
  }
  // StandardErrorMessage: a Status with no reason (StatusReasonUnknown) prints without parentheses.
  if (!body.reason) return `Error from server: ${body.message ?? ''}\n`
  return `Error from server (${body.reason}): ${body.message ?? ''}\n`
}
