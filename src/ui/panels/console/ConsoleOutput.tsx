import { useMemo, type KeyboardEvent, type Ref } from 'react'
import type { KubectlResult, KubectlStream } from '../../../sim/protocol.ts'
import { inspectObject } from '../../../state/object-inspector.ts'
import { simStore } from '../../../state/sim-store.ts'
import { indexByName } from './object-refs.ts'
import { consoleParts } from './parts.ts'

interface Props {
  results: KubectlResult[]
  streams: KubectlStream[]
  pending: string[]
  outputRef: Ref<HTMLPreElement>
}

/**
 * What kubectl printed, with every object name it printed (a `get` table's NAME column, `-o name`,
 * `deployment.apps/web created`) a button that opens the object inspector. The buttons are drawn as
 * the plain text they are, so what one copies is what kubectl printed. One tab stop for the whole
 * output: the arrow keys then walk its names, Enter opens one, Esc goes back.
 */
export function ConsoleOutput({ results, streams, pending, outputRef }: Props) {
  // Names resolve against the mirror as it is when the output arrives (objects created with it
  // are in the same update); a name whose object is gone by then prints as plain text.
  // The parent makes a new `pending` each keystroke; its text is what matters.
  const waiting = pending.join('\n')
  const parts = useMemo(
    () => consoleParts(results, streams, waiting ? waiting.split('\n') : [], indexByName(simStore.getState().objects)),
    [results, streams, waiting],
  )

  const onKeyDown = (e: KeyboardEvent<HTMLPreElement>): void => {
    const names = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button.console__name')]
    if (names.length === 0) return
    const at = names.indexOf(e.target as HTMLButtonElement)
    let next: HTMLButtonElement | undefined
    if (e.key === 'ArrowDown') next = at < 0 ? names[names.length - 1] : names[Math.min(at + 1, names.length - 1)]
    else if (e.key === 'ArrowUp') next = at < 0 ? names[names.length - 1] : names[Math.max(at - 1, 0)]
    else if (e.key === 'Home' && at >= 0) next = names[0]
    else if (e.key === 'End' && at >= 0) next = names[names.length - 1]
    else if (e.key === 'Escape' && at >= 0) {
      e.stopPropagation()
      e.currentTarget.focus()
    }
    if (!next) return
    e.preventDefault()
    next.focus()
  }

  const empty = parts.length === 0
  return (
    <pre
      ref={outputRef}
      className="console__output"
      data-testid="console.output"
      tabIndex={0}
      aria-description="Object names open in the inspector: arrow keys move between them, Enter opens one."
      onKeyDown={onKeyDown}
    >
      {empty
        ? 'kubectl answers appear here.'
        : parts.map((p, i) =>
            p.objectKey ? (
              <button
                key={i}
                type="button"
                tabIndex={-1}
                className="console__name"
                data-testid="console.name"
                data-object-key={p.objectKey}
                title={`Inspect ${p.objectKey}`}
                onClick={() => inspectObject(p.objectKey!)}
              >
                {p.text}
              </button>
            ) : (
              p.text
            ),
          )}
    </pre>
  )
}
