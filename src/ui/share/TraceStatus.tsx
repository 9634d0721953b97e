import { useSessionStore } from '../../state/session-store.ts'

/**
 * The trace hash where the simulation rests: two people at the same moment see the same eight
 * hex digits (and e2e compares them). Blank while time moves, since it changes every frame.
 */
export function TraceStatus() {
  const hash = useSessionStore((s) => s.rest?.traceHash ?? '')
  const at = useSessionStore((s) => s.rest?.position.atMs)
  return (
    <span
      className="trace-status"
      data-testid="status.trace"
      data-trace-hash={hash}
      data-at-ms={at ?? ''}
      title="Trace hash: equal moments, equal hash"
    >
      {hash ? `trace ${hash}` : ''}
    </span>
  )
}
