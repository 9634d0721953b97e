import { useCallback, useEffect, useRef, useState } from 'react'
import { shareFragment } from '../../state/share-actions.ts'
import { linkAddress } from './url.ts'
import './share.css'

type Status =
  | { kind: 'closed' }
  | { kind: 'working' }
  | { kind: 'ready'; link: string; copied: boolean }
  | { kind: 'failed'; reason: string }

/**
 * Share (and Ctrl/Cmd+S): pauses, makes the link, copies it. The link is always shown in a field
 * too, because a clipboard may be refused (no permission, an http page, a headless browser).
 */
export function ShareButton() {
  const [status, setStatus] = useState<Status>({ kind: 'closed' })
  const fieldRef = useRef<HTMLInputElement>(null)

  const share = useCallback(async () => {
    setStatus({ kind: 'working' })
    try {
      const link = linkAddress(window.location, await shareFragment())
      let copied = false
      try {
        // A refused permission can leave the promise pending: give up after a second.
        await Promise.race([
          navigator.clipboard.writeText(link),
          new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000)),
        ])
        copied = true
      } catch {
        copied = false
      }
      setStatus({ kind: 'ready', link, copied })
    } catch (error) {
      setStatus({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) })
    }
  }, [])

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 's') {
        // The browser's "Save page" would save a blank shell; a link is what saves a moment here.
        e.preventDefault()
        void share()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [share])

  useEffect(() => {
    if (status.kind === 'ready') fieldRef.current?.select()
  }, [status])

  return (
    <div className="share">
      <button
        type="button"
        className="button"
        data-testid="toolbar.share"
        aria-keyshortcuts="Control+S Meta+S"
        title="Copy a link to this exact moment (Ctrl+S)"
        onClick={() => void share()}
      >
        Share
      </button>
      {status.kind !== 'closed' && (
        <div className="share__popover" role="dialog" aria-label="Share link" data-testid="share.dialog">
          <p className="share__status" role="status" data-testid="share.status">
            {status.kind === 'working' && 'Making the link…'}
            {status.kind === 'ready' &&
              (status.copied ? 'Link copied.' : 'Copy this link (the clipboard is not available here):')}
            {status.kind === 'failed' && `No link: ${status.reason}`}
          </p>
          {status.kind === 'ready' && (
            <input
              ref={fieldRef}
              className="share__field"
              data-testid="share.link"
              aria-label="Link to this moment"
              readOnly
              value={status.link}
              onFocus={(e) => e.currentTarget.select()}
            />
          )}
          <button
            type="button"
            className="button button--small"
            data-testid="share.close"
            onClick={() => setStatus({ kind: 'closed' })}
          >
            Close
          </button>
        </div>
      )}
    </div>
  )
}
