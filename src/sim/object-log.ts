/**
 * Every stored version of every object for the object inspector: its resourceVersion history,
 * when each write was committed, which etcd txn wrote it and which API request asked for it.
 *
 * The etcd model keeps only the latest value per key (as a compacted etcd would), so the versions
 * are taken from the engine's object observations as they come. A revision number names one write
 * of one branch: replays after a seek bring the same revisions again (kept once), and a fork drops
 * the revisions of the abandoned future. Only the most recent versions per key are kept, so a
 * lease renewed every 10 s for an hour costs a bounded amount of memory.
 */
import { clusterEtcd } from './cluster/objects.ts'
import type { World } from './engine/world.ts'
import type { Flow, KObject, ObjectHistoryView, ObjectRevisionView } from './protocol.ts'

/** Versions kept per key (the oldest are dropped first). */
export const revisionsKeptPerKey = 100

interface Version {
  revision: number
  object: KObject | null
}

export interface ObjectLog {
  /** Takes the object changes the world holds that are not logged yet (call before a drain or a restore). */
  absorb(world: World): void
  /** The person acted here: revisions after `revision` belong to an abandoned future. */
  fork(revision: number): void
  /** The key's versions up to the world's current revision, or null for a key never stored. */
  history(world: World, key: string): ObjectHistoryView | null
}

/** etcd's current revision in a world (0 before the first write). */
export function etcdRevision(world: World): number {
  return clusterEtcd(world)?.store.revision ?? 0
}

const txnDetail = /^committed at revision (\d+)$/

const flowIndex = (id: string): number => Number(id.slice(id.indexOf(':') + 1)) - 1

/** The API request a txn served: up its causes to the flow the apiserver received. */
function requestOf(flows: readonly Flow[], txn: Flow): ObjectRevisionView['request'] {
  for (let f: Flow | undefined = txn; f; f = f.causeId === null ? undefined : flows[flowIndex(f.causeId)]) {
    if (f.kind.startsWith('apiserver.') && f.to.startsWith('kube-apiserver')) {
      return { flowId: f.id, from: f.from, ...(f.via !== undefined ? { via: f.via } : {}), label: f.label }
    }
  }
  return undefined
}

export function createObjectLog(): ObjectLog {
  const byKey = new Map<string, Version[]>()
  /** Keys that lost old versions to the cap. */
  const truncated = new Set<string>()
  /** The observations array last read and how far: a drain replaces it, a restore brings another. */
  let seenArray: unknown = null
  let seenCount = 0
  /** etcd revision → index of the txn flow that committed it, found by scanning the flows. */
  const txnOf = new Map<number, number>()
  let flowsScanned = 0

  const add = (key: string, version: Version): void => {
    const list = byKey.get(key)
    if (!list) {
      // A literal of one: an empty array grown by push holds 17 slots, and most keys (each Event)
      // are written once.
      byKey.set(key, [version])
      return
    }
    const last = list[list.length - 1]
    if (!last || last.revision < version.revision) list.push(version)
    else {
      // A replay brings back versions already logged (the common case after a seek): find its place.
      let lo = 0
      let hi = list.length
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (list[mid]!.revision < version.revision) lo = mid + 1
        else hi = mid
      }
      if (list[lo]?.revision === version.revision) return
      // Older than every version kept for a capped key: it was dropped on purpose.
      if (lo === 0 && truncated.has(key)) return
      list.splice(lo, 0, version)
    }
    if (list.length > revisionsKeptPerKey) {
      list.splice(0, list.length - revisionsKeptPerKey)
      truncated.add(key)
    }
  }

  const scanFlows = (flows: readonly Flow[]): void => {
    // A restored world holds fewer flows; those it holds are the same ones (same branch).
    let resume = flows.length
    for (let i = Math.min(flowsScanned, flows.length); i < flows.length; i++) {
      const f = flows[i]!
      // A single member commits on the txn's flow; a Raft leader on the ack that made the quorum.
      if (f.kind !== 'etcd.txn' && f.kind !== 'raft.append-response') continue
      // Not handled yet, no stage: look at it again next time.
      if (f.outcome === 'in-flight') resume = Math.min(resume, i)
      for (const s of f.stages ?? []) {
        const m = s.name === 'txn' && s.outcome === 'ok' ? txnDetail.exec(s.detail) : null
        if (m) txnOf.set(Number(m[1]), i)
      }
    }
    flowsScanned = resume
  }

  const absorb = (world: World): void => {
    const list = world.observations
    if (list !== seenArray) {
      seenArray = list
      seenCount = 0
    }
    for (; seenCount < list.length; seenCount++) {
      const o = list[seenCount]!
      if (o.type === 'object') add(o.change.key, { revision: o.change.revision, object: o.change.object })
    }
  }

  return {
    absorb,
    fork(revision) {
      for (const [key, list] of byKey) {
        let n = list.length
        while (n > 0 && list[n - 1]!.revision > revision) n--
        if (n === 0) byKey.delete(key)
        else list.length = n
      }
      for (const r of [...txnOf.keys()]) if (r > revision) txnOf.delete(r)
      flowsScanned = 0
    },
    history(world, key) {
      absorb(world)
      const etcd = clusterEtcd(world)
      const now = etcdRevision(world)
      const kv = etcd?.store.kv[key]
      const logged = (byKey.get(key) ?? []).filter((v) => v.revision <= now)
      // Written before the log saw it (the cluster's bootstrap objects): what etcd holds now.
      if (kv && !logged.some((v) => v.revision === kv.modRevision)) {
        logged.push({ revision: kv.modRevision, object: kv.value })
        logged.sort((a, b) => a.revision - b.revision)
      }
      if (logged.length === 0) return null
      scanFlows(world.flows)
      const revisions = logged.map((v): ObjectRevisionView => {
        const i = txnOf.get(v.revision)
        const txn = i === undefined ? undefined : world.flows[i]
        if (!txn) return { revision: v.revision, atMs: null, object: v.object }
        const request = requestOf(world.flows, txn)
        return {
          revision: v.revision,
          atMs: txn.arrivesAt,
          object: v.object,
          txnFlowId: txn.id,
          ...(request ? { request } : {}),
        }
      })
      return { key, revisions, truncated: truncated.has(key) }
    },
  }
}
