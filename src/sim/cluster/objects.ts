/** Reading the etcd contents out of a world, for the host (CLI, worker, tests). */
import type { EtcdState } from '../actors/etcd/etcd.ts'
import type { World } from '../engine/world.ts'
import type { KObject } from '../protocol.ts'
import { etcdId } from './build.ts'

/**
 * The cluster's etcd data: the single member's, or in a cluster the member that has applied the
 * most (a stopped member keeps what it had when it stopped).
 */
export function clusterEtcd(world: World): EtcdState | undefined {
  const first = world.actors[etcdId]?.state as EtcdState | undefined
  if (!first?.raft) return first
  let best = first
  for (const id of first.raft.peers) {
    const s = world.actors[id]?.state as EtcdState | undefined
    if (s && s.store.revision > best.store.revision) best = s
  }
  return best
}

export function etcdObjects(world: World): Record<string, KObject> {
  const etcd = clusterEtcd(world)
  const out: Record<string, KObject> = {}
  if (!etcd) return out
  for (const key of Object.keys(etcd.store.kv).sort()) out[key] = etcd.store.kv[key]!.value
  return out
}
