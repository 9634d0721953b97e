import { useEffect } from 'react'
import { closeObjectInspector, objectTitle, useObjectInspector } from '../../../state/object-inspector.ts'
import { ObjectBody } from './ObjectBody.tsx'
import { ObjectDelete, ObjectDeleteOutput } from './ObjectDelete.tsx'
import './inspector-card.css'
import './object-inspector.css'

/**
 * The object the person clicked (a pod on the graph, a key in the etcd browser, the object a
 * message is about): as stored in etcd now, its versions and diffs; a panel over the bottom of the
 * cluster picture. Esc closes it.
 */
export function ObjectInspector() {
  const key = useObjectInspector((s) => s.key)
  const place = useObjectInspector((s) => s.place)
  const history = useObjectInspector((s) => s.history)
  const open = key !== null && place === 'panel'
  useEffect(() => {
    if (!open) return
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') closeObjectInspector()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [open])
  if (!open) return null
  const title = objectTitle(key, history)
  return (
    <section className="panel inspector-card oinspect" data-testid="panel.object" aria-label={`Object inspector: ${title}`}>
      <div className="inspector-card__head">
        <h2 className="oinspect__title" data-testid="object.title">
          {title} <code className="oinspect__key">{key}</code>
        </h2>
        <div className="oinspect__actions">
          <ObjectDelete objectKey={key} history={history} />
          <button type="button" className="button button--small" data-testid="object.close" onClick={closeObjectInspector}>
            Close
          </button>
        </div>
      </div>
      <ObjectDeleteOutput objectKey={key} />
      <ObjectBody key={key} objectKey={key} />
    </section>
  )
}
