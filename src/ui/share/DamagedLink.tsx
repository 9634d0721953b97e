import { useEffect, useRef } from 'react'
import { defaultScenarioId, loadScenario as builtIn, scenarios } from '../../scenarios/index.ts'
import { loadScenario } from '../../state/actions.ts'
import { sessionStore, useSessionStore } from '../../state/session-store.ts'

const defaultTitle = scenarios.find((s) => s.id === defaultScenarioId)?.title ?? defaultScenarioId

/** Starts the default lesson and takes the broken link out of the address. */
function startDefaultLesson(): void {
  history.replaceState(null, '', `${location.pathname}${location.search}`)
  sessionStore.setState({ linkError: null })
  loadScenario(builtIn(defaultScenarioId), defaultScenarioId)
}

/**
 * A link that cannot be opened: the reason, as text (it may quote the link), and a way on.
 * Never a blank page: the app behind it keeps running.
 */
export function DamagedLink() {
  const reason = useSessionStore((s) => s.linkError)
  const buttonRef = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (reason !== null) buttonRef.current?.focus()
  }, [reason])
  if (reason === null) return null
  return (
    <div className="overlay" data-testid="share.damaged">
      <div
        className="overlay__card"
        role="alertdialog"
        aria-labelledby="damaged-title"
        aria-describedby="damaged-reason"
      >
        <h2 id="damaged-title" className="overlay__title">
          This link cannot be opened
        </h2>
        <p id="damaged-reason" data-testid="share.damaged.reason">
          This link is damaged: {reason}.
        </p>
        <p className="overlay__hint">
          Ask for the link again, or start from the beginning of a lesson.
        </p>
        <button
          ref={buttonRef}
          type="button"
          className="button button--primary"
          data-testid="share.start-default"
          onClick={startDefaultLesson}
        >
          Start “{defaultTitle}”
        </button>
      </div>
    </div>
  )
}
