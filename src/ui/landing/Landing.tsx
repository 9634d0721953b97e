import { useEffect, useRef, useState } from 'react'
import { loadScenario as builtIn, scenarios } from '../../scenarios/index.ts'
import { lessonLibrary } from '../../scenarios/lesson-library.ts'
import { loadScenario } from '../../state/actions.ts'
import { markSeen, readSeen, shouldShowLanding } from './landing-visibility.ts'
import './landing.css'

const lessons = lessonLibrary.map((l) => ({
  ...l,
  title: scenarios.find((s) => s.id === l.id)?.title ?? l.id,
}))

/** Opens a lesson and puts its id in the address, so a reload or a copied URL keeps it. */
function startLesson(id: string): void {
  const params = new URLSearchParams(location.search)
  params.set('scenario', id)
  history.replaceState(null, '', `${location.pathname}?${params.toString()}`)
  loadScenario(builtIn(id), id)
}

/**
 * The first screen a newcomer sees: the lessons, each one click away, and "Just explore" to keep
 * the default scenario already running behind it. Esc is "Just explore".
 */
export function Landing() {
  const [open, setOpen] = useState(() =>
    shouldShowLanding({ search: location.search, hash: location.hash, seen: readSeen() }),
  )
  const firstRef = useRef<HTMLButtonElement>(null)
  const close = (): void => {
    markSeen()
    setOpen(false)
  }
  useEffect(() => {
    if (!open) return
    firstRef.current?.focus()
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape') return
      markSeen()
      setOpen(false)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [open])
  if (!open) return null
  return (
    <div className="landing" data-testid="landing">
      <div
        className="landing__card"
        role="dialog"
        aria-modal="true"
        aria-labelledby="landing-title"
      >
        <h2 id="landing-title" className="landing__title">
          Watch a Kubernetes cluster work, message by message
        </h2>
        <p className="landing__intro">
          Every box is a component of a Kubernetes v1.34 cluster; every moving token is one real
          message. Pick a lesson: it pauses where to look and explains what is on screen.
        </p>
        <ul className="landing__list">
          {lessons.map((l, i) => (
            <li key={l.id}>
              <button
                ref={i === 0 ? firstRef : undefined}
                type="button"
                className="landing__lesson"
                data-testid={`landing.lesson.${l.id}`}
                onClick={() => {
                  close()
                  startLesson(l.id)
                }}
              >
                <span className="landing__lesson-title">{l.title}</span>
                <span className="landing__lesson-summary">{l.summary}</span>
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="button" data-testid="landing.explore" onClick={close}>
          Just explore
        </button>
        <p className="landing__hint">Press ? any time for the keyboard shortcuts.</p>
      </div>
    </div>
  )
}
