import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import '@xyflow/react/dist/style.css'
import './ui/app/app.css'
import { createSimClient } from './bridge/sim-client.ts'
import { defaultScenarioId, loadScenario as parseBuiltIn } from './scenarios/index.ts'
import { isShareFragment } from './share/codec.ts'
import { loadScenario } from './state/actions.ts'
import { connect } from './state/connect.ts'
import { openLink, setEmbed, setPresenter } from './state/share-actions.ts'
import { reportError } from './state/sim-store.ts'
import { App } from './ui/app/App.tsx'
import { scenarioIdFromUrl } from './ui/app/url.ts'
import { flagFromUrl } from './ui/share/url.ts'

const worker = new Worker(new URL('./worker/sim.worker.ts', import.meta.url), { type: 'module' })
worker.addEventListener('error', (e) =>
  reportError(`The simulation stopped: ${e.message || 'worker error'}`),
)
connect(createSimClient(worker))

setEmbed(flagFromUrl(window.location.search, 'embed'))
setPresenter(flagFromUrl(window.location.search, 'present'))

let loadError: string | undefined
// A share link in the fragment wins over `?scenario=`; a damaged one shows why (never blank).
if (!isShareFragment(window.location.hash) || !openLink(window.location.hash)) {
  try {
    const id = scenarioIdFromUrl(window.location.search, defaultScenarioId)
    loadScenario(parseBuiltIn(id), id)
  } catch (error) {
    loadError = error instanceof Error ? error.message : String(error)
  }
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App {...(loadError !== undefined ? { loadError } : {})} />
  </StrictMode>,
)
