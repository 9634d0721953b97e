import type { Flow } from '../../sim/protocol.ts'

/** Requests, answers and DNS packets: hundreds can be in flight at once (issue 8). */
export const dataPlaneKinds: ReadonlySet<Flow['kind']> = new Set([
  'traffic.request',
  'traffic.response',
  'dns.query',
  'dns.answer',
])
