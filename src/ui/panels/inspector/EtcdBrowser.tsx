import { useEffect, useId, useMemo, useState } from 'react'
import { closeObjectInspector, inspectObject, objectInspectorStore, useObjectInspector } from '../../../state/object-inspector.ts'
import { useSimStore } from '../../../state/sim-store.ts'
import { ObjectBody } from './ObjectBody.tsx'
import './etcd-browser.css'

/**
 * etcd's keys under /registry/ as the API server stored them: pick a key to read the object as
 * YAML, its resourceVersion history (each write, when, by whom) and the diff between any two
 * versions — the object inspector, inside the browser.
 */
export function EtcdBrowser({ onClose }: { onClose: () => void }) {
  const objects = useSimStore((s) => s.objects)
  const inspected = useObjectInspector((s) => (s.place === 'etcd' ? s.key : null))
  const [filter, setFilter] = useState('')
  const filterId = useId()
  const key = inspected
  // Closing the browser stops following the key it showed.
  useEffect(
    () => () => {
      if (objectInspectorStore.getState().place === 'etcd') closeObjectInspector()
    },
    [],
  )

  const keys = useMemo(
    () =>
      Object.keys(objects)
        .filter((k) => k.includes(filter.trim()))
        .sort(),
    [objects, filter],
  )

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
                  onClick={() => inspectObject(k, 'etcd')}
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
              <ObjectBody key={key} objectKey={key} />
            </>
          )}
        </div>
      </div>
    </section>
  )
}
