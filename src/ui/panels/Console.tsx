import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { runKubectl } from '../../state/actions.ts'
import { selectKubectlResults } from '../../state/selectors.ts'
import { useSimStore } from '../../state/sim-store.ts'

/** A minimal kubectl prompt: what the script and the person typed, and what kubectl answered. */
export function Console() {
  const results = useSimStore(selectKubectlResults)
  const [line, setLine] = useState('')
  const [waiting, setWaiting] = useState<string[]>([])
  const inputId = useId()
  const outputRef = useRef<HTMLPreElement>(null)

  const answered = new Set(results.map((r) => r.requestId).filter(Boolean))
  const pending = waiting.filter((w) => !answered.has(w.split('\u0000')[0]))

  useEffect(() => {
    const el = outputRef.current
    if (el) el.scrollTop = el.scrollHeight
  }, [results.length, pending.length])

  const submit = (e: FormEvent): void => {
    e.preventDefault()
    if (!line.trim()) return
    const id = runKubectl(line)
    setWaiting((w) => [...w, `${id}\u0000${line.trim().replace(/^kubectl\s+/, '')}`])
    setLine('')
  }

  const text = results
    .map((r) => `$ kubectl ${r.line}\n${r.stdout}${r.stderr}`)
    .concat(pending.map((w) => `$ kubectl ${w.split('\u0000')[1]}\n…`))
    .join('')

  return (
    <section className="panel panel--console" aria-labelledby="console-heading">
      <h2 id="console-heading" className="panel__heading">
        Console
      </h2>
      <pre ref={outputRef} className="console__output" data-testid="console.output" tabIndex={0}>
        {text || 'kubectl answers appear here.'}
      </pre>
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
          onChange={(e) => setLine(e.target.value)}
        />
      </form>
    </section>
  )
}
