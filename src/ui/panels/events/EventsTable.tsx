import { useMemo, type KeyboardEvent } from 'react'
import { inspectObject } from '../../../state/object-inspector.ts'
import { useSimStore } from '../../../state/sim-store.ts'
import { clusterStartMs, eventRows } from './event-rows.ts'

/**
 * The arrow keys walk the OBJECT buttons of the table (one tab stop for the whole table, as in
 * the console): from the table itself ↑ or ↓ goes to the newest event's object, Esc comes back.
 */
function walkObjects(e: KeyboardEvent<HTMLDivElement>): void {
  const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button.events__object')]
  if (buttons.length === 0) return
  const at = buttons.indexOf(e.target as HTMLButtonElement)
  const last = buttons.length - 1
  let next: HTMLButtonElement | undefined
  if (e.key === 'ArrowDown') next = buttons[at < 0 ? last : Math.min(at + 1, last)]
  else if (e.key === 'ArrowUp') next = buttons[at < 0 ? last : Math.max(at - 1, 0)]
  else if (e.key === 'Home' && at >= 0) next = buttons[0]
  else if (e.key === 'End' && at >= 0) next = buttons[last]
  else if (e.key === 'Escape' && at >= 0) {
    e.stopPropagation()
    e.currentTarget.focus()
  }
  if (!next) return
  e.preventDefault()
  next.focus()
}

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
        onKeyDown={walkObjects}
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
                      <button
                        type="button"
                        tabIndex={-1}
                        className="events__object"
                        data-testid="events.object"
                        data-object-key={r.objectKey}
                        title={`Inspect ${r.objectKey}`}
                        onClick={() => inspectObject(r.objectKey!)}
                      >
                        {r.object}
                      </button>
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
