/**
 * A client hung up a watch: the apiserver's watch handler returns and the cacher drops the
 * watcher, so no further events are sent to it (apiserver pkg/endpoints/handlers/watch.go,
 * storage/cacher/cacher.go forgetWatcher).
 */
import type { Ctx } from '../../engine/actor.ts'
import type { WatchClose } from '../../messages.ts'
import type { ApiserverState } from './state.ts'
import { watchMember } from './etcd-client.ts'

export function closeWatch(state: ApiserverState, msg: WatchClose, ctx: Ctx): void {
  const closing = state.watchers.find((w) => w.id === msg.watchId && w.client === ctx.from)
  if (closing) state.watchers = state.watchers.filter((w) => w !== closing)
  ctx.stage({
    name: 'watch',
    outcome: closing ? 'ok' : 'skipped',
    detail: !closing
      ? `${msg.watchId} was already closed`
      : closing.fromEtcd
        ? `${msg.watchId} closed by its client; the apiserver cancels its watch on etcd`
        : `${msg.watchId} closed by its client; the watch cache forgets it`,
  })
  // A watch served from etcd ends there too (etcd3 watcher: the context is cancelled).
  if (closing?.fromEtcd) ctx.send(watchMember(state), { kind: 'etcd.watch-cancel', watchId: closing.id })
}
