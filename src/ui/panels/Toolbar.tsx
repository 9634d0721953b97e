import { useId } from 'react'
import {
  play,
  pause,
  setShowAmbient,
  setSpeed,
  step,
} from '../../state/actions.ts'
import { speeds, usePlaybackStore } from '../../state/playback-store.ts'
import {
  selectIdle,
  selectScenarioTitle,
  selectShowAmbient,
  selectSpeed,
  usePlaying,
} from '../../state/selectors.ts'
import { useSimStore } from '../../state/sim-store.ts'
import { useUiStore } from '../../state/ui-store.ts'
import { Clock } from './Clock.tsx'

const speedLabel = (s: number): string => `${s}×`

/** Play/Pause, Step, speed, the clock and the heartbeat filter. */
export function Toolbar() {
  const playing = usePlaying()
  const speed = usePlaybackStore(selectSpeed)
  const title = useSimStore(selectScenarioTitle)
  const idle = useSimStore(selectIdle)
  const showAmbient = useUiStore(selectShowAmbient)
  const speedId = useId()
  const ambientId = useId()

  return (
    <header className="toolbar" role="toolbar" aria-label="Playback">
      <div className="toolbar__brand">
        <span className="toolbar__logo" aria-hidden="true">⎈</span>
        <span className="toolbar__app">kube-anatomy</span>
        <span className="toolbar__title">{title}</span>
      </div>
      <div className="toolbar__controls">
        <button
          type="button"
          className="button button--primary"
          data-testid="toolbar.play"
          aria-label={playing ? 'Pause' : 'Play'}
          aria-keyshortcuts="Space"
          onClick={() => (playing ? pause() : play())}
        >
          <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span>
          {playing ? 'Pause' : 'Play'}
        </button>
        <button
          type="button"
          className="button"
          data-testid="toolbar.step"
          aria-label="Step"
          aria-keyshortcuts="ArrowRight"
          title="Deliver the next message (→)"
          onClick={step}
        >
          <span aria-hidden="true">⏭</span>
          Step
        </button>
        <label className="toolbar__field" htmlFor={speedId}>
          Speed
        </label>
        <select
          id={speedId}
          className="select"
          data-testid="toolbar.speed"
          value={String(speed)}
          onChange={(e) => setSpeed(Number(e.target.value))}
        >
          {speeds.map((s) => (
            <option key={s} value={String(s)}>
              {speedLabel(s)}
            </option>
          ))}
        </select>
        <Clock />
        {idle && <span className="badge">settled</span>}
      </div>
      <div className="toolbar__filters">
        <input
          id={ambientId}
          type="checkbox"
          data-testid="toolbar.heartbeats"
          checked={showAmbient}
          onChange={(e) => setShowAmbient(e.target.checked)}
        />
        <label htmlFor={ambientId}>Show heartbeats</label>
      </div>
    </header>
  )
}
