import { useId, useState, type KeyboardEvent } from 'react'
import type { ObjectHistoryView, ObjectRevisionView } from '../../../sim/protocol.ts'
import { selectFlow } from '../../../state/actions.ts'
import { isPodKey, useObjectInspector } from '../../../state/object-inspector.ts'
import { objectYaml, revisionDiff } from '../../../state/revision-diff.ts'
import { formatSeconds } from '../../../state/time.ts'
import { actorLabel } from '../../graph/actor-styles.ts'
import { SchedulingTable } from '../SchedulingTable.tsx'
import './object-inspector.css'

type TabId = 'scheduling' | 'yaml' | 'history' | 'diff'

const tabLabels: Record<TabId, string> = {
  scheduling: 'Scheduling',
  yaml: 'YAML',
  history: 'History',
  diff: 'Diff',
}

const revLabel = (r: ObjectRevisionView): string =>
  `rv ${r.revision}${r.object === null ? ' (deleted)' : ''}${r.atMs === null ? '' : ` at ${formatSeconds(r.atMs)}`}`

const writer = (r: ObjectRevisionView): string =>
  r.request ? `${actorLabel(r.request.from)}${r.request.via ? ` (${r.request.via})` : ''}` : 'before the run'

function YamlTab({ history, shown }: { history: ObjectHistoryView; shown: number }) {
  const r = history.revisions[shown] ?? history.revisions.at(-1)!
  const latest = r === history.revisions.at(-1)
  return (
    <>
      <p className="oinspect__facts" data-testid="object.yaml.facts">
        {r.object === null
          ? `Deleted at revision ${r.revision}.`
          : `resourceVersion ${r.revision}${latest ? ', what etcd holds now' : ', an older version'}${r.request ? `, written by ${writer(r)}` : ''}.`}
      </p>
      <pre className="oinspect__yaml" data-testid="object.yaml" tabIndex={0} aria-label="Stored object as YAML">
        {r.object === null ? '# deleted\n' : objectYaml(r.object)}
      </pre>
    </>
  )
}

function HistoryTab({
  history,
  onShow,
  onDiff,
}: {
  history: ObjectHistoryView
  onShow: (i: number) => void
  onDiff: (from: number, to: number) => void
}) {
  return (
    <div className="oinspect__scroll" tabIndex={0} aria-label="resourceVersion history">
      {history.truncated ? <p className="oinspect__facts">Older versions are not kept; the most recent ones follow.</p> : null}
      <table className="oinspect__table" data-testid="object.history">
        <thead>
          <tr>
            <th scope="col">rv</th>
            <th scope="col">committed</th>
            <th scope="col">written by</th>
            <th scope="col">request</th>
            <th scope="col">
              <span className="visually-hidden">actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {history.revisions.map((r, i) => (
            <tr key={r.revision} data-testid="object.revision" data-rv={r.revision}>
              <th scope="row">{r.revision}</th>
              <td>{r.atMs === null ? '—' : formatSeconds(r.atMs)}</td>
              <td>{writer(r)}</td>
              <td>
                {r.request ? (
                  <button
                    type="button"
                    className="oinspect__link"
                    data-testid="object.revision.flow"
                    title={`Select message ${r.request.flowId} (its etcd write: ${r.txnFlowId ?? '?'})`}
                    onClick={() => selectFlow(r.request!.flowId)}
                  >
                    <code>{r.request.label}</code>
                  </button>
                ) : r.object === null ? (
                  'delete'
                ) : (
                  '—'
                )}
              </td>
              <td className="oinspect__actions">
                <button type="button" className="button button--small" aria-label={`YAML of revision ${r.revision}`} onClick={() => onShow(i)}>
                  YAML
                </button>
                {i > 0 ? (
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={`Diff of revision ${r.revision} against ${history.revisions[i - 1]!.revision}`}
                    data-testid="object.revision.diff"
                    onClick={() => onDiff(i - 1, i)}
                  >
                    Diff
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function DiffTab({
  history,
  from,
  to,
  setFrom,
  setTo,
}: {
  history: ObjectHistoryView
  from: number
  to: number
  setFrom: (i: number) => void
  setTo: (i: number) => void
}) {
  const fromId = useId()
  const toId = useId()
  const a = history.revisions[from]
  const b = history.revisions[to]
  const hunks = a && b ? revisionDiff(a.object, b.object) : []
  const options = history.revisions.map((r, i) => (
    <option key={r.revision} value={String(i)}>
      {revLabel(r)}
    </option>
  ))
  return (
    <>
      <div className="oinspect__pick">
        <label htmlFor={fromId}>From</label>
        <select id={fromId} className="select" data-testid="object.diff.from" value={String(from)} onChange={(e) => setFrom(Number(e.target.value))}>
          {options}
        </select>
        <label htmlFor={toId}>to</label>
        <select id={toId} className="select" data-testid="object.diff.to" value={String(to)} onChange={(e) => setTo(Number(e.target.value))}>
          {options}
        </select>
      </div>
      <pre className="oinspect__yaml" data-testid="object.diff" tabIndex={0} aria-label="Unified diff">
        {a && b ? `--- rv ${a.revision}\n+++ rv ${b.revision}\n` : ''}
        {hunks.length === 0 ? 'No difference.\n' : null}
        {hunks.map((h, i) => (
          <span key={i}>
            <span className="oinspect__hunk">{h.header}</span>
            {h.lines.map((l, j) => (
              <span key={j} className={`oinspect__line oinspect__line--${l.op === ' ' ? 'same' : l.op === '+' ? 'add' : 'del'}`}>
                {l.op}
                {l.text}
              </span>
            ))}
          </span>
        ))}
      </pre>
    </>
  )
}

/**
 * What the object inspector shows for the followed key: the object as stored now, its
 * resourceVersion history (each write, when, by whom, the request behind it), a diff between any
 * two versions and, for a pod, kube-scheduler's decision. WAI-ARIA tabs, arrows move between them.
 */
export function ObjectBody({ objectKey }: { objectKey: string }) {
  const history = useObjectInspector((s) => s.history)
  const answered = useObjectInspector((s) => s.answered)
  const pod = isPodKey(objectKey)
  const tabs: TabId[] = pod ? ['scheduling', 'yaml', 'history', 'diff'] : ['yaml', 'history', 'diff']
  const [active, setActive] = useState<TabId>(tabs[0]!)
  const [shown, setShown] = useState<number | null>(null)
  const [pair, setPair] = useState<[number, number] | null>(null)
  const base = useId()
  const tab = tabs.includes(active) ? active : tabs[0]!
  const count = history?.revisions.length ?? 0
  const from = pair ? Math.min(pair[0], count - 1) : Math.max(0, count - 2)
  const to = pair ? Math.min(pair[1], count - 1) : count - 1

  const onKey = (e: KeyboardEvent): void => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return
    const i = tabs.indexOf(tab)
    const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]!
    setActive(next)
    document.getElementById(`${base}-tab-${next}`)?.focus()
  }

  const body = (t: TabId) => {
    if (t === 'scheduling') return <SchedulingTable />
    if (!history) {
      return (
        <p className="panel__empty" data-testid="object.none">
          {answered ? 'Nothing has been stored under this key up to now.' : 'Asking etcd…'}
        </p>
      )
    }
    if (t === 'yaml') return <YamlTab history={history} shown={shown ?? count - 1} />
    if (t === 'history') {
      return (
        <HistoryTab
          history={history}
          onShow={(i) => {
            setShown(i)
            setActive('yaml')
          }}
          onDiff={(a, b) => {
            setPair([a, b])
            setActive('diff')
          }}
        />
      )
    }
    return (
      <DiffTab
        history={history}
        from={from}
        to={to}
        setFrom={(i) => setPair([i, to])}
        setTo={(i) => setPair([from, i])}
      />
    )
  }

  return (
    <div className="oinspect__body">
      <div role="tablist" aria-label="Object views" className="oinspect__tabs" onKeyDown={onKey}>
        {tabs.map((t) => (
          <button
            key={t}
            id={`${base}-tab-${t}`}
            role="tab"
            type="button"
            aria-selected={tab === t}
            aria-controls={`${base}-panel-${t}`}
            tabIndex={tab === t ? 0 : -1}
            className="oinspect__tab"
            data-testid={`object.tab.${t}`}
            onClick={() => {
              setActive(t)
              if (t === 'yaml') setShown(null)
            }}
          >
            {tabLabels[t]}
            {t === 'history' && count > 0 ? ` (${count})` : ''}
          </button>
        ))}
      </div>
      <div id={`${base}-panel-${tab}`} role="tabpanel" aria-labelledby={`${base}-tab-${tab}`} className="oinspect__panel">
        {body(tab)}
      </div>
    </div>
  )
}
