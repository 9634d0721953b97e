/**
 * Tests' handle on a SimHost: a fake wall clock and animation frames run by hand, every update
 * and error the host posts kept in order. No Worker, no page: the host as the worker runs it.
 */
import type { Command, Update } from '../sim/protocol.ts'
import { createSimHost, type FrameScheduler } from './host.ts'

export function hostDriver() {
  let wall = 0
  let pending: (() => void) | null = null
  const frames: FrameScheduler = { request: (fn) => (pending = fn), cancel: () => (pending = null) }
  const updates: Update[] = []
  const errors: string[] = []
  const host = createSimHost(
    (m) => {
      // Cloned as postMessage clones: the page gets own data fields only, never a getter or a function.
      if (m.type === 'update') updates.push(structuredClone(m))
      else errors.push(m.message)
    },
    { clock: { now: () => wall }, frames },
  )
  /** Runs up to `n` frames of 16 ms wall time (fewer when the host asks for none). */
  const frame = (n = 1): void => {
    for (let i = 0; i < n && pending; i++) {
      wall += 16
      const fn = pending
      pending = null
      fn()
    }
  }
  const send = (command: Command): void => {
    host.handle(command)
    frame()
  }
  /** The newest update carrying `key`. */
  const last = <K extends keyof Update>(key: K): Update[K] | undefined =>
    [...updates].reverse().find((u) => u[key] !== undefined)?.[key]
  /** Runs frames until the host rests (paused, glide over) and returns the resting update. */
  const rest = (): NonNullable<Update['rest']> & { userScript: Update['userScript'] } => {
    frame(2000)
    const resting = [...updates].reverse().find((u) => u.rest)!
    return { ...resting.rest!, userScript: last('userScript') }
  }
  return { send, frame, rest, last, updates, errors }
}
