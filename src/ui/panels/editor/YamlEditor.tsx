import { useEffect, useId, useRef, useState } from 'react'
import { basicSetup, EditorView } from 'codemirror'
import { keymap } from '@codemirror/view'
import { Prec } from '@codemirror/state'
import { yaml } from '@codemirror/lang-yaml'
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint'
import { runKubectl } from '../../../state/actions.ts'
import { onKubectlAnswer } from '../../../state/kubectl-answer.ts'
import { exampleDeployment } from './example.ts'
import { stderrErrors, syntaxErrors, type LineError } from './yaml-errors.ts'

/** Line errors as CodeMirror diagnostics spanning their whole line. */
function toDiagnostics(view: EditorView, errors: LineError[]): Diagnostic[] {
  const doc = view.state.doc
  return errors.map((e) => {
    const line = doc.line(Math.min(Math.max(e.line, 1), doc.lines))
    return { from: line.from, to: line.to, severity: 'error', message: e.message }
  })
}

/** A YAML editor whose Apply sends `kubectl apply -f -` with the text as stdin. */
export function YamlEditor() {
  const hostRef = useRef<HTMLDivElement>(null)
  const applyRef = useRef<() => void>(() => {})
  const [pending, setPending] = useState(false)
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null)
  const [errors, setErrors] = useState<LineError[]>([])
  const labelId = useId()

  useEffect(() => {
    if (!hostRef.current) return
    let cancelAnswer = (): void => {}
    const show = (view: EditorView, errs: LineError[]): void => {
      setErrors(errs)
      const diagnostics = toDiagnostics(view, errs)
      view.dispatch(setDiagnostics(view.state, diagnostics))
      // Bring the first faulty line into view: it may be far above where the person typed.
      const first = diagnostics[0]
      if (first) view.dispatch({ effects: EditorView.scrollIntoView(first.from, { y: 'center' }) })
    }
    const apply = (): void => {
      const text = view.state.doc.toString()
      const syntax = syntaxErrors(text)
      if (syntax.length > 0) {
        // Nothing is sent: a file that does not parse never reaches the cluster.
        show(view, syntax)
        setStatus({ ok: false, text: 'Not sent: the YAML does not parse.' })
        return
      }
      show(view, [])
      setStatus(null)
      setPending(true)
      cancelAnswer()
      cancelAnswer = onKubectlAnswer(runKubectl('apply -f -', text), (result) => {
        setPending(false)
        if (result.exitCode === 0) {
          setStatus({ ok: true, text: result.stdout.trim() })
        } else {
          // The message is already listed by line; the status only says nothing was written.
          show(view, stderrErrors(text, result.stderr))
          setStatus({ ok: false, text: 'Refused: nothing in the cluster changed.' })
        }
      })
    }
    const view = new EditorView({
      doc: exampleDeployment,
      parent: hostRef.current,
      extensions: [
        basicSetup,
        yaml(),
        lintGutter(),
        Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => (apply(), true) }])),
        EditorView.contentAttributes.of({
          // An explicit tab stop, so the editor's scroller counts as focusable (axe).
          tabindex: '0',
          'aria-labelledby': labelId,
          'aria-describedby': `${labelId}-hint`,
          'data-testid': 'editor.text',
        }),
      ],
    })
    applyRef.current = apply
    return () => {
      cancelAnswer()
      view.destroy()
    }
  }, [labelId])

  return (
    <section className="panel panel--editor" aria-labelledby={labelId}>
      <div className="editor__bar">
        <h2 id={labelId} className="panel__heading">
          YAML editor
        </h2>
        <button
          type="button"
          className="editor__apply"
          data-testid="editor.apply"
          aria-keyshortcuts="Control+Enter"
          title="kubectl apply -f - (Ctrl+Enter)"
          onClick={() => applyRef.current()}
          disabled={pending}
        >
          Apply
        </button>
      </div>
      <p id={`${labelId}-hint`} className="visually-hidden">
        Ctrl+Enter applies the file with kubectl apply -f -.
      </p>
      <div ref={hostRef} className="editor__host" />
      {errors.length > 0 ? (
        <ul className="editor__errors" data-testid="editor.errors" role="alert">
          {errors.map((e, i) => (
            <li key={i} data-line={e.line}>
              Line {e.line}: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
      {status ? (
        <p
          className={`editor__status${status.ok ? '' : ' editor__status--error'}`}
          data-testid="editor.status"
          role="status"
        >
          {status.text}
        </p>
      ) : null}
    </section>
  )
}
