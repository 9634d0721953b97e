import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import '@xyflow/react/dist/style.css'
import './ui/app/app.css'
import { createSimClient } from './bridge/sim-client.ts'
import { defaultScenarioId, loadScenario as parseBuiltIn } from './scenarios/index.ts'
import { loadScenario } from './state/actions.ts'
import { connect } from './state/connect.ts'
import { reportError } from './state/sim-store.ts'
import { App } from './ui/app/App.tsx'
import { scenarioIdFromUrl } from './ui/app/url.ts'

const worker = new Worker(new URL('./worker/sim.worker.ts', import.meta.url), { type: 'module' })
worker.addEventListener('error', (e) =>
  reportError(`The simulation stopped: ${e.message || 'worker error'}`),
)
connect(createSimClient(worker))

let loadError: string | undefined
try {
  loadScenario(parseBuiltIn(scenarioIdFromUrl(window.location.search, defaultScenarioId)))
} catch (error) {
  loadError = error instanceof Error ? error.message : String(error)
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App {...(loadError !== undefined ? { loadError } : {})} />
  </StrictMode>,
)
