import { useEffect, useLayoutEffect, useRef } from 'react'
import { useStoreApi } from '@xyflow/react'
import { useAnimationFrame } from 'motion/react'
import { selectFlow } from '../../state/actions.ts'
import { playbackStore } from '../../state/playback-store.ts'
import { simStore } from '../../state/sim-store.ts'
import { uiStore } from '../../state/ui-store.ts'
import type { ClusterLayout } from '../graph/layout.ts'
import { createOutcomeLookup } from './flow-outcomes.ts'
import { createTokenCanvas, type TokenCanvas as Canvas } from './token-canvas.ts'
import { createTokenHandles, type TokenHandles } from './token-handles.ts'
import type { SurfaceFactory } from './token-paint.ts'
import { virtualNow } from './useVirtualNow.ts'
import './token-canvas.css'

/** Sprites for the crowd's dots (token-paint.ts), on canvases that are never in the page. */
const offscreen: SurfaceFactory = (width, height) => {
  if (typeof OffscreenCanvas === 'undefined') return null
  const image = new OffscreenCanvas(width, height)
  const ctx = image.getContext('2d')
  return ctx ? { ctx, image } : null
}

/** Wall ms between two refreshes of the keyboard/test handles while the same flow stays selected. */
const handleRefreshMs = 250
/** A press that moved further than this (CSS px) was a pan of the graph, not a click on a token. */
const clickSlopPx = 4

/**
 * One canvas over the graph (outside React Flow's viewport, so it stays sharp at every zoom) that
 * draws the data-plane tokens every animation frame, reading the stores outside React: it never
 * renders after mounting. A click on the graph that lands on a token selects it; the buttons of
 * token-handles.ts give the same to keyboards, assistive tech and tests. `data-drawn` on the
 * canvas is the number of tokens the last frame painted.
 */
export function TokenCanvas({ layout }: { layout: ClusterLayout }) {
  const flowStore = useStoreApi()
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const listRef = useRef<HTMLDivElement>(null)
  const layoutRef = useRef(layout)
  useLayoutEffect(() => {
    layoutRef.current = layout
  }, [layout])
  const engine = useRef<{
    canvas: Canvas
    handles: TokenHandles
    outcomeOf: ReturnType<typeof createOutcomeLookup>
    size: { width: number; height: number }
    drawnCount: number
    handlesAt: number
    handlesSelected: string | null
  } | null>(null)

  useEffect(() => {
    const el = canvasRef.current
    const list = listRef.current
    const ctx = el?.getContext('2d')
    if (!el || !list || !ctx) return
    const canvas = createTokenCanvas(ctx, getComputedStyle(el).fontFamily, offscreen)
    const focus = getComputedStyle(el).getPropertyValue('--focus').trim()
    if (focus) canvas.painter.focusColor = focus
    const state = {
      canvas,
      handles: createTokenHandles(list, selectFlow),
      outcomeOf: createOutcomeLookup(),
      size: { width: el.clientWidth, height: el.clientHeight },
      drawnCount: -1,
      handlesAt: -Infinity,
      handlesSelected: null as string | null,
    }
    engine.current = state
    const sizes = new ResizeObserver(([entry]) => {
      if (entry) state.size = { width: entry.contentRect.width, height: entry.contentRect.height }
    })
    sizes.observe(el)

    // Clicks and the pointer over the graph: the canvas itself lets every event through.
    const root = flowStore.getState().domNode ?? el.parentElement
    if (!root) return () => sizes.disconnect()
    const pointAt = (e: MouseEvent): { x: number; y: number } => {
      const r = el.getBoundingClientRect()
      return { x: e.clientX - r.left, y: e.clientY - r.top }
    }
    const onCanvasArea = (e: MouseEvent): boolean =>
      !(e.target as Element).closest('.react-flow__panel, [data-canvas-handle]')
    let down: { x: number; y: number } | null = null
    const onDown = (e: PointerEvent): void => {
      down = { x: e.clientX, y: e.clientY }
    }
    const onClick = (e: MouseEvent): void => {
      // A keyboard's click (detail 0) and a click on a panel or a handle are not on the canvas.
      if (e.detail === 0 || !onCanvasArea(e)) return
      if (down && Math.hypot(e.clientX - down.x, e.clientY - down.y) > clickSlopPx) return
      const p = pointAt(e)
      const id = canvas.hit(p.x, p.y)
      if (!id) return
      // The token is drawn over the boxes: the box under it does not also take the click.
      e.stopPropagation()
      selectFlow(id)
    }
    let moved: MouseEvent | null = null
    const onMove = (e: MouseEvent): void => {
      if (moved === null) requestAnimationFrame(hover)
      moved = e
    }
    const hover = (): void => {
      const e = moved
      moved = null
      if (!e) return
      const p = pointAt(e)
      const over = onCanvasArea(e) && canvas.hit(p.x, p.y) !== null
      if (root.classList.contains('flow-canvas--over-token') !== over)
        root.classList.toggle('flow-canvas--over-token', over)
    }
    root.addEventListener('pointerdown', onDown, true)
    root.addEventListener('click', onClick, true)
    root.addEventListener('pointermove', onMove, { passive: true })
    return () => {
      sizes.disconnect()
      root.removeEventListener('pointerdown', onDown, true)
      root.removeEventListener('click', onClick, true)
      root.removeEventListener('pointermove', onMove)
      root.classList.remove('flow-canvas--over-token')
      engine.current = null
    }
  }, [flowStore])

  useAnimationFrame(() => {
    const state = engine.current
    const el = canvasRef.current
    if (!state || !el) return
    const wallNow = performance.now()
    const [x, y, zoom] = flowStore.getState().transform
    const sim = simStore.getState()
    const ui = uiStore.getState()
    state.canvas.frame({
      wallNow,
      now: virtualNow(wallNow),
      reduced: playbackStore.getState().reducedMotion,
      layout: layoutRef.current,
      live: sim.live,
      showAmbient: ui.showAmbient,
      selectedId: ui.selectedFlowId,
      focusedId: state.handles.focused(),
      outcomeOf: state.outcomeOf,
      viewport: { x, y, zoom },
      width: state.size.width,
      height: state.size.height,
      dpr: window.devicePixelRatio || 1,
    })
    const drawn = state.canvas.drawn()
    if (drawn.length !== state.drawnCount) {
      state.drawnCount = drawn.length
      el.dataset.drawn = String(drawn.length)
    }
    // The handles follow at a few per second (a new selection at once): they are for people
    // tabbing through and for tests, and renaming buttons every frame would cost layout again.
    if (
      wallNow - state.handlesAt >= handleRefreshMs ||
      ui.selectedFlowId !== state.handlesSelected
    ) {
      state.handlesAt = wallNow
      state.handlesSelected = ui.selectedFlowId
      state.handles.sync(
        drawn.map((d) => d.flow),
        ui.selectedFlowId,
        state.canvas.centerOf,
      )
    }
  })

  return (
    <>
      <canvas
        ref={canvasRef}
        className="flow-canvas"
        data-testid="flow.canvas"
        data-drawn="0"
        aria-hidden="true"
      />
      <div
        ref={listRef}
        className="visually-hidden flow-canvas__handles"
        role="group"
        aria-label="Packets in flight: 0"
      />
    </>
  )
}
