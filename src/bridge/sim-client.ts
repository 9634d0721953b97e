/**
 * The page's side of the worker protocol: typed `send(Command)` and a stream of updates.
 * Hand-rolled on purpose: the main traffic is a push stream of batches, easy to log and replay.
 */
import type { Command, Update, WorkerMessage } from '../sim/protocol.ts'
import type { Endpoint } from './endpoint.ts'

export interface SimClient {
  send(command: Command): void
  /** Calls `fn` with every update; returns an unsubscribe function. */
  onUpdate(fn: (update: Update) => void): () => void
  /** Calls `fn` with every error the worker reports; returns an unsubscribe function. */
  onError(fn: (message: string) => void): () => void
  dispose(): void
}

export function createSimClient(endpoint: Endpoint): SimClient {
  const updateListeners = new Set<(update: Update) => void>()
  const errorListeners = new Set<(message: string) => void>()

  const listener = (event: MessageEvent): void => {
    const message = event.data as WorkerMessage
    if (message.type === 'update') for (const fn of updateListeners) fn(message)
    else if (message.type === 'error') for (const fn of errorListeners) fn(message.message)
  }
  endpoint.addEventListener('message', listener)
  endpoint.start?.()

  return {
    send: (command) => endpoint.postMessage(command),
    onUpdate(fn) {
      updateListeners.add(fn)
      return () => updateListeners.delete(fn)
    },
    onError(fn) {
      errorListeners.add(fn)
      return () => errorListeners.delete(fn)
    },
    dispose() {
      endpoint.removeEventListener('message', listener)
      updateListeners.clear()
      errorListeners.clear()
    },
  }
}
