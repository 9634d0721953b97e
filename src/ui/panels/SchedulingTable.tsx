import type { NodeDecisionView, PodDecisionView } from '../../sim/protocol.ts'
import { closeObjectInspector } from '../../state/object-inspector.ts'
import { usePodDecisionStore } from '../../state/pod-decision.ts'
import { formatSeconds } from '../../state/time.ts'
import './scheduling-table.css'

const podName = (key: string): string => key.replace(/^\/registry\/pods\//, '')

function FilterCell({ node, plugin }: { node: NodeDecisionView; plugin: string }) {
  const v = node.filters.find((f) => f.plugin === plugin)!
  const text =
    v.verdict === 'pass' ? 'pass' : v.verdict === 'skip' ? 'skip' : v.verdict === 'fail' ? v.reasons.join(', ') : '—'
  const title =
    v.verdict === 'fail'
      ? `${v.code}: ${v.reasons.join(', ')}`
      : v.verdict === 'skip'
        ? `PreFilter returned Skip: ${v.reasons.join(', ')}`
        : v.verdict === 'not-run'
          ? 'not run'
          : 'Filter passed'
  return (
    <td className={`sched__cell sched__cell--${v.verdict}`} title={title} data-testid={`scheduling.filter.${plugin}.${node.name}`}>
      {text}
    </td>
  )
}

function ScoreCell({ node, plugin, weight }: { node: NodeDecisionView; plugin: string; weight: number }) {
  const s = node.scores.find((x) => x.plugin === plugin)
  if (!s) return <td className="sched__cell sched__cell--not-run">—</td>
  return (
    <td className="sched__cell sched__cell--score" data-testid={`scheduling.score.${plugin}.${node.name}`} title={`raw ${s.raw}, normalized ${s.normalized}, × weight ${weight} = ${s.weighted}`}>
      <span className="sched__raw">{s.raw}</span>
      <span className="sched__arrow"> → </span>
      <span className="sched__norm">{s.normalized}</span>
      <span className="sched__weighted"> ×{weight} = {s.weighted}</span>
    </td>
  )
}

/** How many nodes share the best total (selectHost picks one of them at random). */
function ties(d: PodDecisionView): number {
  const totals = d.nodes.map((n) => n.total).filter((t): t is number => t !== undefined)
  if (!totals.length) return 0
  const best = Math.max(...totals)
  return totals.filter((t) => t === best).length
}

function outcomeText(n: NodeDecisionView): string {
  if (n.winner) return 'selected'
  if (n.outcome === 'failed') return 'filtered out'
  if (n.outcome === 'not-examined') return 'not examined'
  if (n.outcome === 'prefilter-excluded') return 'not in PreFilter result'
  return 'feasible'
}

function Table({ d }: { d: PodDecisionView }) {
  const nodes = d.nodes
  const skipped = new Map(d.preFilterSkipped.map((s) => [s.plugin, s.why]))
  return (
    <div className="sched__scroll">
      <table className="sched__table" data-testid="scheduling.table">
        <thead>
          <tr>
            <th scope="col">plugin</th>
            {nodes.map((n) => (
              <th key={n.name} scope="col" className={n.winner ? 'sched__node sched__node--winner' : 'sched__node'} data-testid={`scheduling.node.${n.name}`}>
                {n.name}
                {n.winner ? ' ★' : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr className="sched__group">
            <th scope="rowgroup" colSpan={nodes.length + 1}>
              Filter, in profile order (a node stops at its first failure)
            </th>
          </tr>
          {d.filterPlugins.map((p) => (
            <tr key={`f-${p}`} className={skipped.has(p) ? 'sched__row--skipped' : undefined}>
              <th scope="row" title={skipped.get(p) ? `PreFilter Skip: ${skipped.get(p)}` : undefined}>
                {p}
              </th>
              {nodes.map((n) => (
                <FilterCell key={n.name} node={n} plugin={p} />
              ))}
            </tr>
          ))}
          <tr className="sched__group">
            <th scope="rowgroup" colSpan={nodes.length + 1}>
              {d.scored ? 'Score: raw → normalized × weight = weighted' : 'Score: not run (fewer than two feasible nodes)'}
            </th>
          </tr>
          {d.scorePlugins.map((p) => (
            <tr key={`s-${p.plugin}`} className={p.skipped ? 'sched__row--skipped' : undefined}>
              <th scope="row" title={p.why ? `PreScore Skip: ${p.why}` : undefined}>
                {p.plugin} <span className="sched__weight">×{p.weight}</span>
                {p.skipped && d.scored ? <span className="sched__skip"> skip</span> : null}
              </th>
              {nodes.map((n) => (
                <ScoreCell key={n.name} node={n} plugin={p.plugin} weight={p.weight} />
              ))}
            </tr>
          ))}
          <tr className="sched__total">
            <th scope="row">total</th>
            {nodes.map((n) => (
              <td key={n.name} className="sched__cell" data-testid={`scheduling.total.${n.name}`}>
                {n.total ?? '—'}
              </td>
            ))}
          </tr>
          <tr className="sched__result">
            <th scope="row">result</th>
            {nodes.map((n) => (
              <td key={n.name} className={`sched__cell sched__cell--${n.winner ? 'winner' : n.outcome}`}>
                {outcomeText(n)}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  )
}

/**
 * The scheduler's decision for the selected pod: every node, every plugin, the winner. One tab of
 * the pod's object inspector (which handles Esc); Close closes the inspector.
 */
export function SchedulingTable() {
  const podKey = usePodDecisionStore((s) => s.podKey)
  const d = usePodDecisionStore((s) => s.decision)
  const answered = usePodDecisionStore((s) => s.answered)
  if (!podKey) return null
  return (
    <section className="panel sched" data-testid="panel.scheduling" aria-label={`Scheduling decision for ${podName(podKey)}`}>
      <div className="sched__head">
        <h2 className="sched__title">
          kube-scheduler’s decision for <code>{podName(podKey)}</code>
        </h2>
        <button type="button" className="button button--small" data-testid="scheduling.close" onClick={closeObjectInspector}>
          Close
        </button>
      </div>
      {!d ? (
        <p className="panel__empty" data-testid="scheduling.none">
          {answered ? 'The scheduler has not decided for this pod (it may have been created with spec.nodeName, or not reached the queue yet).' : 'Asking the scheduler…'}
        </p>
      ) : (
        <>
          <p className="sched__facts" data-testid="scheduling.facts">
            Cycle at {formatSeconds(d.atMs)}, attempt {d.attempt}. {d.nodesTotal} node(s);
            {d.numNodesToFind ? ` numFeasibleNodesToFind ${d.numNodesToFind}, starting at node index ${d.startIndex}.` : ''}
            {d.nominatedTriedFirst ? ` Nominated node ${d.nominatedTriedFirst} tried first.` : ''}
            {d.winner ? (
              <>
                {' '}
                Selected <strong data-testid="scheduling.winner">{d.winner}</strong>
                {ties(d) > 1 ? `, a tie among ${ties(d)} nodes broken at random` : ''}.
              </>
            ) : null}
          </p>
          {d.message ? (
            <p className="sched__message" data-testid="scheduling.message">
              <span className="sched__reason">FailedScheduling</span> {d.message}
            </p>
          ) : null}
          {d.nominatedNode ? (
            <p className="sched__facts" data-testid="scheduling.preemption">
              Preemption: nominated <strong>{d.nominatedNode}</strong>, deleting {d.victims?.join(', ') ?? 'no pod'}.
            </p>
          ) : null}
          <Table d={d} />
        </>
      )}
    </section>
  )
}
