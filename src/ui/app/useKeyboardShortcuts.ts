import { useEffect } from 'react'
import { step, togglePlay } from '../../state/actions.ts'
import { stepBack } from '../../state/timeline-store.ts'

const typing = (el: EventTarget | null): boolean =>
  el instanceof HTMLElement &&
  (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))

/** Space plays or pauses, → steps, ← steps back; never while the person is typing. */
export function useKeyboardShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || typing(e.target)) return
      if (e.key === ' ') {
        // A focused button already answers Space with a click.
        if (e.target instanceof HTMLButtonElement) return
        e.preventDefault()
        togglePlay()
      } else if (e.key === 'ArrowRight') {
        e.preventDefault()
        step()
      } else if (e.key === 'ArrowLeft') {
        e.preventDefault()
        stepBack()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
