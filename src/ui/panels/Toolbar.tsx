import { useId } from 'react'
import { play, pause, setShowAmbient, setSpeed, step } from '../../state/actions.ts'
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
import { PresenterToggle } from '../share/PresenterToggle.tsx'
import { ScenarioFiles } from '../share/ScenarioFiles.tsx'
import { ShareButton } from '../share/ShareButton.tsx'
import { TraceStatus } from '../share/TraceStatus.tsx'
import { Clock } from './Clock.tsx'
import { FaultsMenu } from '../faults/FaultsMenu.tsx'

const speedLabel = (s: number): string => `${s}×`

const icon = {
  width: 12,
  height: 12,
  viewBox: '0 0 12 12',
  'aria-hidden': true,
  fill: 'currentColor',
} as const
const PlayIcon = () => (
  <svg {...icon}>
    <path d="M2 1l9 5-9 5z" />
  </svg>
)
const PauseIcon = () => (
  <svg {...icon}>
    <path d="M2 1h3v10H2zM7 1h3v10H7z" />
  </svg>
)
const StepIcon = () => (
  <svg {...icon}>
    <path d="M1 1l7 5-7 5zM9 1h2v10H9z" />
  </svg>
)

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
    <header className="toolbar">
      <div className="toolbar__brand">
        <span className="toolbar__logo" aria-hidden="true">
          ⎈
        </span>
        <span className="toolbar__app">kube-anatomy</span>
        <span className="toolbar__title">{title}</span>
      </div>
      <div className="toolbar__controls" role="toolbar" aria-label="Playback">
        <button
          type="button"
          className="button button--primary"
          data-testid="toolbar.play"
          aria-label={playing ? 'Pause' : 'Play'}
          aria-keyshortcuts="Space"
          onClick={() => (playing ? pause() : play())}
        >
          {playing ? <PauseIcon /> : <PlayIcon />}
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
          <StepIcon />
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
        <TraceStatus />
        {idle && <span className="badge">settled</span>}
      </div>
      <div className="toolbar__share">
        <FaultsMenu />
        <ShareButton />
        <PresenterToggle />
        <ScenarioFiles />
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
