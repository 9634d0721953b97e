import type { ReactNode } from 'react'
import { nextChapter, useLessonStore } from '../../../state/lesson-store.ts'
import './lesson.css'

/** Narration is plain text with `code` spans (STYLE.md §3.9): never HTML. */
function renderNarration(text: string): ReactNode[] {
  return text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))
}

/**
 * The lesson's chapter: what is on screen, in words, and "Next" to the next moment worth a look.
 * The card sits at the bottom of a slot of constant height, and the slot is what the graph fits
 * above: chapters with longer or shorter narration never make the picture refit (jump) under the
 * person's eyes. A narration longer than the slot scrolls inside the card.
 */
export function Narration() {
  const chapter = useLessonStore((s) => s.chapter)
  if (!chapter) return null
  const done = chapter.index >= chapter.count - 1
  return (
    <div className="narration-slot" data-graph-inset="bottom" data-testid="lesson.slot">
      <section className="narration" aria-label="Lesson" aria-live="polite" data-testid="lesson">
        <header className="narration__head">
          <span className="narration__step" data-testid="lesson.step">
            {chapter.index < 0 ? 'Lesson' : `Chapter ${chapter.index + 1} of ${chapter.count}`}
          </span>
          <button
            type="button"
            className="button button--primary button--small"
            data-testid="lesson.next"
            disabled={done || chapter.playingToNext}
            onClick={nextChapter}
          >
            {chapter.index < 0 ? 'Start' : chapter.playingToNext ? 'Playing…' : 'Next'}
          </button>
        </header>
        {chapter.index < 0 ? (
          <p className="narration__text">
            Press Start: the cluster runs until the first chapter begins, then pauses so you can
            look.
          </p>
        ) : (
          <>
            <h2 className="narration__title" data-testid="lesson.title">
              {chapter.title}
            </h2>
            <p className="narration__text">{renderNarration(chapter.narration)}</p>
          </>
        )}
      </section>
    </div>
  )
}
