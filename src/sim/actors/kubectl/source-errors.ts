/**
 * How apply and create report a failed write of one object of a file: the Status message gets
 * `error when creating "STDIN": ` (cmdutil.AddSourceToErr), and the errors of all objects are
 * printed at the end: one alone through checkErr (Invalid as `The Kind "x" is invalid: …`), several
 * as an aggregate, one `Error from server (<Reason>): <message>` line each (helpers.go MultipleErrors).
 */
import { isStatus, type Status } from '../../k8s/status.ts'
import { statusErrorText } from './errors.ts'

export interface SourcedError {
  status: Status
  verb: 'creating' | 'patching' | 'replacing' | 'deleting' | 'retrieving current configuration of'
  source: string
}

function withSource(e: SourcedError): Status {
  return { ...e.status, message: `error when ${e.verb} "${e.source}": ${e.status.message ?? ''}` }
}

export function sourcedErrorsText(errors: SourcedError[]): string {
  if (errors.length === 1) return statusErrorText(withSource(errors[0]!))
  return errors
    .map((e) => {
      const s = withSource(e)
      return `Error from server (${s.reason ?? 'InternalError'}): ${s.message ?? ''}\n`
    })
    .join('')
}

export function asStatus(body: unknown): Status {
  if (isStatus(body)) return body
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'unexpected response from the server', reason: 'InternalError', code: 500 }
}
