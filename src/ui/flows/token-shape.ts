/**
 * The shape of a data-plane token as the canvas draws it, in graph units (zoom 1). The numbers are
 * those of the DOM token's CSS (app.css `.token__body`, `.token__dot`; plain-token.css dense):
 * a pill `padding: 2px 7px 2px 3px`, an 8 px white dot, a 3 px gap, the noun in bold 11 px, moved
 * `translate: -7px -50%` from the point on the link; in a crowd a 12 px ring (`padding: 2px`).
 */

export const nounFontPx = 11
/** `.token--ambient .token__body { font-size: 9px }`. */
export const ambientNounFontPx = 9
/** faults.css `.token--dropped .token__dot::before { font-size: 10px }`. */
export const crossFontPx = 10
export const dotPx = 8
const pillPadLeft = 3
const pillPadRight = 7
const padY = 2
const gap = 3
const densePad = 2
/** `translate: -7px -50%`: the token's point sits 7 px into the body. */
const shiftX = 7

/** What decides a token's box. `lead` is the leading mark: the dot, or a dropped token's ✕. */
export interface TokenMetrics {
  /** Width of the noun's text, or null in a crowd (dots without their noun). */
  nounWidth: number | null
  /** Line height of the text (CSS `line-height: normal` of the noun's font). */
  lineHeight: number
  /** Width and line height of the leading mark when it is a glyph (a dropped token's ✕). */
  cross?: { width: number; lineHeight: number }
}

export interface Box {
  left: number
  top: number
  width: number
  height: number
}

/** The body's box for a token whose point on the link is (x, y). */
export function tokenBox(x: number, y: number, m: TokenMetrics): Box {
  const leadW = m.cross ? m.cross.width : dotPx
  const leadH = m.cross ? m.cross.lineHeight : dotPx
  if (m.nounWidth === null) {
    const width = leadW + 2 * densePad
    const height = leadH + 2 * densePad
    return { left: x - shiftX, top: y - height / 2, width, height }
  }
  const width = pillPadLeft + leadW + gap + m.nounWidth + pillPadRight
  const height = Math.max(leadH, m.lineHeight) + 2 * padY
  return { left: x - shiftX, top: y - height / 2, width, height }
}

/** Where the leading mark sits inside `box`: its left edge (flex `align-items: center`). */
export function leadLeft(box: Box, m: TokenMetrics): number {
  return box.left + (m.nounWidth === null ? densePad : pillPadLeft)
}

/** Where the noun starts inside `box`. */
export function nounLeft(box: Box, m: TokenMetrics): number {
  return leadLeft(box, m) + (m.cross ? m.cross.width : dotPx) + gap
}

/** True when the graph point (px, py) is on the box, with `slop` graph units of grace around it. */
export function onBox(box: Box, px: number, py: number, slop = 0): boolean {
  return (
    px >= box.left - slop &&
    px <= box.left + box.width + slop &&
    py >= box.top - slop &&
    py <= box.top + box.height + slop
  )
}

/**
 * A dropped token (faults.css `token-dropped`): whole for the first 60 % of 1.2 s, then fading to
 * nothing while shrinking to 0.6, eased out; with reduced motion it stays at half opacity.
 */
export function droppedLook(
  elapsedWallMs: number,
  reduced: boolean,
): { alpha: number; scale: number } {
  if (reduced) return { alpha: 0.5, scale: 1 }
  const t = Math.min(1, Math.max(0, elapsedWallMs / 1_200))
  if (t <= 0.6) return { alpha: 1, scale: 1 }
  const u = (t - 0.6) / 0.4
  const eased = 1 - (1 - u) * (1 - u)
  return { alpha: 1 - eased, scale: 1 - 0.4 * eased }
}
