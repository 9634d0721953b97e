/**
 * The watch cache and fan-out: etcd streams every committed write to the apiserver, which updates
 * its cache and sends each client watch the event as that client sees it. With a selector, an
 * object that starts matching arrives as ADDED and one that stops matching as DELETED: the binding
 * of a pod is a MODIFIED for the scheduler but an ADDED for the kubelet of its node
 * (cacher/cache_watcher.go; FIDELITY.md §1.0.2).
 */
import type { Ctx } from '../../engine/actor.ts'
import type { EtcdWatchMessage, WatchType } from '../../messages.ts'
import type { KObject, Stage } from '../../protocol.ts'
import { matchesFieldSelector, matchesLabelSelector } from './selectors.ts'
import type { ApiserverState, Watcher } from './state.ts'
import { candidates } from './watch-index.ts'
import { isUncached } from './watch-cache-sizes.ts'
import { watchMember } from './etcd-client.ts'

/** `key` starts with `<prefix>/<namespace>/`, tested in place: no string made per watcher per write. */
function inNamespace(key: string, prefix: string, namespace: string): boolean {
  const at = prefix.length + 1
  return key.startsWith(prefix) && key.charCodeAt(prefix.length) === 47 && key.startsWith(namespace, at) && key.charCodeAt(at + namespace.length) === 47
}

function sees(w: Watcher, key: string, obj: KObject | null): boolean {
  if (!obj) return false
  if (w.namespace && !inNamespace(key, w.prefix, w.namespace)) return false
  return matchesFieldSelector(obj, w.fieldSelector) && matchesLabelSelector(obj, w.labelSelector)
}

export function fanOut(state: ApiserverState, msg: EtcdWatchMessage, ctx: Ctx): void {
  if (msg.watchId !== undefined) return relay(state, msg, msg.watchId, ctx)
  let sent = 0
  for (const ev of msg.events) {
    if (ev.value) state.cache[ev.key] = ev.value
    else delete state.cache[ev.key]
    state.cacheRevision = ev.modRevision
    for (const w of candidates(state.watchers, ev.key, ev.prevValue, ev.value)) {
      const was = sees(w, ev.key, ev.prevValue)
      const is = sees(w, ev.key, ev.value)
      let type: WatchType
      if (is) type = was ? 'MODIFIED' : 'ADDED'
      else if (was) type = 'DELETED'
      else continue
      const object = is ? ev.value! : ev.prevValue!
      ctx.send(w.client, { kind: 'watch.event', watchId: w.id, type, object })
      sent++
      if (w.until === type) state.watchers = state.watchers.filter((x) => x !== w)
    }
  }
  ctx.stage(watchCacheStage(sent))
}

/** What a watch the apiserver opened on etcd for one client streams: to that client alone. */
function relay(state: ApiserverState, msg: EtcdWatchMessage, watchId: string, ctx: Ctx): void {
  const w = state.watchers.find((x) => x.id === watchId && x.fromEtcd)
  if (!w) {
    ctx.stage({ name: 'watch', outcome: 'skipped', detail: `${watchId} is closed; nothing to relay` })
    return
  }
  let sent = 0
  for (const ev of msg.events) {
    const was = sees(w, ev.key, ev.prevValue)
    const is = sees(w, ev.key, ev.value)
    if (!was && !is) continue
    const type: WatchType = is ? (was ? 'MODIFIED' : 'ADDED') : 'DELETED'
    ctx.send(w.client, { kind: 'watch.event', watchId: w.id, type, object: is ? ev.value! : ev.prevValue! })
    sent++
    if (w.until === type) {
      state.watchers = state.watchers.filter((x) => x !== w)
      ctx.send(watchMember(state), { kind: 'etcd.watch-cancel', watchId: w.id })
      break
    }
  }
  ctx.stage({ name: 'watch', outcome: 'ok', detail: sent ? `relayed to ${w.client} (${w.id}, no watch cache)` : `${w.id}'s selector does not match this object` })
}

export function addWatcher(state: ApiserverState, w: Omit<Watcher, 'id' | 'fromEtcd'>): Watcher {
  const watcher: Watcher = { id: `watch-${++state.nextWatch}`, ...w, ...(isUncached(w.prefix) ? { fromEtcd: true as const } : {}) }
  state.watchers.push(watcher)
  return watcher
}

/** The watch cache's stage by watcher count, one frozen object each shared by every flow (a flow keeps its stages for the whole run). */
const watchCacheStages: Stage[] = []

function watchCacheStage(sent: number): Stage {
  return (watchCacheStages[sent] ??= Object.freeze({ name: 'watch cache', outcome: 'ok', detail: sent ? `sent to ${sent} watcher(s)` : 'no watcher selects this object' }))
}
