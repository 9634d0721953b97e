import { memo } from 'react'
import type { Flow } from '../../sim/protocol.ts'
import { selectFlow } from '../../state/actions.ts'
import {
  selectFlows,
  selectSelectedFlowId,
  selectShowAmbient,
  usePlaying,
} from '../../state/selectors.ts'
import { useSimStore, type SimState } from '../../state/sim-store.ts'
import { useUiStore } from '../../state/ui-store.ts'
import { useActorLabel } from '../graph/use-actor-label.ts'
import { flowStyle } from '../flows/flow-styles.ts'
import { formatSeconds as formatMs } from '../../state/time.ts'
import { useThrottled } from './use-throttled.ts'

/** Rows drawn at most; the store keeps more for the inspector. */
const rowLimit = 150

/**
 * Rows drawn while a crowd of messages is in flight (more than this many) and the clock runs:
 * under traffic every row is new at each redraw, faster than anyone reads, and building 150 new
 * rows 8 times a second cost the page more than drawing the 300 tokens (issue 8 frame-rate bench).
 * Paused, the list shows all its rows again.
 */
const crowdRowLimit = 30
const crowdInFlight = 40
const selectCrowded = (s: SimState): boolean => s.live.length > crowdInFlight

/**
 * The list is redrawn at most this often: under traffic most of its rows change every frame, and
 * laying out ~75 new rows of text per frame cost more than all 300 request tokens (issue 8 bench).
 * Eight times a second still reads as live.
 */
const redrawWallMs = 125

/** `actorLabel` comes from the list (one store subscription for all rows, stable while the cluster is). */
const FlowRow = memo(function FlowRow({ flow, selected, actorLabel }: { flow: Flow; selected: boolean; actorLabel: (id: string) => string }) {
  const style = flowStyle(flow.kind)
  return (
    <li
      className={`flow-row${selected ? ' flow-row--selected' : ''}${flow.ambient ? ' flow-row--ambient' : ''}`}
      data-testid="flows.row"
      data-flow-kind={flow.kind}
      data-flow-id={flow.id}
      data-outcome={flow.outcome}
    >
      <button
        type="button"
        className="flow-row__button"
        aria-pressed={selected}
        onClick={() => selectFlow(selected ? null : flow.id)}
      >
        <span className="flow-row__time">{formatMs(flow.sentAt)}</span>
        <span className="flow-row__route">
          {actorLabel(flow.from)} → {actorLabel(flow.to)}
        </span>
        <span className="flow-row__label">
          <span className="flow-row__noun" style={{ background: style.color }}>
            {style.noun}
          </span>
          {flow.label}
        </span>
        {/* A message to a stopped component or across a partition never arrived. */}
        {flow.outcome === 'dropped' && <span className="flow-row__dropped">✕ dropped</span>}
      </button>
    </li>
  )
})

/** Recent messages, newest first. Selecting one highlights its token and link. */
export function FlowList() {
  const actorLabel = useActorLabel()
  const flows = useThrottled(useSimStore(selectFlows), redrawWallMs)
  const selectedId = useUiStore(selectSelectedFlowId)
  const showAmbient = useUiStore(selectShowAmbient)
  const crowded = useSimStore(selectCrowded)
  const playing = usePlaying()
  const limit = crowded && playing ? crowdRowLimit : rowLimit
  const rows: Flow[] = []
  for (let i = flows.length - 1; i >= 0 && rows.length < limit; i--) {
    const f = flows[i]!
    if (showAmbient || !f.ambient) rows.push(f)
  }
  return (
    <section className="panel panel--flows" aria-labelledby="flows-heading">
      <h2 id="flows-heading" className="panel__heading">
        Messages <span className="panel__hint">newest first</span>
      </h2>
      {rows.length === 0 ? (
        <p className="panel__empty">
          {flows.length === 0
            ? 'Press Play or Step (→) to send the first message.'
            : 'Only routine messages (heartbeats, lease renewals) lately: tick Show heartbeats to list them.'}
        </p>
      ) : null}
      <ol className="flow-list" data-testid="flows.list" aria-label="Messages between components">
        {rows.map((f) => (
          <FlowRow key={f.id} flow={f} selected={f.id === selectedId} actorLabel={actorLabel} />
        ))}
      </ol>
    </section>
  )
}
