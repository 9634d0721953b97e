import { useEffect, useMemo } from 'react'
import type { InspectionSection } from '../../../sim/protocol.ts'
import { inspectObject } from '../../../state/object-inspector.ts'
import { closeActorInspection, useActorInspectionStore } from '../../../state/actor-inspection.ts'
import { selectActor } from '../../../state/selectors.ts'
import { simStore, useSimStore } from '../../../state/sim-store.ts'
import { formatSeconds } from '../../../state/time.ts'
import { actorDisplayName } from '../../graph/actor-styles.ts'
import { indexByName, type NameIndex } from '../console/object-refs.ts'
import { componentInfo } from './component-info.ts'
import { liveCellKey } from './live-cell.ts'
import './inspector-card.css'
import './component-inspector.css'

const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')

/** A cell as text, or as a link to the object inspector when it names a stored object. */
function LiveCell({ column, cell, index }: { column: string; cell: string; index: NameIndex }) {
  const key = liveCellKey(column, cell, index)
  if (!key) return <>{cell}</>
  return (
    <button type="button" className="oinspect__link cinspect__object" data-testid="inspector.object" data-object-key={key} title={`Inspect ${key}`} onClick={() => inspectObject(key)}>
      {cell}
    </button>
  )
}

function LiveTable({ s, index }: { s: InspectionSection; index: NameIndex }) {
  return (
    <div className="cinspect__section" data-testid={`inspector.section.${slug(s.title)}`}>
      <h4 className="cinspect__h4">{s.title}</h4>
      {s.rows.length === 0 ? (
        <p className="panel__empty">{s.empty}</p>
      ) : (
        <table className="cinspect__table">
          <thead>
            <tr>
              {s.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {s.rows.map((r, i) => (
              <tr key={i} data-testid={`inspector.row.${slug(s.title)}.${slug(r[0] ?? '')}`}>
                {r.map((cell, j) => (
                  <td key={j}>
                    <LiveCell column={s.columns[j] ?? ''} cell={cell} index={index} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}

/** The component the person clicked: what it is, what it watches and writes, its flags, and its live state. */
export function ComponentInspector() {
  const id = useActorInspectionStore((s) => s.actorId)
  const live = useActorInspectionStore((s) => s.inspection)
  const answered = useActorInspectionStore((s) => s.answered)
  const actor = useSimStore((s) => (id ? selectActor(id)(s) : undefined))
  // Names in the live tables resolve against the mirror as it is when the engine's answer comes.
  const index = useMemo(() => (live ? indexByName(simStore.getState().objects) : new Map()), [live])
  useEffect(() => {
    if (!id) return
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') closeActorInspection()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [id])
  if (!id) return null
  const kind = live?.kind ?? actor?.kind
  const info = kind ? componentInfo[kind] : undefined
  const name = kind ? actorDisplayName(id, kind) : id
  return (
    <section className="panel inspector-card cinspect" data-testid="panel.component" data-actor={id} aria-label={`Inspector: ${name}`}>
      <div className="inspector-card__head">
        <h2 className="cinspect__title">
          {name}
          {actor?.node ? <span className="cinspect__node"> on {actor.node}</span> : null}
          {actor && !actor.running ? <span className="cinspect__stopped"> · stopped</span> : null}
        </h2>
        <button type="button" className="button button--small" data-testid="component.close" onClick={closeActorInspection}>
          Close
        </button>
      </div>
      <div className="cinspect__scroll">
        {info ? (
          <>
            <p className="cinspect__what" data-testid="component.what">
              {info.what}
            </p>
            <div className="cinspect__io">
              <div>
                <h3 className="cinspect__h3">Watches</h3>
                <ul>
                  {info.watches.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              </div>
              <div>
                <h3 className="cinspect__h3">Writes</h3>
                <ul>
                  {info.writes.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              </div>
            </div>
          </>
        ) : null}
        <h3 className="cinspect__h3">Live state{live ? ` at ${formatSeconds(live.atMs)}` : ''}</h3>
        <div data-testid="component.live">
          {!live ? (
            <p className="panel__empty">{answered ? 'No such component in this cluster.' : 'Asking the engine…'}</p>
          ) : (
            <>
              {live.facts.length ? (
                <dl className="cinspect__facts">
                  {live.facts.map((f) => (
                    <div key={f.label} data-testid={`inspector.fact.${slug(f.label)}`}>
                      <dt>{f.label}</dt>
                      <dd>{f.value}</dd>
                    </div>
                  ))}
                </dl>
              ) : null}
              {live.sections.map((s) => (
                <LiveTable key={s.title} s={s} index={index} />
              ))}
            </>
          )}
        </div>
        {info && info.flags.length ? (
          <>
            <h3 className="cinspect__h3">Flags and defaults (v1.34)</h3>
            <table className="cinspect__table cinspect__flags" data-testid="component.flags">
              <thead>
                <tr>
                  <th scope="col">flag / setting</th>
                  <th scope="col">default</th>
                  <th scope="col">here</th>
                </tr>
              </thead>
              <tbody>
                {info.flags.map((f) => (
                  <tr key={f.flag}>
                    <td>
                      <code>{f.flag}</code>
                    </td>
                    <td>{f.value}</td>
                    <td>{f.engine ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
      </div>
    </section>
  )
}
