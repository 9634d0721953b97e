import { selectFlow } from '../../state/actions.ts'
import { useSelectedFlow } from '../../state/selectors.ts'
import { actorLabel } from '../graph/actor-styles.ts'
import { flowStyle } from '../flows/flow-styles.ts'
import { formatSeconds as formatMs } from '../../state/time.ts'
import { CauseTree } from './cause/CauseTree.tsx'
import { FlowObjectLink } from './inspector/FlowObjectLink.tsx'
import { useCauseStore } from '../../state/cause-store.ts'
import { useUiStore } from '../../state/ui-store.ts'

/** The selected message: route, timing, outcome and the work the receiver did with it. */
export function FlowDetails() {
  const recent = useSelectedFlow()
  const selectedId = useUiStore((s) => s.selectedFlowId)
  // A flow older than the page's recent ones (a cause tree's root, an object's first write): the
  // worker's cause tree carries it, so any flow of the run can be shown.
  const fromTree = useCauseStore((s) => (s.tree && s.tree.id === selectedId ? s.tree.chain.at(-1) : undefined))
  const flow = recent ?? fromTree
  if (!flow) {
    return (
      <section
        className="panel panel--details"
        data-testid="panel.details"
        aria-label="Message details"
        tabIndex={0}
      >
        <p className="panel__empty">Select a message to see what the receiver did with it.</p>
      </section>
    )
  }
  const style = flowStyle(flow.kind)
  // The details scroll, so keyboard users must be able to focus them (axe scrollable-region-focusable).
  return (
    <section
      className="panel panel--details"
      data-testid="panel.details"
      aria-label="Message details"
      tabIndex={0}
    >
      <div className="details__head">
        <span className="flow-row__noun" style={{ background: style.color }}>
          {style.noun}
        </span>
        <code className="details__label">{flow.label}</code>
        <button type="button" className="button button--small" onClick={() => selectFlow(null)}>
          Close
        </button>
      </div>
      <dl className="details__facts">
        <dt>From</dt>
        <dd>{actorLabel(flow.from)}</dd>
        <dt>To</dt>
        <dd>{actorLabel(flow.to)}</dd>
        <dt>Sent</dt>
        <dd>{formatMs(flow.sentAt)}</dd>
        <dt>Arrives</dt>
        <dd>
          {formatMs(flow.arrivesAt)} ({flow.arrivesAt - flow.sentAt} ms)
        </dd>
        <dt>Outcome</dt>
        <dd data-testid="details.outcome">{flow.outcome}</dd>
        <dt>Kind</dt>
        <dd>
          <code>{flow.kind}</code>
          {flow.ambient ? ' (heartbeat)' : ''}
        </dd>
      </dl>
      {flow.stages && flow.stages.length > 0 ? (
        <ol className="stages" data-testid="details.stages" aria-label="Stages">
          {flow.stages.map((s, i) => (
            <li key={i} className={`stage stage--${s.outcome}`} data-stage={s.name}>
              <span className="stage__name">{s.name}</span>
              <span className="stage__outcome">{s.outcome}</span>
              <span className="stage__detail">{s.detail}</span>
            </li>
          ))}
        </ol>
      ) : null}
      <FlowObjectLink flow={flow} />
      <CauseTree />
    </section>
  )
}
