import { useId, useMemo, useState } from 'react'
import { stringify } from 'yaml'
import { lineDiff } from '../../../state/line-diff.ts'
import { useObjectHistory, type Revision } from '../../../state/object-history.ts'
import { useSimStore } from '../../../state/sim-store.ts'
import './etcd-browser.css'

const yamlOf = (r: Revision | undefined): string =>
  r?.object ? stringify(r.object, { lineWidth: 0 }) : r ? '# deleted at this revision\n' : ''

// A stored object's resourceVersion is the etcd revision of its write.
const revisionLabel = (r: Revision): string =>
  r.object
    ? `rv ${r.object.metadata.resourceVersion ?? '?'}${r.revision === 0 ? ' (as loaded)' : ''}`
    : `deleted at ${r.revision}`

/**
 * etcd's keys under /registry/ as the API server stored them: pick a key to read the object as
 * YAML, its resourceVersion history since the page last reset, and the diff between two versions.
 */
export function EtcdBrowser({ onClose }: { onClose: () => void }) {
  const objects = useSimStore((s) => s.objects)
  const history = useObjectHistory((s) => s.byKey)
  const [filter, setFilter] = useState('')
  const [key, setKey] = useState<string | null>(null)
  const [shown, setShown] = useState<number | null>(null)
  const [against, setAgainst] = useState<number | null>(null)
  const filterId = useId()
  const againstId = useId()

  const keys = useMemo(
    () =>
      Object.keys(objects)
        .filter((k) => k.includes(filter.trim()))
        .sort(),
    [objects, filter],
  )
  const revisions = key ? (history[key] ?? []) : []
  const current = shown === null ? revisions.at(-1) : revisions[shown]
  const base = against === null ? undefined : revisions[against]
  const diff = base && current ? lineDiff(yamlOf(base), yamlOf(current)) : null

  return (
    <section className="etcd" aria-label="etcd key browser" data-testid="etcd.browser">
      <header className="etcd__head">
        <h2 className="etcd__title">
          etcd <span className="etcd__hint">{keys.length} keys under /registry/</span>
        </h2>
        <button type="button" className="button button--small" onClick={onClose}>
          Close
        </button>
      </header>
      <div className="etcd__body">
        <div className="etcd__keys">
          <label htmlFor={filterId} className="visually-hidden">
            Filter keys
          </label>
          <input
            id={filterId}
            className="etcd__filter"
            placeholder="filter: /registry/pods/"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            data-testid="etcd.filter"
          />
          <ul className="etcd__list" aria-label="Keys">
            {keys.map((k) => (
              <li key={k}>
                <button
                  type="button"
                  className={`etcd__key${k === key ? ' etcd__key--selected' : ''}`}
                  aria-pressed={k === key}
                  data-testid="etcd.key"
                  onClick={() => {
                    setKey(k)
                    setShown(null)
                    setAgainst(null)
                  }}
                >
                  {k.replace(/^\/registry\//, '')}
                </button>
              </li>
            ))}
          </ul>
        </div>
        <div className="etcd__object">
          {key === null ? (
            <p className="panel__empty">Pick a key to read what is stored there.</p>
          ) : (
            <>
              <code className="etcd__path">{key}</code>
              <ol className="etcd__revisions" aria-label="Versions" data-testid="etcd.revisions">
                {revisions.map((r, i) => (
                  <li key={i}>
                    <button
                      type="button"
                      className={`etcd__rev${r === current ? ' etcd__rev--selected' : ''}`}
                      aria-pressed={r === current}
                      onClick={() => setShown(i)}
                    >
                      {revisionLabel(r)}
                    </button>
                  </li>
                ))}
              </ol>
              <label htmlFor={againstId} className="etcd__against">
                Diff against{' '}
                <select
                  id={againstId}
                  className="select"
                  data-testid="etcd.against"
                  value={against === null ? '' : String(against)}
                  onChange={(e) => setAgainst(e.target.value === '' ? null : Number(e.target.value))}
                >
                  <option value="">—</option>
                  {revisions.map((r, i) => (
                    <option key={i} value={String(i)}>
                      {revisionLabel(r)}
                    </option>
                  ))}
                </select>
              </label>
              {diff ? (
                <pre className="etcd__yaml" data-testid="etcd.diff">
                  {diff.map((l, i) => (
                    <span key={i} className={`etcd__line etcd__line--${l.op === ' ' ? 'same' : l.op === '+' ? 'add' : 'del'}`}>
                      {l.op} {l.text}
                    </span>
                  ))}
                </pre>
              ) : (
                <pre className="etcd__yaml" data-testid="etcd.yaml">
                  {yamlOf(current)}
                </pre>
              )}
            </>
          )}
        </div>
      </div>
    </section>
  )
}
