/**
 * Paints one data-plane token on a 2D canvas as the DOM token looks (token-shape.ts has the
 * numbers): a pill in the message's colour with a white dot and the noun, or in a crowd a ring;
 * arrived tokens at 75 %, the selected one outlined in amber, a dropped one red with a ✕.
 */
import {
  ambientNounFontPx,
  crossFontPx,
  leadLeft,
  nounFontPx,
  nounLeft,
  tokenBox,
  dotPx,
  type Box,
  type TokenMetrics,
} from './token-shape.ts'

export interface TokenLook {
  color: string
  /** The noun, or null in a crowd. */
  noun: string | null
  ambient: boolean
  arrived: boolean
  selected: boolean
  /** Its keyboard handle has focus: the page's focus ring is drawn around it. */
  focused: boolean
  /** A dropped token's fade (token-shape.ts droppedLook), or null. */
  dropped: { alpha: number; scale: number } | null
}

/** The subset of CanvasRenderingContext2D the painter uses (tests pass a recorder). */
export type PaintContext = Pick<
  CanvasRenderingContext2D,
  | 'beginPath'
  | 'arc'
  | 'roundRect'
  | 'fill'
  | 'stroke'
  | 'fillText'
  | 'measureText'
  | 'save'
  | 'restore'
  | 'translate'
  | 'scale'
  | 'moveTo'
  | 'drawImage'
  | 'setTransform'
> & {
  fillStyle: CanvasRenderingContext2D['fillStyle']
  strokeStyle: CanvasRenderingContext2D['strokeStyle']
  lineWidth: number
  globalAlpha: number
  font: string
  textBaseline: CanvasTextBaseline
}

/** app.css `.token--selected .token__body { outline: 3px solid #f59e0b; outline-offset: 1px }`. */
const selectedOutline = { color: '#f59e0b', width: 3, offset: 1 }
/** faults.css `.token--dropped .token__body { background: #dc2626 }`. */
const droppedColor = '#dc2626'

interface FontMetrics {
  ascent: number
  lineHeight: number
  widths: Map<string, number>
}

/** Text measures per font, kept across frames: a noun is measured once per page. */
export interface Painter {
  /**
   * Paints the token whose point is (x, y) in graph units; `deviceScale` is device pixels per
   * graph unit (zoom × devicePixelRatio). Returns the box it occupies, for hit-testing.
   */
  paint(ctx: PaintContext, x: number, y: number, look: TokenLook, deviceScale?: number): Box
  /** The page's focus colour (CSS `--focus`), read once the page's styles are known. */
  focusColor: string
}

/** An offscreen surface to paint a sprite on (an OffscreenCanvas in the page). */
export type SurfaceFactory = (
  width: number,
  height: number,
) => { ctx: PaintContext; image: CanvasImageSource } | null

/** Sprites kept at most (colours × looks × zoom levels seen lately). */
const spriteLimit = 64

export function createPainter(fontFamily: string, surfaces?: SurfaceFactory): Painter {
  const fonts = new Map<number, FontMetrics>()
  const fontOf = (px: number): string => `700 ${px}px ${fontFamily}`
  /**
   * A crowd's dots (hundreds a frame, issue 8) are copied from a sprite per colour, look and
   * scale: two antialiased path fills per dot were most of the canvas's frame.
   */
  const sprites = new Map<string, CanvasImageSource | null>()
  const spriteFor = (
    color: string,
    alpha: number,
    scale: number,
    box: Box,
    metrics: TokenMetrics,
  ): CanvasImageSource | null => {
    const key = `${color}|${alpha}|${scale}`
    let image = sprites.get(key)
    if (image !== undefined) return image
    if (sprites.size >= spriteLimit) sprites.clear()
    // One graph unit of margin for the antialiased edge, the surface in device pixels.
    const side = Math.ceil((box.width + 2) * scale)
    const surface = surfaces?.(side, side) ?? null
    image = surface?.image ?? null
    if (surface) {
      const k = side / (box.width + 2)
      surface.ctx.setTransform(k, 0, 0, k, 0, 0)
      surface.ctx.globalAlpha = alpha
      body(surface.ctx, { ...box, left: 1, top: 1 }, metrics, color)
    }
    sprites.set(key, image)
    return image
  }

  const measure = (
    ctx: PaintContext,
    px: number,
    text: string,
  ): { width: number; f: FontMetrics } => {
    let f = fonts.get(px)
    if (!f) {
      ctx.font = fontOf(px)
      const m = ctx.measureText('M')
      const ascent = m.fontBoundingBoxAscent || px * 0.93
      const descent = m.fontBoundingBoxDescent || px * 0.25
      f = { ascent, lineHeight: ascent + descent, widths: new Map() }
      fonts.set(px, f)
    }
    let width = f.widths.get(text)
    if (width === undefined) {
      ctx.font = fontOf(px)
      width = ctx.measureText(text).width
      f.widths.set(text, width)
    }
    return { width, f }
  }

  const painter: Painter = {
    focusColor: '#2563eb',
    paint(ctx, x, y, look, deviceScale = 1) {
      const nounPx = look.ambient ? ambientNounFontPx : nounFontPx
      const noun = look.noun === null ? null : measure(ctx, nounPx, look.noun)
      const cross = look.dropped ? measure(ctx, crossFontPx, '✕') : null
      const metrics: TokenMetrics = {
        nounWidth: noun ? noun.width : null,
        lineHeight: noun ? noun.f.lineHeight : measure(ctx, nounPx, '').f.lineHeight,
        ...(cross ? { cross: { width: cross.width, lineHeight: cross.f.lineHeight } } : {}),
      }
      const box = tokenBox(x, y, metrics)
      const radius = Math.min(box.width, box.height) / 2
      let alpha = look.ambient ? 0.4 : look.arrived ? 0.75 : 1
      if (look.dropped) alpha *= look.dropped.alpha
      if (alpha <= 0) return box
      if (look.noun === null && !look.dropped && !look.selected && !look.focused && surfaces) {
        const sprite = spriteFor(look.color, alpha, deviceScale, box, metrics)
        if (sprite) {
          ctx.drawImage(sprite, box.left - 1, box.top - 1, box.width + 2, box.height + 2)
          return box
        }
      }
      const scaled = look.dropped !== null && look.dropped.scale !== 1
      if (scaled) {
        ctx.save()
        const cx = box.left + box.width / 2
        const cy = box.top + box.height / 2
        ctx.translate(cx, cy)
        ctx.scale(look.dropped!.scale, look.dropped!.scale)
        ctx.translate(-cx, -cy)
      }
      ctx.globalAlpha = alpha
      const cy = box.top + box.height / 2
      if (cross) {
        ctx.beginPath()
        ctx.roundRect(box.left, box.top, box.width, box.height, radius)
        ctx.fillStyle = droppedColor
        ctx.fill()
        ctx.fillStyle = '#fff'
        ctx.textBaseline = 'alphabetic'
        ctx.font = fontOf(crossFontPx)
        ctx.fillText('✕', leadLeft(box, metrics), cy - cross.f.lineHeight / 2 + cross.f.ascent)
      } else {
        body(ctx, box, metrics, look.color)
      }
      if (noun && look.noun !== null) {
        ctx.fillStyle = '#fff'
        ctx.textBaseline = 'alphabetic'
        ctx.font = fontOf(nounPx)
        ctx.fillText(look.noun, nounLeft(box, metrics), cy - noun.f.lineHeight / 2 + noun.f.ascent)
      }
      if (look.selected)
        outline(
          ctx,
          box,
          radius,
          selectedOutline.color,
          selectedOutline.width,
          selectedOutline.offset,
        )
      // :focus-visible { outline: 2px solid var(--focus); outline-offset: 2px }
      if (look.focused) outline(ctx, box, radius, painter.focusColor, 2, look.selected ? 5 : 2)
      ctx.globalAlpha = 1
      if (scaled) ctx.restore()
      return box
    },
  }
  return painter
}

/**
 * The body in its colour with the dot cut out, then the white dot: no shape lies over another, so
 * the group's opacity (CSS opacity on the body) comes out the same as drawing each at that opacity.
 */
function body(ctx: PaintContext, box: Box, metrics: TokenMetrics, color: string): void {
  const radius = Math.min(box.width, box.height) / 2
  const cy = box.top + box.height / 2
  const dotX = leadLeft(box, metrics) + dotPx / 2
  ctx.beginPath()
  ctx.roundRect(box.left, box.top, box.width, box.height, radius)
  ctx.moveTo(dotX + dotPx / 2, cy)
  ctx.arc(dotX, cy, dotPx / 2, 0, Math.PI * 2)
  ctx.fillStyle = color
  ctx.fill('evenodd')
  ctx.fillStyle = '#fff'
  ctx.beginPath()
  ctx.arc(dotX, cy, dotPx / 2, 0, Math.PI * 2)
  ctx.fill()
}

/** A CSS outline of `width` drawn `offset` outside the box, following its rounded corners. */
function outline(
  ctx: PaintContext,
  box: Box,
  radius: number,
  color: string,
  width: number,
  offset: number,
): void {
  const out = offset + width / 2
  ctx.beginPath()
  ctx.roundRect(
    box.left - out,
    box.top - out,
    box.width + 2 * out,
    box.height + 2 * out,
    radius + out,
  )
  ctx.strokeStyle = color
  ctx.lineWidth = width
  ctx.stroke()
}
