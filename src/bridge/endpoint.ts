/**
 * Where commands go and updates come from: a `Worker` on the page, or a `MessagePort` in tests.
 */
export interface Endpoint {
  postMessage(message: unknown): void
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void
  /** MessagePorts need `start()` when used with addEventListener. */
  start?: () => void
}
