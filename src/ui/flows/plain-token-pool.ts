/**
 * Data-plane tokens (requests, answers, DNS packets) without React: hundreds start and end every
 * second under traffic (issue 8), and mounting a React element per packet spent most of each frame
 * in element creation, removeChild and the layout that followed. The pool keeps the elements and
 * hands them from an ended packet to a new one: a token is renamed, never rebuilt.
 */
import type { Flow } from '../../sim/protocol.ts'
import { flowStyle } from './flow-styles.ts'

/** Spare elements kept for the next burst; more are removed (a burst then quiet frees memory). */
const spareLimit = 600

export interface PooledToken {
  el: HTMLDivElement
  flow: Flow
}

export interface PlainTokenPool {
  /**
   * Makes the drawn set equal `flows`: ended ones go back to the pool (passed to `released`),
   * new ones take an element (passed to `acquired`). Selection is marked on every call.
   */
  sync(
    flows: readonly Flow[],
    selectedId: string | null,
    acquired: (token: PooledToken) => void,
    released: (id: string) => void,
  ): void
  /** Removes every element (the layer unmounts). */
  clear(): void
}

function build(doc: Document): { el: HTMLDivElement; noun: HTMLSpanElement } {
  const el = doc.createElement('div')
  const body = doc.createElement('div')
  body.className = 'token__body'
  const dot = doc.createElement('span')
  dot.className = 'token__dot'
  const noun = doc.createElement('span')
  noun.className = 'token__noun'
  body.append(dot, noun)
  el.append(body)
  return { el, noun }
}

export function createPlainTokenPool(container: HTMLElement): PlainTokenPool {
  const used = new Map<string, { el: HTMLDivElement; noun: HTMLSpanElement; kind: string }>()
  const spare: { el: HTMLDivElement; noun: HTMLSpanElement; kind: string }[] = []
  let selected: string | null = null

  const release = (id: string): void => {
    const t = used.get(id)
    if (!t) return
    used.delete(id)
    if (spare.length >= spareLimit) {
      t.el.remove()
      return
    }
    // Hidden and nameless: the page, its tests and the bench see only tokens in flight.
    t.el.style.display = 'none'
    t.el.removeAttribute('data-testid')
    t.el.removeAttribute('data-flow-id')
    spare.push(t)
  }

  return {
    sync(flows, selectedId, acquired, released) {
      const wanted = new Set<string>()
      for (const f of flows) wanted.add(f.id)
      for (const id of [...used.keys()]) {
        if (!wanted.has(id)) {
          release(id)
          released(id)
        }
      }
      for (const flow of flows) {
        const had = used.get(flow.id)
        if (had) {
          if ((flow.id === selectedId) !== (flow.id === selected)) {
            had.el.classList.toggle('token--selected', flow.id === selectedId)
          }
          continue
        }
        const t = spare.pop() ?? { ...build(container.ownerDocument), kind: '' }
        const { el } = t
        el.className = `token token--plain${flow.id === selectedId ? ' token--selected' : ''}`
        el.dataset.testid = 'flow.token'
        el.dataset.flowId = flow.id
        el.dataset.progress = '0'
        if (t.kind !== flow.kind) {
          const style = flowStyle(flow.kind)
          el.dataset.flowKind = flow.kind
          el.style.setProperty('--token', style.color)
          t.noun.textContent = style.noun
          t.kind = flow.kind
        }
        el.style.visibility = 'hidden'
        el.style.transform = ''
        el.style.display = ''
        if (!el.isConnected) container.append(el)
        used.set(flow.id, t)
        acquired({ el, flow })
      }
      selected = selectedId
    },
    clear() {
      for (const t of used.values()) t.el.remove()
      for (const t of spare) t.el.remove()
      used.clear()
      spare.length = 0
    },
  }
}
