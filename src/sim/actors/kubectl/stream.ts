/**
 * Output of a kubectl line that keeps running (`get -w`, `rollout status`): printed as it comes,
 * so the console shows each line when kubectl writes it, not when the line ends. And the hang-up:
 * kubectl closes its watch when it is interrupted or done, and the apiserver drops the watcher.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { KubectlState, RunningCommand } from './state.ts'

/** Prints `text` now; the final answer carries it too (finish prepends `cmd.stdout`). */
export function printNow(ctx: Ctx, cmd: RunningCommand, text: string): void {
  cmd.stdout += text
  ctx.observe({
    type: 'kubectl-stream',
    stream: {
      atMs: cmd.atMs,
      line: cmd.line,
      stdout: cmd.stdout,
      ...(cmd.warnings ? { warnings: cmd.warnings } : {}),
      ...(cmd.requestId !== undefined ? { requestId: cmd.requestId } : {}),
    },
  })
}

/** Hangs up one watch: no more events for it, and the apiserver forgets the watcher. */
export function hangUp(state: KubectlState, ctx: Ctx, watchId: string): void {
  delete state.watches[watchId]
  ctx.send(state.client.apiserver, { kind: 'watch.close', watchId })
}

/** Hangs up every watch the command holds. */
export function hangUpAll(state: KubectlState, ctx: Ctx, cmdId: string): void {
  for (const [watchId, owner] of Object.entries(state.watches).sort(([a], [b]) => a.localeCompare(b))) {
    if (owner === cmdId) hangUp(state, ctx, watchId)
  }
}

/** SIGINT: the line stops where it is, exit status 130 (128 + SIGINT) as a shell reports it. */
export const interruptedExitCode = 130
