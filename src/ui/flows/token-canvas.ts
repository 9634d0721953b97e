/**
 * Data-plane tokens (requests, answers, DNS packets) on one canvas over the graph (issue 8: 300 in
 * flight at 55 fps). As DOM elements, every packet that started or ended cost style, layout, paint
 * and layerize work for the whole token layer; here one frame is one clear and a few hundred small
 * fills. Positions come from the same math as the DOM tokens (FlowLayer): the link's polyline and
 * progress = clamp((now − sentAt) / (arrivesAt − sentAt)), 0 or 1 only with reduced motion.
 */
import type { Flow, FlowOutcome } from '../../sim/protocol.ts'
import { hopProgress } from '../../state/time.ts'
import { flowPath, pointAlong, type ClusterLayout, type Point } from '../graph/layout.ts'
import { dataPlaneKinds } from './data-plane-kinds.ts'
import { flowStyle } from './flow-styles.ts'
import { emitPulse } from './pulses.ts'
import {
  createPainter,
  type PaintContext,
  type Painter,
  type SurfaceFactory,
} from './token-paint.ts'
import { droppedLook, onBox, type Box } from './token-shape.ts'

/** Past this many data-plane tokens in flight they are drawn as dots, without their noun. */
export const denseTokens = 40

export interface Viewport {
  x: number
  y: number
  zoom: number
}

export interface CanvasFrame {
  /** The page's clock (performance.now), for a dropped token's fade. */
  wallNow: number
  /** Displayed virtual time. */
  now: number
  reduced: boolean
  layout: ClusterLayout
  /** The store's live flows; only data-plane kinds are drawn here. */
  live: readonly Flow[]
  showAmbient: boolean
  selectedId: string | null
  focusedId: string | null
  outcomeOf(id: string): FlowOutcome | undefined
  viewport: Viewport
  /** The canvas's size in CSS pixels and the device pixel ratio. */
  width: number
  height: number
  dpr: number
}

export interface DrawnToken {
  flow: Flow
  box: Box
}

export interface TokenCanvas {
  /** Draws the frame; skips the work when nothing it shows changed. */
  frame(f: CanvasFrame): void
  /** The tokens drawn by the last frame, in paint order (the last one is on top). */
  drawn(): readonly DrawnToken[]
  /** The centre of a token the last frame drew, in canvas CSS px, or null. */
  centerOf(id: string): { x: number; y: number } | null
  /** The flow id of the topmost token under the canvas point (CSS px), or null. */
  hit(x: number, y: number): string | null
  painter: Painter
}

interface TokenState {
  arrived: boolean
  outcome?: 'delivered' | 'dropped'
  /** Wall time the token was first drawn dropped (its fade starts there). */
  droppedAt?: number
}

/** Extra graph units around a token that still count as a click on it (small dots, fingers). */
const hitSlopPx = 3

export function createTokenCanvas(
  ctx: PaintContext & {
    clearRect(x: number, y: number, w: number, h: number): void
    canvas: { width: number; height: number }
  },
  fontFamily: string,
  surfaces?: SurfaceFactory,
): TokenCanvas {
  const painter = createPainter(fontFamily, surfaces)
  const states = new Map<string, TokenState>()
  let statesOf: readonly Flow[] | null = null
  const paths = new Map<string, Point[] | null>()
  let pathsOf: ClusterLayout | null = null
  let drawn: DrawnToken[] = []
  let viewport: Viewport = { x: 0, y: 0, zoom: 1 }
  /** What the last frame depended on: an equal frame is not drawn again. */
  let last: unknown[] = []
  let fading = false

  const pathOf = (layout: ClusterLayout, from: string, to: string): Point[] | null => {
    if (pathsOf !== layout) {
      paths.clear()
      pathsOf = layout
    }
    const key = `${from}>${to}`
    let p = paths.get(key)
    if (p === undefined) paths.set(key, (p = flowPath(layout, from, to)))
    return p
  }

  return {
    painter,
    drawn: () => drawn,
    centerOf(id) {
      const d = drawn.find((t) => t.flow.id === id)
      if (!d) return null
      const { x, y, zoom } = viewport
      return {
        x: x + (d.box.left + d.box.width / 2) * zoom,
        y: y + (d.box.top + d.box.height / 2) * zoom,
      }
    },
    hit(x, y) {
      const { zoom } = viewport
      const gx = (x - viewport.x) / zoom
      const gy = (y - viewport.y) / zoom
      for (let i = drawn.length - 1; i >= 0; i--) {
        if (onBox(drawn[i]!.box, gx, gy, hitSlopPx / zoom)) return drawn[i]!.flow.id
      }
      return null
    },
    frame(f) {
      const key = [
        f.now,
        f.reduced,
        f.layout,
        f.live,
        f.showAmbient,
        f.selectedId,
        f.focusedId,
        f.viewport.x,
        f.viewport.y,
        f.viewport.zoom,
        f.width,
        f.height,
        f.dpr,
      ]
      if (!fading && key.length === last.length && key.every((v, i) => v === last[i])) return
      last = key
      viewport = f.viewport
      const w = Math.round(f.width * f.dpr)
      const h = Math.round(f.height * f.dpr)
      if (ctx.canvas.width !== w || ctx.canvas.height !== h) {
        ctx.canvas.width = w
        ctx.canvas.height = h
      }
      ctx.setTransform(1, 0, 0, 1, 0, 0)
      ctx.clearRect(0, 0, w, h)
      const k = f.dpr * f.viewport.zoom
      ctx.setTransform(k, 0, 0, k, f.dpr * f.viewport.x, f.dpr * f.viewport.y)

      const flows: Flow[] = []
      for (const flow of f.live) {
        if (dataPlaneKinds.has(flow.kind) && (f.showAmbient || !flow.ambient)) flows.push(flow)
      }
      // Forget the tokens that left: only when the store's list changed (not every frame).
      if (statesOf !== f.live) {
        statesOf = f.live
        if (states.size > 0) {
          const liveIds = new Set(flows.map((x) => x.id))
          for (const id of states.keys()) if (!liveIds.has(id)) states.delete(id)
        }
      }
      // In a crowd of packets their nouns overlap unreadably: dots only, the selected one keeps it.
      const dense = flows.length > denseTokens
      const next: DrawnToken[] = []
      let selected: { flow: Flow; at: Point; state: TokenState } | null = null
      fading = false
      const paintOne = (flow: Flow, at: Point, state: TokenState, isSelected: boolean): void => {
        let dropped = null
        if (state.outcome === 'dropped') {
          state.droppedAt ??= f.wallNow
          dropped = droppedLook(f.wallNow - state.droppedAt, f.reduced)
          if (!f.reduced && dropped.alpha > 0) fading = true
        }
        const style = flowStyle(flow.kind)
        const box = painter.paint(
          ctx,
          at.x,
          at.y,
          {
            color: style.color,
            noun: dense && !isSelected ? null : style.noun,
            ambient: flow.ambient === true,
            arrived: state.arrived,
            selected: isSelected,
            focused: flow.id === f.focusedId,
            dropped,
          },
          k,
        )
        next.push({ flow, box })
      }
      for (const flow of flows) {
        const path = pathOf(f.layout, flow.from, flow.to)
        if (!path || f.now < flow.sentAt) continue
        let p = hopProgress(flow.sentAt, flow.arrivesAt, f.now)
        if (f.reduced) p = p >= 1 ? 1 : 0
        let state = states.get(flow.id)
        if (!state) states.set(flow.id, (state = { arrived: false }))
        if (p >= 1 && !state.arrived) {
          state.arrived = true
          emitPulse(flow.to, f.wallNow)
        }
        // A message to a stopped component or across a partition never arrives: it fails red.
        if (state.arrived && state.outcome === undefined) {
          const outcome = f.outcomeOf(flow.id)
          if (outcome === 'delivered' || outcome === 'dropped') state.outcome = outcome
        }
        const at = pointAlong(path, p)
        if (flow.id === f.selectedId) selected = { flow, at, state }
        else paintOne(flow, at, state, false)
      }
      // The selected token last: on top of the crowd, as its outline says.
      if (selected) paintOne(selected.flow, selected.at, selected.state, true)
      drawn = next
    },
  }
}
