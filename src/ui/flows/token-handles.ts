/**
 * The canvas's tokens for keyboards, screen readers and tests: a visually hidden list of buttons,
 * one per drawn token up to `handleLimit` (the selected and the focused one always listed), each
 * named like the message and selecting it as a click on the canvas does. The canvas draws the
 * focus ring of the token whose button has focus. A list of hundreds would drown assistive tech
 * and cost the layout work the canvas exists to save; the group's name gives the whole count.
 */
import type { Flow } from '../../sim/protocol.ts'
import { flowStyle } from './flow-styles.ts'

/** Buttons listed at most (the page's tokens in flight beyond that are counted in the name). */
export const handleLimit = 12

export interface TokenHandles {
  /** Lists `flows` (paint order) as buttons; `selectedId` is marked pressed and kept listed. */
  sync(
    flows: readonly Flow[],
    selectedId: string | null,
    centerOf?: (id: string) => { x: number; y: number } | null,
  ): void
  /** The flow id whose button has focus, or null. */
  focused(): string | null
}

/** Which flows get a button: the selected and focused ones, then the first in paint order. */
export function pickHandles(
  flows: readonly Flow[],
  keep: readonly (string | null)[],
  limit = handleLimit,
): Flow[] {
  const picked: Flow[] = []
  const wanted = new Set(keep.filter((id): id is string => id !== null))
  for (const f of flows) if (wanted.has(f.id)) picked.push(f)
  for (const f of flows) {
    if (picked.length >= limit) break
    if (!wanted.has(f.id)) picked.push(f)
  }
  return picked
}

/** `request traffic-client → kube-proxy:node-1` */
export function handleName(flow: Flow): string {
  return `${flowStyle(flow.kind).noun} ${flow.from} → ${flow.to}`
}

export function createTokenHandles(list: HTMLElement, select: (id: string) => void): TokenHandles {
  const doc = list.ownerDocument
  let focusedId: string | null = null
  let lastKey = ''
  list.addEventListener('focusin', (e) => {
    focusedId = (e.target as HTMLElement).dataset.flowId ?? null
  })
  list.addEventListener('focusout', () => {
    focusedId = null
  })
  list.addEventListener('click', (e) => {
    const id = (e.target as HTMLElement).closest<HTMLElement>('[data-flow-id]')?.dataset.flowId
    if (id) select(id)
  })

  return {
    focused: () => focusedId,
    sync(flows, selectedId, centerOf) {
      const picked = pickHandles(flows, [selectedId, focusedId])
      const key = `${flows.length}|${selectedId}|${picked.map((f) => f.id).join(',')}`
      if (key !== lastKey) {
        lastKey = key
        relist(flows.length, picked, selectedId)
      }
      // Where each listed token is on the canvas (CSS px from its top left), for a pointer or a
      // test to click the drawing itself.
      if (!centerOf) return
      for (const b of list.children as HTMLCollectionOf<HTMLButtonElement>) {
        const at = centerOf(b.dataset.flowId ?? '')
        const x = at ? at.x.toFixed(1) : ''
        const y = at ? at.y.toFixed(1) : ''
        if (b.dataset.x !== x) b.dataset.x = x
        if (b.dataset.y !== y) b.dataset.y = y
      }
    },
  }

  function relist(total: number, picked: readonly Flow[], selectedId: string | null): void {
    list.setAttribute(
      'aria-label',
      `Packets in flight: ${total}${total > picked.length ? ` (${picked.length} listed)` : ''}`,
    )
    // A flow keeps its button (the focused one keeps focus); a button whose flow left is renamed.
    const byId = new Map<string, HTMLButtonElement>()
    const free: HTMLButtonElement[] = []
    const pickedIds = new Set(picked.map((f) => f.id))
    for (const b of list.querySelectorAll<HTMLButtonElement>('button')) {
      const id = b.dataset.flowId ?? ''
      if (pickedIds.has(id)) byId.set(id, b)
      else free.push(b)
    }
    for (const flow of picked) {
      let b = byId.get(flow.id)
      if (!b) {
        b = free.pop()
        if (!b) {
          b = doc.createElement('button')
          b.type = 'button'
          b.dataset.testid = 'flow.token'
          b.dataset.canvasHandle = ''
          list.append(b)
        }
        b.dataset.flowId = flow.id
        b.dataset.flowKind = flow.kind
        b.textContent = handleName(flow)
      }
      const isSelected = flow.id === selectedId
      b.className = isSelected ? 'token-handle token--selected' : 'token-handle'
      b.setAttribute('aria-pressed', String(isSelected))
    }
    for (const b of free) b.remove()
  }
}
