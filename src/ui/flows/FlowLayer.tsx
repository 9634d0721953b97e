import { useCallback, useLayoutEffect, useRef } from 'react'
import { ViewportPortal } from '@xyflow/react'
import { AnimatePresence, useAnimationFrame } from 'motion/react'
import type { Flow } from '../../sim/protocol.ts'
import { playbackStore } from '../../state/playback-store.ts'
import {
  selectReducedMotion,
  selectSelectedFlowId,
  selectShowAmbient,
  useLiveFlowIds,
} from '../../state/selectors.ts'
import { usePlaybackStore } from '../../state/playback-store.ts'
import { simStore } from '../../state/sim-store.ts'
import { hopProgress } from '../../state/time.ts'
import { useUiStore } from '../../state/ui-store.ts'
import { flowPath, pointAlong, type ClusterLayout, type Point } from '../graph/layout.ts'
import { FlowToken } from './FlowToken.tsx'
import { dataPlaneKinds } from './data-plane-kinds.ts'
import { PlainToken } from './PlainToken.tsx'
import { emitPulse } from './pulses.ts'
import { virtualNow } from './useVirtualNow.ts'

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
 * the sender and jumps to the receiver on arrival.
 */
export function FlowLayer({ layout }: { layout: ClusterLayout }) {
  const ids = useLiveFlowIds()
  const showAmbient = useUiStore(selectShowAmbient)
  const selectedId = useUiStore(selectSelectedFlowId)
  const reduced = usePlaybackStore(selectReducedMotion)
  const layoutRef = useRef(layout)
  useLayoutEffect(() => {
    layoutRef.current = layout
  }, [layout])
  const tracked = useRef(new Map<string, Tracked>())

  const register = useCallback((id: string, el: HTMLDivElement | null) => {
    const flow = simStore.getState().live.find((f) => f.id === id)
    if (el && flow) tracked.current.set(id, { el, flow, path: null, layout: null, arrived: false })
    else if (!el) tracked.current.delete(id)
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
        const all = simStore.getState().flows
        let outcome: Flow['outcome'] | undefined
        for (let k = all.length - 1; k >= 0 && outcome === undefined; k--) if (all[k]!.id === flow.id) outcome = all[k]!.outcome
        if (outcome && outcome !== 'in-flight') t.outcome = outcome
        if (outcome === 'dropped') el.classList.add('token--dropped')
      }
    }
  })

  const live = simStore.getState().live
  const byId = new Map(live.map((f) => [f.id, f]))
  const flows: Flow[] = []
  const dataPlane: Flow[] = []
  for (const id of ids) {
    const f = byId.get(id)
    if (f && (showAmbient || !f.ambient)) (dataPlaneKinds.has(f.kind) ? dataPlane : flows).push(f)
  }

  return (
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
        {dataPlane.map((f) => (
          <PlainToken key={f.id} flow={f} selected={f.id === selectedId} register={register} />
        ))}
      </div>
    </ViewportPortal>
  )
}
