import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { interruptKubectl, runKubectl } from '../../state/actions.ts'
import { selectKubectlResults, selectKubectlStreams } from '../../state/selectors.ts'
import { simStore, useSimStore } from '../../state/sim-store.ts'
import { complete } from './console/completion.ts'
import { historyMove, historyPush, type HistoryCursor } from './console/history.ts'
import { ConsoleOutput } from './console/ConsoleOutput.tsx'
import './console/console.css'

/**
 * A minimal kubectl prompt: what the script and the person typed, and what kubectl answered. A
 * line that keeps running (`get -w`) prints as it goes; Ctrl+C, the Stop button or a new line
 * interrupts it, as in a terminal.
 */
export function Console() {
  const results = useSimStore(selectKubectlResults)
  const streams = useSimStore(selectKubectlStreams)
  const [line, setLine] = useState('')
  const [waiting, setWaiting] = useState<string[]>([])
  const [history, setHistory] = useState<string[]>([])
  const [cursor, setCursor] = useState<HistoryCursor>({ index: 0, draft: '' })
  const [candidates, setCandidates] = useState<string[]>([])
  const inputId = useId()
  const outputRef = useRef<HTMLPreElement>(null)

  const answered = new Set(results.map((r) => r.requestId).filter(Boolean))
  const pending = waiting.filter((w) => !answered.has(w.split('\u0000')[0]))

  const streamText = streams.map((s) => s.stdout).join('')
  useEffect(() => {
    const el = outputRef.current
    if (el) el.scrollTop = el.scrollHeight
  }, [results.length, pending.length, streamText])

  // The person's lines still running: the foreground job a Ctrl+C stops.
  const running = pending.map((w) => w.split('\u0000')[0]!)
  const interrupt = (): void => running.forEach(interruptKubectl)

  const submit = (e: FormEvent): void => {
    e.preventDefault()
    if (!line.trim()) return
    // A new line takes the terminal: a watch still running is interrupted first.
    const streaming = new Set(streams.map((s) => s.requestId))
    running.filter((id) => streaming.has(id)).forEach(interruptKubectl)
    const id = runKubectl(line)
    setWaiting((w) => [...w, `${id}\u0000${line.trim().replace(/^kubectl\s+/, '')}`])
    const entries = historyPush(history, line.trim())
    setHistory(entries)
    setCursor({ index: entries.length, draft: '' })
    setCandidates([])
    setLine('')
  }

  // ↑/↓ walk the history, Tab completes commands, kinds and names from the page's mirror.
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    const input = e.currentTarget
    const selecting = input.selectionStart !== input.selectionEnd
    if (e.key === 'c' && e.ctrlKey && !e.altKey && !e.metaKey && !selecting && running.length > 0) {
      // As in a shell: SIGINT to the running line, and the half-typed line is dropped.
      e.preventDefault()
      interrupt()
      setLine('')
      setCandidates([])
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      const at = cursor.index > history.length ? history.length : cursor.index
      const moved = historyMove(history, { ...cursor, index: at }, line, e.key === 'ArrowUp' ? -1 : 1)
      e.preventDefault()
      if (!moved) return
      setCursor(moved.cursor)
      setLine(moved.line)
      setCandidates([])
    } else if (e.key === 'Tab' && !e.shiftKey && line.trim() !== '') {
      e.preventDefault()
      const done = complete(line, simStore.getState().objects)
      setLine(done.line)
      setCandidates(done.candidates)
    }
  }

  return (
    <section className="panel panel--console" aria-labelledby="console-heading">
      <h2 id="console-heading" className="panel__heading">
        Console
      </h2>
      <ConsoleOutput results={results} streams={streams} pending={pending} outputRef={outputRef} />
      <form className="console__form" onSubmit={submit}>
        <label htmlFor={inputId} className="console__prompt">
          $ kubectl
        </label>
        <input
          id={inputId}
          className="console__input"
          data-testid="console.input"
          aria-label="kubectl command"
          autoComplete="off"
          spellCheck={false}
          placeholder="get pods"
          value={line}
          onChange={(e) => {
            setLine(e.target.value)
            setCandidates([])
          }}
          onKeyDown={onKeyDown}
          aria-describedby={`${inputId}-candidates`}
        />
        {running.length > 0 && (
          <button
            type="button"
            className="console__stop"
            data-testid="console.interrupt"
            title="Interrupt the running line (Ctrl+C)"
            onClick={interrupt}
          >
            Stop ^C
          </button>
        )}
      </form>
      <p
        id={`${inputId}-candidates`}
        className="console__candidates"
        data-testid="console.candidates"
        aria-live="polite"
      >
        {candidates.join('  ')}
      </p>
    </section>
  )
}
