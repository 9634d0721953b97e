/** Reading the etcd contents out of a world, for the host (CLI, worker, tests). */
import type { EtcdState } from '../actors/etcd/etcd.ts'
import type { World } from '../engine/world.ts'
import type { KObject } from '../protocol.ts'
import { etcdId } from './build.ts'

export function etcdObjects(world: World): Record<string, KObject> {
  const etcd = world.actors[etcdId]?.state as EtcdState | undefined
  const out: Record<string, KObject> = {}
  if (!etcd) return out
  for (const key of Object.keys(etcd.store.kv).sort()) out[key] = etcd.store.kv[key]!.value
  return out
}
