import { useRef, useState, type KeyboardEvent } from 'react'
import { useAnimationFrame } from 'motion/react'
import type { TimelineMarker } from '../../../sim/protocol.ts'
import {
  seek,
  selectTimelineInfo,
  stepBack,
  useTimelineStore,
} from '../../../state/timeline-store.ts'
import { formatVirtual } from '../../../state/time.ts'
import { virtualNow } from '../../flows/useVirtualNow.ts'
import { EtcdBrowser } from '../inspector/EtcdBrowser.tsx'
import './timeline.css'

const markerTitle = (m: TimelineMarker): string =>
  `${(m.atMs / 1000).toFixed(3)} s — ${m.kind === 'event' ? 'Event ' : ''}${m.label}`

/** Keyboard moves on the slider: arrows 1 s, Page keys 10 s, Home and End. */
function keyTarget(key: string, now: number, end: number): number | null {
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return now - 1_000
    case 'ArrowRight':
    case 'ArrowUp':
      return now + 1_000
    case 'PageDown':
      return now - 10_000
    case 'PageUp':
      return now + 10_000
    case 'Home':
      return 0
    case 'End':
      return end
    default:
      return null
  }
}

/**
 * The run as a line: drag (or use the keys) to put the cluster as it was at any moment, step back
 * one message, and see where the script, the person's commands, faults, Events and chapters fall.
 * Past the head (hatched) the branch has not run yet; seeking there runs it.
 */
export function Timeline() {
  const info = useTimelineStore(selectTimelineInfo)
  const inputRef = useRef<HTMLInputElement>(null)
  const timeRef = useRef<HTMLSpanElement>(null)
  const dragging = useRef(false)
  const pendingSeek = useRef<number | null>(null)
  const end = Math.max(1, info?.endMs ?? 1)
  const [etcdOpen, setEtcdOpen] = useState(false)

  useAnimationFrame(() => {
    const input = inputRef.current
    if (!input) return
    if (pendingSeek.current !== null) {
      seek(pendingSeek.current)
      pendingSeek.current = null
    }
    if (dragging.current) return
    const v = Math.min(end, virtualNow())
    const value = String(Math.round(v))
    if (input.value !== value) {
      input.value = value
      input.setAttribute('aria-valuetext', formatVirtual(v))
    }
    const text = formatVirtual(v)
    if (timeRef.current && timeRef.current.textContent !== text) timeRef.current.textContent = text
  })

  const onInput = (): void => {
    const input = inputRef.current
    if (!input) return
    dragging.current = true
    const t = Number(input.value)
    pendingSeek.current = t
    input.setAttribute('aria-valuetext', formatVirtual(t))
    if (timeRef.current) timeRef.current.textContent = formatVirtual(t)
  }
  const endDrag = (): void => {
    dragging.current = false
  }
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    const t = keyTarget(e.key, virtualNow(), end)
    if (t === null) return
    e.preventDefault()
    seek(Math.min(end, Math.max(0, t)))
  }

  const head = info ? Math.min(1, info.headMs / end) : 0
  return (
    <section className="timeline" aria-label="Timeline" data-testid="timeline" data-graph-inset="bottom">
      <button
        type="button"
        className="button button--small timeline__back"
        data-testid="timeline.back"
        aria-keyshortcuts="ArrowLeft"
        title="Step back one message (←)"
        onClick={stepBack}
      >
        <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" fill="currentColor">
          <path d="M11 1L4 6l7 5zM1 1h2v10H1z" />
        </svg>
        Back
      </button>
      <div className="timeline__track">
        <div
          className="timeline__unrun"
          style={{ left: `${head * 100}%` }}
          aria-hidden="true"
          title="Not run yet on this branch"
        />
        <ol className="timeline__markers" aria-label="Moments on the timeline">
          {(info?.markers ?? []).map((m, i) => (
            <li
              key={`${m.atMs}-${i}`}
              className={`timeline__marker timeline__marker--${m.kind}`}
              style={{ left: `${(Math.min(m.atMs, end) / end) * 100}%` }}
            >
              <button
                type="button"
                data-testid="timeline.marker"
                data-kind={m.kind}
                title={markerTitle(m)}
                aria-label={markerTitle(m)}
                onClick={() => seek(m.atMs)}
              />
            </li>
          ))}
        </ol>
        <input
          ref={inputRef}
          type="range"
          className="timeline__slider"
          data-testid="timeline.slider"
          aria-label="Virtual time"
          min={0}
          max={end}
          step={1}
          defaultValue={0}
          onInput={onInput}
          onPointerUp={endDrag}
          onBlur={endDrag}
          onKeyDown={onKeyDown}
        />
      </div>
      <span className="timeline__time" ref={timeRef} data-testid="timeline.time">
        {formatVirtual(0)}
      </span>
      <span className="timeline__end">/ {(end / 1000).toFixed(0)} s</span>
      <button
        type="button"
        className="button button--small"
        data-testid="timeline.etcd"
        aria-expanded={etcdOpen}
        title="Browse etcd's keys, objects and their versions"
        onClick={() => setEtcdOpen((o) => !o)}
      >
        etcd
      </button>
      {etcdOpen ? <EtcdBrowser onClose={() => setEtcdOpen(false)} /> : null}
    </section>
  )
}
