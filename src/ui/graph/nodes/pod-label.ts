/**
 * A pod's name as its 130 px box can show it on one line. Controller-made names are long
 * (`web-5c94f75b5d-nmw2n`) and differ only at the end, so the middle gives way: `web-5c9…-nmw2n`.
 * The whole name stays in the box's title, aria-label and inspector.
 */
export const podLabelMax = 14
const tail = 6 // the hyphen and the 5-character suffix names.SimpleNameGenerator adds

export function podLabel(name: string): string {
  if (name.length <= podLabelMax) return name
  return `${name.slice(0, podLabelMax - tail - 1)}…${name.slice(-tail)}`
}
