/**
 * Link latencies between components, in integer virtual ms. Figures are those FIDELITY.md §6
 * quotes for a real cluster: API requests take 1–15 ms, etcd sits next to the apiserver, the
 * kubelet and its runtime share a host (a unix socket), and the registry is across the internet.
 */
import type { ActorKind } from '../protocol.ts'

type Range = readonly [min: number, max: number]

const SAME_HOST: Range = [1, 1]
const CONTROL_PLANE: Range = [1, 2]
const NODE_TO_CONTROL_PLANE: Range = [2, 4]
const USER_TO_APISERVER: Range = [2, 5]
const INTERNET: Range = [20, 40]

function rangeFor(from: ActorKind, to: ActorKind): Range {
  const has = (k: ActorKind): boolean => from === k || to === k
  if (has('image-registry')) return INTERNET
  if (has('kubectl')) return USER_TO_APISERVER
  if (has('container-runtime') && has('kubelet')) return SAME_HOST
  if (has('kubelet') || has('kube-proxy')) return NODE_TO_CONTROL_PLANE
  return CONTROL_PLANE
}

/** Ranges by sender kind, then receiver kind: no key text is built per send. */
const cache = new Map<ActorKind, Map<ActorKind, Range>>()

/** Latency of one hop; `random` is the sender's stream, so jitter is deterministic. */
export function linkLatencyMs(from: ActorKind, to: ActorKind, random: () => number): number {
  const [min, max] = linkRange(from, to)
  return min === max ? min : min + Math.floor(random() * (max - min + 1))
}

/** [min, max] latency of a hop from one kind of component to another. */
export function linkRange(from: ActorKind, to: ActorKind): Range {
  let byTo = cache.get(from)
  if (!byTo) cache.set(from, (byTo = new Map()))
  let range = byTo.get(to)
  if (!range) byTo.set(to, (range = rangeFor(from, to)))
  return range
}

/**
 * True when a partition cuts the link between two components: one runs on a partitioned node, the
 * other runs off it and is not the image registry (the node keeps its own route to the internet).
 */
export function partitioned(
  partitions: readonly string[] | undefined,
  from: { kind: ActorKind; node?: string | undefined },
  to: { kind: ActorKind; node?: string | undefined },
): boolean {
  if (!partitions || partitions.length === 0) return false
  if (from.node === to.node) return false
  if (from.kind === 'image-registry' || to.kind === 'image-registry') return false
  return (from.node !== undefined && partitions.includes(from.node)) || (to.node !== undefined && partitions.includes(to.node))
}
