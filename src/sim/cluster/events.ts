/**
 * Events as the CLI reports them, with millisecond times. An Event's name ends in the hex of the
 * unix nanoseconds it was first recorded at (client-go tools/record), which gives the exact moment;
 * events.k8s.io events carry it in eventTime too.
 */
import { parseTime } from '../k8s/meta.ts'
import type { EventSummary, KObject } from '../protocol.ts'

function firstMs(e: KObject, startTimeMs: number): number {
  const x = e as Record<string, unknown>
  if (typeof x.eventTime === 'string') return parseTime(x.eventTime) - startTimeMs
  const hex = String(e.metadata.name).split('.').pop() ?? ''
  if (/^[0-9a-f]+$/.test(hex)) return Number(BigInt(`0x${hex}`) / 1_000_000n) - startTimeMs
  return parseTime(String(x.firstTimestamp)) - startTimeMs
}

export function eventSummaries(objects: Record<string, KObject>, startTimeMs: number): EventSummary[] {
  const out: (EventSummary & { key: string; rv: number })[] = []
  for (const [key, e] of Object.entries(objects)) {
    if (!key.startsWith('/registry/events/')) continue
    const x = e as Record<string, unknown>
    const involved = (x.involvedObject ?? {}) as { kind?: string; namespace?: string; name?: string }
    const count = Number(x.count ?? 1)
    const first = firstMs(e, startTimeMs)
    const source = ((x.source as { component?: string } | undefined)?.component || (x.reportingComponent as string | undefined)) ?? ''
    out.push({
      key,
      rv: Number(e.metadata.resourceVersion ?? 0),
      type: String(x.type ?? 'Normal'),
      reason: String(x.reason ?? ''),
      message: String(x.message ?? ''),
      involvedObject: { kind: involved.kind ?? '', ...(involved.namespace ? { namespace: involved.namespace } : {}), name: involved.name ?? '' },
      count,
      firstTimestampMs: first,
      lastTimestampMs: count > 1 && typeof x.lastTimestamp === 'string' ? parseTime(x.lastTimestamp) - startTimeMs : first,
      source,
    })
  }
  // Same millisecond: the order they were written in.
  out.sort((a, b) => a.firstTimestampMs - b.firstTimestampMs || a.rv - b.rv)
  return out.map(({ key: _key, rv: _rv, ...rest }) => rest)
}
