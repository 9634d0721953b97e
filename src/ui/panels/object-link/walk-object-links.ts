import type { KeyboardEvent } from 'react'

/**
 * The container's key handler: from the container ↑ or ↓ goes to the last (newest) link, then the
 * arrows walk the links, Home and End jump, Esc gives focus back to the container; Enter (native)
 * opens the focused one.
 */
export function walkObjectLinks(e: KeyboardEvent<HTMLElement>): void {
  const links = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button.object-link')]
  if (links.length === 0) return
  const at = links.indexOf(e.target as HTMLButtonElement)
  const last = links.length - 1
  let next: HTMLButtonElement | undefined
  if (e.key === 'ArrowDown') next = links[at < 0 ? last : Math.min(at + 1, last)]
  else if (e.key === 'ArrowUp') next = links[at < 0 ? last : Math.max(at - 1, 0)]
  else if (e.key === 'Home' && at >= 0) next = links[0]
  else if (e.key === 'End' && at >= 0) next = links[last]
  else if (e.key === 'Escape' && at >= 0) {
    e.stopPropagation()
    e.currentTarget.focus()
  }
  if (!next) return
  e.preventDefault()
  next.focus()
}
