import { useEffect } from 'react'
import type { ObjectHistoryView } from '../../../sim/protocol.ts'
import { clearObjectDelete, deleteLine, deleteObject, useObjectDelete } from '../../../state/object-delete.ts'

/**
 * Delete, next to Close: it types `kubectl delete <kind> <name>` for the person and shows that line
 * with kubectl's answer, so the button teaches the command it stands for.
 */
export function ObjectDelete({ objectKey, history }: { objectKey: string; history: ObjectHistoryView | null }) {
  const forKey = useObjectDelete((s) => s.key)
  const waiting = useObjectDelete((s) => s.line !== null && s.answer === null)
  useEffect(() => clearObjectDelete, [objectKey])
  const now = history?.revisions.at(-1)?.object ?? null
  if (!now) return null
  return (
    <button
      type="button"
      className="button button--small"
      data-testid="object.delete"
      // Already going: a second delete would only repeat kubectl's wait.
      disabled={now.metadata.deletionTimestamp !== undefined || (forKey === objectKey && waiting)}
      title={`kubectl ${deleteLine(now)}`}
      aria-label={`Delete ${now.kind} ${now.metadata.name ?? ''}`}
      onClick={() => deleteObject(objectKey, now)}
    >
      Delete
    </button>
  )
}

/** The line Delete typed and kubectl's answer, on a row of its own under the inspector's title. */
export function ObjectDeleteOutput({ objectKey }: { objectKey: string }) {
  const forKey = useObjectDelete((s) => s.key)
  const line = useObjectDelete((s) => s.line)
  const answer = useObjectDelete((s) => s.answer)
  if (forKey !== objectKey || !line) return null
  const output = answer ? (answer.stdout + answer.stderr).trim() : 'waiting for kubectl…'
  return (
    <output className="oinspect__kubectl" data-testid="object.delete-output" aria-live="polite">
      <code>$ kubectl {line}</code>
      <span>{output}</span>
    </output>
  )
}
