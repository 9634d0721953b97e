/**
 * The person's actions (typed kubectl lines, injected faults), recorded with the exact engine
 * position they happened at, and the moves that bring a fresh simulation back to such a position.
 * A share link replays them through the same command path, so the trace hash comes out equal.
 */
import type { Simulation } from '../sim/index.ts'
import type { Command, Fault, SimPosition, UserAction } from '../sim/protocol.ts'

/**
 * Where `sim` stands. `midStep` is true when the last move was a step (stepDelivery stops right
 * after one delivery; same-time events may still wait), false after a run to a time.
 */
export function positionOf(sim: Simulation, midStep: boolean): SimPosition {
  return midStep ? { atMs: sim.now(), delivered: sim.deliveredCount() } : { atMs: sim.now() }
}

/** The action a command records, or null for commands that only steer the display. */
export function actionOf(command: Command, at: SimPosition): UserAction | null {
  if (command.type === 'kubectl') {
    return {
      at,
      kubectl: command.line,
      ...(command.stdin !== undefined ? { stdin: command.stdin } : {}),
      requestId: command.requestId,
    }
  }
  if (command.type === 'kubectl-interrupt') return { at, kubectl: '', requestId: command.requestId, interrupt: true }
  // Compared as a string: the fault command and this file landed separately in the protocol.
  const { fault } = command as { fault?: Fault }
  if ((command.type as string) === 'fault' && fault) return { at, fault }
  if (command.type === 'traffic') return { at, traffic: command.line }
  return null
}

/** The command that performs a recorded action again. */
export function commandOf(action: UserAction, index: number): Command {
  if ('fault' in action) return { type: 'fault', fault: action.fault } as unknown as Command
  if ('traffic' in action) return { type: 'traffic', line: action.traffic }
  if (action.interrupt && action.requestId !== undefined) return { type: 'kubectl-interrupt', requestId: action.requestId }
  return {
    type: 'kubectl',
    line: action.kubectl,
    ...(action.stdin !== undefined ? { stdin: action.stdin } : {}),
    // The request id is part of the kubectl answer, hence of the trace hash.
    requestId: action.requestId ?? `link:${index + 1}`,
  }
}

/**
 * Runs `sim` forward to `to`. Every event before `to.atMs` runs (nothing new can be scheduled in
 * the past), then at `to.atMs` either everything (a run) or deliveries one by one until the count
 * matches (a step). A position behind the engine is left as it is: time does not run backwards.
 * Returns true when the engine stopped mid-step.
 */
export function moveTo(sim: Simulation, to: SimPosition): boolean {
  if (to.atMs < sim.now()) return false
  if (to.atMs > sim.now()) sim.runUntil(to.atMs - 1)
  if (to.delivered !== undefined) {
    while (sim.deliveredCount() < to.delivered) if (!sim.step(to.atMs)) break
    if (sim.deliveredCount() === to.delivered && sim.now() === to.atMs) return true
  }
  sim.runUntil(to.atMs)
  return false
}
