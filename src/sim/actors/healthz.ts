/**
 * The `/healthz` endpoint of kube-scheduler (:10259) and kube-controller-manager (:10257), as
 * kube-apiserver's componentstatus probe reads it: `200 ok` while the process runs. Its checks
 * (ping, log, and the leader election watchdog, which fails only for a leader whose Lease has
 * lapsed for 20 s past its duration) all pass in what the model reaches; a standby instance is
 * healthy too. A stopped process answers nothing: its machine refuses the connection.
 */
import type { Ctx } from '../engine/actor.ts'
import { isApiRequest, type Message } from '../messages.ts'

/** Answers a `/healthz` GET; false for any other message. */
export function answerHealthz(msg: Message, ctx: Ctx): boolean {
  if (!isApiRequest(msg) || msg.verb !== 'get' || !msg.path.endsWith('/healthz') || ctx.from === null) return false
  ctx.send(ctx.from, { kind: 'apiserver.response', reqId: msg.reqId, code: 200, body: 'ok' })
  return true
}
