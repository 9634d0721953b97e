import { useMemo } from 'react'
import { useSimStore } from '../../../state/sim-store.ts'
import { ObjectLink } from '../object-link/ObjectLink.tsx'
import { walkObjectLinks } from '../object-link/walk-object-links.ts'
import { clusterStartMs, eventRows } from './event-rows.ts'

/** Events as `kubectl events` prints them, newest last; an event's object opens in the inspector. */
export function EventsTable() {
  const objects = useSimStore((s) => s.objects)
  const virtualAt = useSimStore((s) => s.anchor.virtualAt)
  // Ages move by whole seconds; recomputing on every anchor is cheap next to the table itself.
  const rows = useMemo(
    () => eventRows(objects, clusterStartMs(objects) + virtualAt),
    [objects, virtualAt],
  )
  return (
    <section className="panel panel--events" aria-labelledby="events-heading">
      <h2 id="events-heading" className="panel__heading">
        Events
      </h2>
      <div
        className="events__scroll"
        tabIndex={0}
        role="region"
        aria-label="Events table"
        aria-description="Objects open in the inspector: arrow keys move between them, Enter opens one."
        onKeyDown={walkObjectLinks}
      >
        <table className="events__table" data-testid="events.table">
          <thead>
            <tr>
              <th scope="col">LAST SEEN</th>
              <th scope="col">TYPE</th>
              <th scope="col">REASON</th>
              <th scope="col">OBJECT</th>
              <th scope="col">MESSAGE</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={5}>No events found.</td>
              </tr>
            ) : (
              rows.map((r) => (
                <tr key={r.key} data-type={r.type} data-reason={r.reason}>
                  <td>{r.lastSeen}</td>
                  <td>{r.type}</td>
                  <td>{r.reason}</td>
                  <td>
                    {r.objectKey ? (
                      <ObjectLink objectKey={r.objectKey} text={r.object} testId="events.object" />
                    ) : (
                      r.object
                    )}
                  </td>
                  <td>{r.message}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </section>
  )
}
