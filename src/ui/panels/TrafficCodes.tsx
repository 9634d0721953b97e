import type { TrafficView } from '../../sim/protocol.ts'

const reasons: Record<string, string> = {
  '200': 'OK',
  '404': 'Not Found (no Ingress rule: default backend)',
  '502': 'Bad Gateway',
  '503': 'Service Temporarily Unavailable (no ready endpoint)',
  refused: 'connection refused',
}

/** Answers by outcome (HTTP status), so an ingress's 404s and 503s show beside the pods' 200s. */
export function TrafficCodes({ codes }: { codes: TrafficView['codes'] }) {
  const entries = Object.entries(codes ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))
  if (!entries.length) return null
  return (
    <ul className="traffic__codes" aria-label="Answers per outcome">
      {entries.map(([code, n]) => (
        <li
          key={code}
          className={`traffic__code${code === '200' ? '' : ' traffic__code--bad'}`}
          data-testid={`traffic.code.${code}`}
          data-count={n}
          title={reasons[code] ?? code}
        >
          {code === 'refused' ? 'refused' : `HTTP ${code}`} <span className="traffic__n">{n}</span>
        </li>
      ))}
    </ul>
  )
}
