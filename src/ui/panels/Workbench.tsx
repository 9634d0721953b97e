import { lazy, Suspense, useId, useState, type KeyboardEvent } from 'react'
import { EventsTable } from './events/EventsTable.tsx'
import './workbench.css'

// CodeMirror is the largest part of the page; its own chunk lets the graph start without waiting.
const YamlEditor = lazy(() =>
  import('./editor/YamlEditor.tsx').then((m) => ({ default: m.YamlEditor })),
)

const tabs = [
  { id: 'editor', label: 'YAML' },
  { id: 'events', label: 'Events' },
] as const

type TabId = (typeof tabs)[number]['id']

/** A tabbed area under the console: the YAML editor and the Events table (WAI-ARIA tabs). */
export function Workbench() {
  const [active, setActive] = useState<TabId>('editor')
  const base = useId()
  const onKey = (e: KeyboardEvent): void => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return
    const i = tabs.findIndex((t) => t.id === active)
    const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]!
    setActive(next.id)
    document.getElementById(`${base}-tab-${next.id}`)?.focus()
  }
  return (
    <div className="workbench" data-testid="workbench">
      <div
        role="tablist"
        aria-label="Editor and events"
        className="workbench__tabs"
        onKeyDown={onKey}
      >
        {tabs.map((t) => (
          <button
            key={t.id}
            id={`${base}-tab-${t.id}`}
            role="tab"
            type="button"
            aria-selected={active === t.id}
            aria-controls={`${base}-panel-${t.id}`}
            tabIndex={active === t.id ? 0 : -1}
            className="workbench__tab"
            onClick={() => setActive(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tabs.map((t) => (
        <div
          key={t.id}
          id={`${base}-panel-${t.id}`}
          role="tabpanel"
          aria-labelledby={`${base}-tab-${t.id}`}
          hidden={active !== t.id}
          className="workbench__panel"
        >
          {t.id === 'editor' ? (
            <Suspense fallback={<p className="workbench__loading">Loading the YAML editor…</p>}>
              <YamlEditor />
            </Suspense>
          ) : (
            <EventsTable />
          )}
        </div>
      ))}
    </div>
  )
}
