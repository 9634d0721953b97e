/**
 * A test-only way to write objects before `kubectl apply -f -` serves every kind: the request is
 * put on the wire from kubectl to kube-apiserver as kubernetes-admin, exactly as kubectl would
 * send it, by editing a snapshot of the world. Never used by production code.
 */
import type { Simulation } from '../index.ts'
import { heapPush } from '../engine/queue.ts'
import type { World } from '../engine/world.ts'
import { labelOf, type ApiRequest, type Verb } from '../messages.ts'
import { resourceByKind, restPath } from '../k8s/resources.ts'
import type { KObject } from '../protocol.ts'

const kind: Record<Verb, ApiRequest['kind']> = {
  get: 'apiserver.get',
  list: 'apiserver.list',
  create: 'apiserver.create',
  update: 'apiserver.update',
  patch: 'apiserver.patch',
  delete: 'apiserver.delete',
  watch: 'apiserver.watch',
}

let next = 0

export function adminRequest(sim: Simulation, verb: Verb, path: string, body?: unknown, query?: [string, string][]): void {
  const snap = sim.snapshot()
  const world = snap.world as World
  const n = world.flows.length + 1
  const msg: ApiRequest = { kind: kind[verb], reqId: `kubectl#test-${++next}`, verb, path, ...(body !== undefined ? { body } : {}), ...(query ? { query } : {}) }
  const arrivesAt = world.now + 2
  world.flows.push({ id: `flow:${n}`, from: 'kubectl', to: 'kube-apiserver:0', kind: msg.kind, label: labelOf(msg), sentAt: world.now, arrivesAt, causeId: null, outcome: 'in-flight', ambient: false })
  heapPush(world.queue, { time: arrivesAt, seq: world.seq++, type: 'deliver', flow: n, msg })
  sim.restore(snap)
}

/** POST an object to its collection (namespace `default` unless it names one). */
export function createObject(sim: Simulation, obj: KObject): void {
  const info = resourceByKind(obj.kind)
  if (!info) throw new Error(`no resource for kind ${obj.kind}`)
  adminRequest(sim, 'create', restPath(info, obj.metadata.namespace ?? 'default'), obj)
}

/** PUT an object (its resourceVersion guards the write). */
export function updateObject(sim: Simulation, obj: KObject): void {
  const info = resourceByKind(obj.kind)!
  adminRequest(sim, 'update', restPath(info, obj.metadata.namespace ?? 'default', String(obj.metadata.name)), obj)
}

export function deleteObject(sim: Simulation, kindName: string, name: string, namespace = 'default', propagationPolicy?: string): void {
  const info = resourceByKind(kindName)!
  adminRequest(sim, 'delete', restPath(info, namespace, name), propagationPolicy ? { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy } : undefined)
}
