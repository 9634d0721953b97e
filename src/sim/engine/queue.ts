/**
 * A binary min-heap of events keyed by (time, seq). Equal times come out in insertion order,
 * which is what makes the engine deterministic. The heap is a plain array, so it clones with the
 * world.
 */
export interface Keyed {
  time: number
  seq: number
}

function before(a: Keyed, b: Keyed): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq)
}

export function heapPush<T extends Keyed>(heap: T[], item: T): void {
  heap.push(item)
  let i = heap.length - 1
  while (i > 0) {
    const parent = (i - 1) >> 1
    const p = heap[parent] as T
    if (!before(item, p)) break
    heap[i] = p
    i = parent
  }
  heap[i] = item
}

export function heapPop<T extends Keyed>(heap: T[]): T | undefined {
  const top = heap[0]
  const last = heap.pop()
  if (top === undefined || last === undefined || heap.length === 0) return top
  let i = 0
  const n = heap.length
  for (;;) {
    const l = 2 * i + 1
    if (l >= n) break
    const r = l + 1
    const child = r < n && before(heap[r] as T, heap[l] as T) ? r : l
    const c = heap[child] as T
    if (!before(c, last)) break
    heap[i] = c
    i = child
  }
  heap[i] = last
  return top
}

export function heapPeek<T extends Keyed>(heap: readonly T[]): T | undefined {
  return heap[0]
}
