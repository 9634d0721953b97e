import { useEffect } from 'react'
import { presenterNext, presenterPrevious, setPresenter } from '../../state/share-actions.ts'
import { useSessionStore } from '../../state/session-store.ts'

/** What presentation clickers send: most PageDown/PageUp, some arrows; Escape leaves. */
const nextKeys = new Set(['PageDown', 'ArrowRight', 'ArrowDown'])
const previousKeys = new Set(['PageUp', 'ArrowLeft', 'ArrowUp'])

/**
 * In presenter mode a clicker steps the lesson. Listens in the capture phase and marks the event
 * handled, so the app's own → shortcut does not step a second time.
 */
export function usePresenterKeys(): void {
  const presenter = useSessionStore((s) => s.presenter)
  useEffect(() => {
    if (!presenter) return
    const onKey = (e: KeyboardEvent): void => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return
      const el = e.target
      if (el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))) return
      if (nextKeys.has(e.key)) {
        e.preventDefault()
        void presenterNext()
      } else if (previousKeys.has(e.key)) {
        e.preventDefault()
        presenterPrevious()
      } else if (e.key === 'Escape') {
        setPresenter(false)
      }
    }
    window.addEventListener('keydown', onKey, { capture: true })
    return () => window.removeEventListener('keydown', onKey, { capture: true })
  }, [presenter])
}
