import { useEffect, useState } from 'react'
import './lesson.css'

const shortcuts: [string, string][] = [
  ['Space', 'Play or pause'],
  ['→', 'Deliver the next message'],
  ['←', 'Step back one message'],
  ['Timeline: ← → / PageUp PageDown / Home End', 'Move 1 s / 10 s / to either end'],
  ['Ctrl/⌘ + S', 'Share a link to this moment'],
  ['Presenter: PageDown / PageUp', 'Next / previous chapter'],
  ['?', 'This list'],
  ['Esc', 'Close'],
]

/** `?` lists the keyboard shortcuts; Esc or the button closes the list. */
export function HelpOverlay() {
  const [open, setOpen] = useState(false)
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const el = e.target
      if (el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))) return
      if (e.key === '?') {
        e.preventDefault()
        setOpen((o) => !o)
      } else if (e.key === 'Escape') setOpen(false)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
  if (!open) return null
  return (
    <div className="help" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help">
      <div className="help__box">
        <h2 id="help-title" className="help__title">
          Keyboard shortcuts
        </h2>
        <dl className="help__list">
          {shortcuts.map(([keys, what]) => (
            <div key={keys} className="help__row">
              <dt>
                <kbd>{keys}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <button type="button" className="button button--small" autoFocus onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
    </div>
  )
}
