import { setPresenter } from '../../state/share-actions.ts'
import { useSessionStore } from '../../state/session-store.ts'

/** Presenter mode: large type, high contrast, panels hidden, a clicker steps. */
export function PresenterToggle() {
  const presenter = useSessionStore((s) => s.presenter)
  return (
    <button
      type="button"
      className="button"
      data-testid="toolbar.present"
      aria-pressed={presenter}
      title={presenter ? 'Leave presenter mode (Esc)' : 'Presenter mode: PageDown steps, PageUp goes back'}
      onClick={() => setPresenter(!presenter)}
    >
      {presenter ? 'Leave presenter' : 'Present'}
    </button>
  )
}
