import { useEffect } from 'react'
import { ReactFlowProvider } from '@xyflow/react'
import { useReducedMotion } from 'motion/react'
import { setReducedMotion } from '../../state/actions.ts'
import { selectError, selectLoaded } from '../../state/selectors.ts'
import { useSimStore } from '../../state/sim-store.ts'
import { Graph } from '../graph/Graph.tsx'
import { Console } from '../panels/Console.tsx'
import { FlowDetails } from '../panels/FlowDetails.tsx'
import { FlowList } from '../panels/FlowList.tsx'
import { ComponentInspector } from '../panels/inspector/ComponentInspector.tsx'
import { ObjectInspector } from '../panels/inspector/ObjectInspector.tsx'
import { ProxyRules } from '../panels/ProxyRules.tsx'
import { TrafficPanel } from '../panels/TrafficPanel.tsx'
import { Toolbar } from '../panels/Toolbar.tsx'
import { Workbench } from '../panels/Workbench.tsx'
import { Timeline } from '../panels/timeline/Timeline.tsx'
import { HelpOverlay } from '../panels/lesson/HelpOverlay.tsx'
import { Landing } from '../landing/Landing.tsx'
import { Narration } from '../panels/lesson/Narration.tsx'
import { EmbedBar } from '../share/EmbedBar.tsx'
import { useEmbed, useShellMode } from '../share/useShellMode.ts'
import { WorkshopLayer } from '../share/WorkshopLayer.tsx'
import { useKeyboardShortcuts } from './useKeyboardShortcuts.ts'

/** The page: toolbar on top, the cluster in the middle, messages and console on the right. */
export function Shell({ loadError }: { loadError?: string }) {
  const reduced = useReducedMotion() ?? false
  const loaded = useSimStore(selectLoaded)
  const error = useSimStore(selectError)
  useKeyboardShortcuts()
  const mode = useShellMode()
  const embed = useEmbed()
  useEffect(() => setReducedMotion(reduced), [reduced])

  return (
    <div className={`shell${mode}`}>
      {embed ? <EmbedBar /> : <Toolbar />}
      <main className="shell__main">
        <h1 className="visually-hidden">Kubernetes cluster anatomy</h1>
        {loadError || error ? (
          <div className="banner" role="alert" data-testid="banner.error">
            {loadError ?? error}
          </div>
        ) : null}
        <ReactFlowProvider>
          <Graph />
        </ReactFlowProvider>
        {!loaded && !loadError ? <p className="loading">Starting the simulation…</p> : null}
        <WorkshopLayer />
        <Timeline />
        <Narration />
        <HelpOverlay />
        <Landing />
        <ObjectInspector />
        <ComponentInspector />
        <TrafficPanel />
        <ProxyRules />
      </main>
      <aside className="shell__side" aria-label="Messages and console">
        <FlowList />
        <FlowDetails />
        <Console />
        <Workbench />
      </aside>
    </div>
  )
}
