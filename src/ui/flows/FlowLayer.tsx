import { useCallback, useEffect, useLayoutEffect, useRef } from 'react'
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
import { createPlainTokenPool, type PlainTokenPool } from './plain-token-pool.ts'

/** Past this many data-plane tokens in flight they are drawn as dots, without their noun. */
const denseTokens = 40
import { selectFlow } from '../../state/actions.ts'
import './plain-token.css'
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
  /** The live flows of the last render by id: hundreds of tokens mount per update, no scan each. */
  const liveById = useRef(new Map<string, Flow>())
  /** Outcomes by flow id, rebuilt only when the store's flows array changes. */
  const outcomes = useRef<{ of: readonly Flow[] | null; byId: Map<string, Flow['outcome']> }>({ of: null, byId: new Map() })

  const register = useCallback((id: string, el: HTMLDivElement | null) => {
    if (!el) {
      tracked.current.delete(id)
      return
    }
    const flow = liveById.current.get(id) ?? simStore.getState().live.find((f) => f.id === id)
    if (flow) tracked.current.set(id, { el, flow, path: null, layout: null, arrived: false })
  }, [])

  const outcomeOf = (id: string): Flow['outcome'] | undefined => {
    const all = simStore.getState().flows
    const cache = outcomes.current
    if (cache.of !== all) {
      cache.of = all
      cache.byId.clear()
      for (const f of all) cache.byId.set(f.id, f.outcome)
    }
    return cache.byId.get(id)
  }

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
  const dataPlane: Flow[] = []
  for (const id of ids) {
    const f = byId.get(id)
    if (f && (showAmbient || !f.ambient)) (dataPlaneKinds.has(f.kind) ? dataPlane : flows).push(f)
  }

  // Data-plane tokens live in a pool outside React (plain-token-pool.ts); synced after each render.
  const plainRef = useRef<HTMLDivElement>(null)
  const pool = useRef<PlainTokenPool | null>(null)
  useLayoutEffect(() => {
    const container = plainRef.current
    if (!container) return
    pool.current ??= createPlainTokenPool(container)
    // In a crowd of packets their nouns overlap unreadably; dots alone cost far less to lay out.
    container.classList.toggle('flow-layer__plain--dense', dataPlane.length > denseTokens)
    pool.current.sync(
      dataPlane,
      selectedId,
      ({ el, flow }) => tracked.current.set(flow.id, { el, flow, path: null, layout: null, arrived: false }),
      (id) => tracked.current.delete(id),
    )
  })
  useEffect(
    () => () => {
      pool.current?.clear()
      pool.current = null
    },
    [],
  )
  const clickPlain = (e: React.MouseEvent): void => {
    const id = (e.target as HTMLElement).closest('[data-flow-id]')?.getAttribute('data-flow-id')
    if (id) selectFlow(id)
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
        <div ref={plainRef} className="flow-layer__plain" onClick={clickPlain} />
      </div>
    </ViewportPortal>
  )
}
