import { pause, play, step } from '../../state/actions.ts'
import { selectScenarioTitle, usePlaying } from '../../state/selectors.ts'
import { useSimStore } from '../../state/sim-store.ts'
import { Clock } from '../panels/Clock.tsx'
import { fullAppAddress } from './url.ts'

/** `?embed=1`: the few controls a slide needs, and a way out to the full app. */
export function EmbedBar() {
  const playing = usePlaying()
  const title = useSimStore(selectScenarioTitle)
  return (
    <header className="toolbar toolbar--embed">
      <span className="toolbar__title">{title}</span>
      <div className="toolbar__controls" role="toolbar" aria-label="Playback">
        <button
          type="button"
          className="button button--primary"
          data-testid="toolbar.play"
          aria-label={playing ? 'Pause' : 'Play'}
          onClick={() => (playing ? pause() : play())}
        >
          {playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" className="button" data-testid="toolbar.step" aria-label="Step" onClick={step}>
          Step
        </button>
        <Clock />
      </div>
      <a
        className="toolbar__open"
        href={fullAppAddress(window.location)}
        target="_blank"
        rel="noopener noreferrer"
        data-testid="embed.open"
      >
        Open in kube-anatomy ↗
      </a>
    </header>
  )
}
