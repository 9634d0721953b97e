import type { Event } from 'kubernetes-types/core/v1'
import type { KObject } from '../../../protocol.ts'
import { since } from './duration.ts'
import type { PrefixWriter } from './prefix-writer.ts'
import { parseTime } from './time.ts'

/**
 * The events kubectl describe asks for: a field selector on involvedObject name, namespace and
 * uid (describe clears the kind). Events recorded before the object had a uid still need one.
 */
export function eventsFor(object: KObject, events: KObject[]): Event[] {
  const { name, namespace, uid } = object.metadata
  return (events as unknown as Event[]).filter((e) => {
    const ref = e.involvedObject
    if (ref.name !== name || (ref.namespace ?? '') !== (namespace ?? '')) return false
    return !uid || ref.uid === uid
  })
}

/** kubectl util/event SortableEvents: series last seen, else lastTimestamp, else eventTime. */
function eventTime(e: Event): number {
  const t = e.series
    ? parseTime(e.series.lastObservedTime)
    : (parseTime(e.lastTimestamp) ?? parseTime(e.eventTime))
  return t ?? Number.NEGATIVE_INFINITY
}

/** The Age cell: `10s`, or `3s (x2 over 5s)` for a repeated event. */
export function eventAge(e: Event, nowMs: number): string {
  const first = e.eventTime ? since(e.eventTime, nowMs) : since(e.firstTimestamp, nowMs)
  if (e.series)
    return `${since(e.series.lastObservedTime, nowMs)} (x${e.series.count} over ${first})`
  if ((e.count ?? 0) > 1) return `${since(e.lastTimestamp, nowMs)} (x${e.count} over ${first})`
  return first
}

/** describe DescribeEvents: the Events table, oldest first, or `Events:\t<none>`. */
export function writeEvents(w: PrefixWriter, events: Event[], nowMs: number): void {
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n')
    return
  }
  // Go's sort.Sort is an insertion sort below 13 items, so ties keep list order as here.
  const sorted = [...events].sort((a, b) => eventTime(a) - eventTime(b))
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n')
  w.write(1, '----\t------\t----\t----\t-------\n')
  for (const e of sorted) {
    const from = e.source?.component || e.reportingComponent || ''
    const cells = [e.type ?? '', e.reason ?? '', eventAge(e, nowMs), from, (e.message ?? '').trim()]
    w.write(1, `${cells.join('\t')}\n`)
  }
}
