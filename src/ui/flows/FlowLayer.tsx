import { useCallback, useLayoutEffect, useRef, useState } from 'react'
import { ViewportPortal } from '@xyflow/react'
import { AnimatePresence, useAnimationFrame } from 'motion/react'
import { useShallow } from 'zustand/react/shallow'
import type { Flow } from '../../sim/protocol.ts'
import { playbackStore } from '../../state/playback-store.ts'
import {
  selectReducedMotion,
  selectSelectedFlowId,
  selectShowAmbient,
} from '../../state/selectors.ts'
import { usePlaybackStore } from '../../state/playback-store.ts'
import { simStore, useSimStore, type SimState } from '../../state/sim-store.ts'
import { hopProgress } from '../../state/time.ts'
import { useUiStore } from '../../state/ui-store.ts'
import { flowPath, pointAlong, type ClusterLayout, type Point } from '../graph/layout.ts'
import { FlowToken } from './FlowToken.tsx'
import { TokenCanvas } from './TokenCanvas.tsx'
import { dataPlaneKinds } from './data-plane-kinds.ts'
import { createOutcomeLookup } from './flow-outcomes.ts'
import './flow-layer.css'
import { emitPulse } from './pulses.ts'
import { virtualNow } from './useVirtualNow.ts'

/**
 * Ids of the live flows drawn as DOM tokens: all but the data plane, which TokenCanvas paints.
 * Packets start and end every frame under traffic; this list changes only with the control plane.
 */
const selectDomFlowIds = (s: SimState): string[] => {
  const ids: string[] = []
  for (const f of s.live) if (!dataPlaneKinds.has(f.kind)) ids.push(f.id)
  return ids
}

interface Tracked {
  el: HTMLDivElement
  flow: Flow
  path: Point[] | null
  layout: ClusterLayout | null
  arrived: boolean
  /** Settled outcome once known; a dropped message is drawn failing. */
  outcome?: 'delivered' | 'dropped'
  /** What was last written to the element, so an unchanged frame writes nothing. */
  transform?: string
  progress?: string
}

/**
 * Draws one token per flow in flight, inside the viewport so tokens pan and zoom with the graph.
 * React renders the set of tokens (it changes at update rate); positions are written straight to
 * the DOM every animation frame from the displayed virtual time:
 * progress = clamp((now − sentAt) / (arrivesAt − sentAt)). With reduced motion a token waits at
 * the sender and jumps to the receiver on arrival. Requests, answers and DNS packets (hundreds in
 * flight under traffic) are painted by TokenCanvas instead, with the same math.
 */
export function FlowLayer({ layout }: { layout: ClusterLayout }) {
  const ids = useSimStore(useShallow(selectDomFlowIds))
  const showAmbient = useUiStore(selectShowAmbient)
  const selectedId = useUiStore(selectSelectedFlowId)
  const reduced = usePlaybackStore(selectReducedMotion)
  const layoutRef = useRef(layout)
  useLayoutEffect(() => {
    layoutRef.current = layout
  }, [layout])
  const tracked = useRef(new Map<string, Tracked>())
  /** The live flows of the last render by id: hundreds of tokens mount per update, no scan each. */
  const liveById = useRef(new Map<string, Flow>())
  /** Outcomes by flow id, rebuilt only when the store's flows array changes. */
  const [outcomeOf] = useState(createOutcomeLookup)

  const register = useCallback((id: string, el: HTMLDivElement | null) => {
    if (!el) {
      tracked.current.delete(id)
      return
    }
    const flow = liveById.current.get(id) ?? simStore.getState().live.find((f) => f.id === id)
    if (flow) tracked.current.set(id, { el, flow, path: null, layout: null, arrived: false })
  }, [])

  useAnimationFrame(() => {
    const now = virtualNow()
    const jump = playbackStore.getState().reducedMotion
    const current = layoutRef.current
    for (const t of tracked.current.values()) {
      if (t.layout !== current) {
        t.path = flowPath(current, t.flow.from, t.flow.to)
        t.layout = current
      }
      const { el, flow, path } = t
      if (!path || now < flow.sentAt) {
        el.style.visibility = 'hidden'
        t.transform = undefined
        continue
      }
      let p = hopProgress(flow.sentAt, flow.arrivesAt, now)
      if (jump) p = p >= 1 ? 1 : 0
      const at = pointAlong(path, p)
      const transform = `translate(${at.x}px, ${at.y}px)`
      const progress = p >= 1 ? '1' : p <= 0 ? '0' : p.toFixed(3)
      if (t.transform === undefined) el.style.visibility = 'visible'
      if (transform !== t.transform) el.style.transform = t.transform = transform
      if (progress !== t.progress) el.dataset.progress = t.progress = progress
      if (p >= 1 && !t.arrived) {
        t.arrived = true
        el.classList.add('token--arrived')
        emitPulse(flow.to)
      }
      // A message to a stopped component or across a partition never arrives: it fails red.
      if (t.arrived && t.outcome === undefined) {
        const outcome = outcomeOf(flow.id)
        if (outcome && outcome !== 'in-flight') t.outcome = outcome
        if (outcome === 'dropped') el.classList.add('token--dropped')
      }
    }
  })

  const live = simStore.getState().live
  const byId = new Map(live.map((f) => [f.id, f]))
  // Refs are written during render on purpose: children's ref callbacks (register) run in this commit.
  // eslint-disable-next-line react-hooks/refs
  liveById.current = byId
  const flows: Flow[] = []
  for (const id of ids) {
    const f = byId.get(id)
    if (f && (showAmbient || !f.ambient)) flows.push(f)
  }

  return (
    <>
      <TokenCanvas layout={layout} />
      <ViewportPortal>
        <div className="flow-layer" data-testid="flow.layer">
          <AnimatePresence>
            {flows.map((f) => (
              <FlowToken
                key={f.id}
                flow={f}
                selected={f.id === selectedId}
                reduced={reduced}
                register={register}
              />
            ))}
          </AnimatePresence>
        </div>
      </ViewportPortal>
    </>
  )
}
