import type { Flow } from '../../../sim/protocol.ts'
import { selectFlow } from '../../../state/actions.ts'
import { actorsOf, selectCauseTree, useCauseStore } from '../../../state/cause-store.ts'
import { formatSeconds } from '../../../state/time.ts'
import { useActorLabel } from '../../graph/use-actor-label.ts'
import { flowStyle } from '../../flows/flow-styles.ts'
import './cause-tree.css'

function CauseRow({ flow, depth, current, actorLabel }: { flow: Flow; depth: number; current?: boolean; actorLabel: (id: string) => string }) {
  const style = flowStyle(flow.kind)
  const route = `${actorLabel(flow.from)} → ${actorLabel(flow.to)}`
  return (
    <li
      className={`cause__row${current ? ' cause__row--current' : ''}`}
      style={{ paddingLeft: `${Math.min(depth, 12) * 10}px` }}
      data-testid="cause.row"
      data-flow-id={flow.id}
    >
      <button
        type="button"
        className="cause__button"
        aria-current={current ? 'true' : undefined}
        onClick={() => selectFlow(flow.id)}
        title={`${route} at ${formatSeconds(flow.sentAt)}`}
      >
        <span className="cause__noun" style={{ background: style.color }}>
          {style.noun}
        </span>
        <span className="cause__route">{route}</span>
        <span className="cause__label">{flow.label}</span>
      </button>
    </li>
  )
}

/**
 * Why the selected message was sent and what it led to: its causes up to the kubectl line (or the
 * timer) that started them, then every message it caused. Components on the tree light up.
 */
export function CauseTree() {
  const tree = useCauseStore(selectCauseTree)
  const actorLabel = useActorLabel()
  if (!tree) return null
  const actors = actorsOf(tree)
  // The graph's highlight: a rule per component on the tree (no component needs to know).
  const highlight = actors
    .map((id) => `[data-testid="rf__node-${CSS.escape(id)}"]`)
    .join(',\n')
  return (
    <section className="cause" aria-label="Cause tree" data-testid="cause.tree">
      <style>{`${highlight} { outline: 3px solid #bf8700; outline-offset: 2px; border-radius: 8px; }`}</style>
      <h3 className="cause__heading">Caused by</h3>
      <p className="cause__root" data-testid="cause.root">
        {tree.line !== undefined ? (
          <code>$ kubectl {tree.line}</code>
        ) : tree.chain[0]!.causeId === null && tree.chain[0]!.ambient ? (
          'a periodic loop (no command)'
        ) : (
          `${actorLabel(tree.chain[0]!.from)}, on its own`
        )}
      </p>
      <ol className="cause__list" aria-label="Causes, from the root">
        {tree.chain.map((f, i) => (
          <CauseRow key={f.id} flow={f} depth={i} current={f.id === tree.id} actorLabel={actorLabel} />
        ))}
      </ol>
      <h3 className="cause__heading">
        Led to <span className="cause__count">{tree.descendants.length}{tree.truncated ? '+' : ''} messages</span>
      </h3>
      {tree.descendants.length === 0 ? (
        <p className="cause__empty">Nothing yet.</p>
      ) : (
        <ol className="cause__list" aria-label="Effects" data-testid="cause.effects">
          {tree.descendants.map((d) => (
            <CauseRow key={d.flow.id} flow={d.flow} depth={d.depth} actorLabel={actorLabel} />
          ))}
        </ol>
      )}
    </section>
  )
}
