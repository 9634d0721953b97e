import { inspectObject } from '../../../state/object-inspector.ts'
import './object-link.css'

interface Props {
  /** The object's etcd key: what the inspector opens. */
  objectKey: string
  /** What kubectl printed for it; the button shows exactly that text. */
  text: string
  testId: string
}

/**
 * An object name kubectl printed (the console's names, the OBJECT column of the events): the same
 * text, a button that opens the object inspector. Not a tab stop of its own: its container is one,
 * and `walkObjectLinks` (walk-object-links.ts) moves focus among its links.
 */
export function ObjectLink({ objectKey, text, testId }: Props) {
  return (
    <button
      type="button"
      tabIndex={-1}
      className="object-link"
      data-testid={testId}
      data-object-key={objectKey}
      title={`Inspect ${objectKey}`}
      onClick={() => inspectObject(objectKey)}
    >
      {text}
    </button>
  )
}
