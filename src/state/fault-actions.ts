/**
 * Breaking things from the page (issue 5 part 4): the Faults menu sends one `fault` command; the
 * worker applies it at the engine's current position and records it like a typed line.
 */
import type { ActorView, Fault } from '../sim/protocol.ts'
import { connectedClient } from './connect.ts'

export function injectFault(fault: Fault): void {
  connectedClient()?.send({ type: 'fault', fault })
}

/** What the menu offers for one node, from its components' running state. */
export interface NodeFaultState {
  node: string
  /** kubelet, kube-proxy and containerd all down: the machine is off. */
  powered: boolean
  kubeletRunning: boolean
  partitioned: boolean
}

export function nodeFaultStates(actors: readonly ActorView[]): NodeFaultState[] {
  const nodes = [...new Set(actors.filter((a) => a.kind === 'kubelet' && a.node).map((a) => a.node!))]
  return nodes.map((node) => {
    const mine = actors.filter((a) => a.node === node)
    const kubelet = mine.find((a) => a.kind === 'kubelet')
    return {
      node,
      powered: mine.some((a) => a.kind === 'container-runtime' && a.running),
      kubeletRunning: kubelet?.running ?? false,
      partitioned: mine.some((a) => a.partitioned === true),
    }
  })
}

/** The name the Faults menu gives a joining machine: the first free `node-<n>`. */
export function nextNodeName(actors: readonly ActorView[]): string {
  const taken = new Set(actors.filter((a) => a.node).map((a) => a.node!))
  let n = taken.size + 1
  while (taken.has(`node-${n}`)) n++
  return `node-${n}`
}
