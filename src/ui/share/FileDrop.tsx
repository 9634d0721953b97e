import { useEffect, useState } from 'react'
import { dismissImportError } from '../../state/share-actions.ts'
import { useSessionStore } from '../../state/session-store.ts'
import { importFile } from './files.ts'

const hasFiles = (e: DragEvent): boolean => Array.from(e.dataTransfer?.types ?? []).includes('Files')

/** Drop a scenario file anywhere on the app to open it; a bad file says why, as text. */
export function FileDrop() {
  const [over, setOver] = useState(false)
  const error = useSessionStore((s) => s.importError)

  useEffect(() => {
    let depth = 0
    const enter = (e: DragEvent): void => {
      if (!hasFiles(e)) return
      depth++
      setOver(true)
    }
    const leave = (e: DragEvent): void => {
      if (!hasFiles(e)) return
      depth = Math.max(0, depth - 1)
      if (depth === 0) setOver(false)
    }
    const overHandler = (e: DragEvent): void => {
      if (hasFiles(e)) e.preventDefault()
    }
    const drop = (e: DragEvent): void => {
      if (!hasFiles(e)) return
      e.preventDefault()
      depth = 0
      setOver(false)
      const file = e.dataTransfer?.files[0]
      if (file) void importFile(file)
    }
    window.addEventListener('dragenter', enter)
    window.addEventListener('dragleave', leave)
    window.addEventListener('dragover', overHandler)
    window.addEventListener('drop', drop)
    return () => {
      window.removeEventListener('dragenter', enter)
      window.removeEventListener('dragleave', leave)
      window.removeEventListener('dragover', overHandler)
      window.removeEventListener('drop', drop)
    }
  }, [])

  return (
    <>
      {over && (
        <div className="overlay overlay--drop" data-testid="import.drop">
          <p className="overlay__card">Drop a scenario file (.yaml or .json) to open it</p>
        </div>
      )}
      {error !== null && (
        <div className="banner banner--import" role="alert" data-testid="import.error">
          <span>{error}</span>
          <button type="button" className="button button--small" onClick={dismissImportError}>
            Dismiss
          </button>
        </div>
      )}
    </>
  )
}
