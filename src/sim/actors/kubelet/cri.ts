/** The kubelet's side of CRI: a call to the runtime, remembered until it replies. */
import type { Ctx, SendOptions } from '../../engine/actor.ts'
import type { CriMethod } from '../../messages.ts'
import type { CriCont, KubeletState } from './state.ts'

export function criCall(state: KubeletState, ctx: Ctx, method: CriMethod, args: Record<string, unknown>, cont: CriCont, opts: SendOptions = {}): void {
  const callId = `${ctx.self}#cri${++state.nextCall}`
  state.calls[callId] = cont
  ctx.send(state.runtime, { kind: 'cri.call', callId, method, args }, opts)
}
