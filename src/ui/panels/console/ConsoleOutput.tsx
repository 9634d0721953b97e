import { useMemo, type Ref } from 'react'
import type { KubectlResult, KubectlStream } from '../../../sim/protocol.ts'
import { simStore } from '../../../state/sim-store.ts'
import { ObjectLink } from '../object-link/ObjectLink.tsx'
import { walkObjectLinks } from '../object-link/walk-object-links.ts'
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

  const empty = parts.length === 0
  return (
    <pre
      ref={outputRef}
      className="console__output"
      data-testid="console.output"
      tabIndex={0}
      aria-description="Object names open in the inspector: arrow keys move between them, Enter opens one."
      onKeyDown={walkObjectLinks}
    >
      {empty
        ? 'kubectl answers appear here.'
        : parts.map((p, i) =>
            p.objectKey ? (
              <ObjectLink key={i} objectKey={p.objectKey} text={p.text} testId="console.name" />
            ) : (
              p.text
            ),
          )}
    </pre>
  )
}
