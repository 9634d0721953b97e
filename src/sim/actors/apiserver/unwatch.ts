/**
 * A client hung up a watch: the apiserver's watch handler returns and the cacher drops the
 * watcher, so no further events are sent to it (apiserver pkg/endpoints/handlers/watch.go,
 * storage/cacher/cacher.go forgetWatcher).
 */
import type { Ctx } from '../../engine/actor.ts'
import type { WatchClose } from '../../messages.ts'
import type { ApiserverState } from './state.ts'

export function closeWatch(state: ApiserverState, msg: WatchClose, ctx: Ctx): void {
  const before = state.watchers.length
  state.watchers = state.watchers.filter((w) => !(w.id === msg.watchId && w.client === ctx.from))
  const closed = state.watchers.length < before
  ctx.stage({
    name: 'watch',
    outcome: closed ? 'ok' : 'skipped',
    detail: closed ? `${msg.watchId} closed by its client; the watch cache forgets it` : `${msg.watchId} was already closed`,
  })
}
