/**
 * Link version 1: the wire shape and its check. A later version adds `v2.ts` and keeps this file,
 * so every link ever shared still opens (versions.ts maps each version to its reader).
 */
import * as v from 'valibot'
import { maxDurationMs } from '../scenarios/duration.ts'
import { issueText } from '../scenarios/issue-text.ts'
import { parseScenario } from '../scenarios/parse.ts'
import { stepSchema } from '../scenarios/script-schema.ts'
import type { Fault, Scenario, SimPosition, UserAction } from '../sim/protocol.ts'
import { lessonRef, resolveLesson } from './lesson-ref.ts'
import { maxUserActions } from './limits.ts'
import type { DecodeResult, PanelName, SharePayload, ShareView } from './payload.ts'
import { scenarioToFile } from './scenario-file.ts'

const whole = (max: number) =>
  v.pipe(
    v.number('must be a number'),
    v.check((n) => Number.isInteger(n) && n >= 0 && n <= max, `must be a whole number 0–${max}`),
  )

const positionSchema = v.strictObject({
  atMs: whole(maxDurationMs),
  delivered: v.optional(whole(Number.MAX_SAFE_INTEGER)),
})

const shortText = (max: number) => v.pipe(v.string('must be a string'), v.maxLength(max))

const actionSchema = v.strictObject({
  at: positionSchema,
  kubectl: v.optional(shortText(10_000)),
  stdin: v.optional(shortText(1_000_000)),
  requestId: v.optional(shortText(100)),
  /** Ctrl+C on the line typed with `requestId`. */
  interrupt: v.optional(v.literal(true)),
  fault: v.optional(v.unknown()),
  /** A traffic source line; links made before traffic was recorded simply never carry it. */
  traffic: v.optional(shortText(1_000)),
})

const wireSchema = v.strictObject({
  /** The scenario in its file form, or — for a built-in lesson unchanged — `lesson` instead. */
  scenario: v.optional(v.unknown()),
  lesson: v.optional(
    v.strictObject({
      id: shortText(100),
      hash: v.pipe(v.string('must be a string'), v.regex(/^[0-9a-f]{8}$/, 'must be 8 hex digits')),
    }),
  ),
  scenarioId: v.optional(shortText(100)),
  userScript: v.pipe(v.array(actionSchema, 'must be a list'), v.maxLength(maxUserActions)),
  position: positionSchema,
  displayMs: v.optional(v.pipe(v.number(), v.finite())),
  view: v.optional(v.unknown()),
})

type WireAction = v.InferOutput<typeof actionSchema>

/** The wire form of a payload: the scenario in its file form, canonical-JSON ready. */
export function toWireV1(payload: SharePayload): unknown {
  const lesson = lessonRef(payload.scenario, payload.scenarioId)
  return {
    ...(lesson ? { lesson } : { scenario: scenarioToFile(payload.scenario) }),
    ...(payload.scenarioId !== undefined ? { scenarioId: payload.scenarioId } : {}),
    userScript: payload.userScript,
    position: payload.position,
    ...(payload.displayMs !== undefined ? { displayMs: payload.displayMs } : {}),
    view: payload.view,
  }
}

export function readV1(json: unknown): DecodeResult {
  const wire = v.safeParse(wireSchema, json, { abortEarly: true })
  if (!wire.success) return { ok: false, reason: issueText(wire.issues[0]).replace(/^the scenario /, 'it ') }
  const { scenario: file, lesson, scenarioId, userScript, position, displayMs, view } = wire.output

  if ((file === undefined) === (lesson === undefined)) {
    return { ok: false, reason: 'it needs exactly one of scenario and lesson' }
  }
  let scenario: Scenario
  if (lesson) {
    const resolved = resolveLesson(lesson)
    if (typeof resolved === 'string') return { ok: false, reason: resolved }
    scenario = resolved
  } else {
    const parsed = parseScenario(file)
    if (!parsed.ok) return { ok: false, reason: `its scenario is not valid: ${parsed.error}` }
    scenario = parsed.scenario
  }

  const actions: UserAction[] = []
  for (const [i, raw] of userScript.entries()) {
    const action = readAction(raw)
    if (typeof action === 'string') return { ok: false, reason: `userScript[${i}]: ${action}` }
    const previous = actions.at(-1)?.at
    if (previous && before(action.at, previous)) {
      return { ok: false, reason: `userScript[${i}] happens before the action ahead of it` }
    }
    actions.push(action)
  }
  const last = actions.at(-1)?.at
  if (last && before(position, last)) {
    return { ok: false, reason: 'its position is before the last action it carries' }
  }
  const display =
    displayMs !== undefined && displayMs >= position.atMs && displayMs < position.atMs + 1
      ? displayMs
      : undefined

  return {
    ok: true,
    version: 1,
    moment: {
      scenario,
      ...(scenarioId !== undefined ? { scenarioId } : {}),
      userScript: actions,
      position: position as SimPosition,
      ...(display !== undefined ? { displayMs: display } : {}),
      view: readView(view),
    },
  }
}

function readAction(raw: WireAction): UserAction | string {
  const at = raw.at as SimPosition
  if (raw.traffic !== undefined) {
    if (raw.kubectl !== undefined || raw.stdin !== undefined || raw.fault !== undefined) {
      return 'has a traffic line and another action'
    }
    return { at, traffic: raw.traffic }
  }
  if (raw.fault !== undefined) {
    if (raw.kubectl !== undefined || raw.stdin !== undefined) return 'has both a fault and a kubectl line'
    // The scenario format's own fault check, so a link accepts exactly the faults a file does.
    const step = v.safeParse(stepSchema, { fault: raw.fault }, { abortEarly: true })
    if (!step.success) return issueText(step.issues[0])
    return { at, fault: (step.output as { fault: Fault }).fault }
  }
  if (raw.kubectl === undefined) return 'needs a kubectl line or a fault'
  return {
    at,
    kubectl: raw.kubectl,
    ...(raw.stdin !== undefined ? { stdin: raw.stdin } : {}),
    ...(raw.requestId !== undefined ? { requestId: raw.requestId } : {}),
    ...(raw.interrupt ? { interrupt: true as const } : {}),
  }
}

/** True when `a` comes strictly before `b` in the engine's order. */
function before(a: SimPosition, b: SimPosition): boolean {
  if (a.atMs !== b.atMs) return a.atMs < b.atMs
  return (a.delivered ?? Infinity) < (b.delivered ?? Infinity)
}

const panelNames: readonly PanelName[] = ['flows', 'details', 'console']

/** The view is cosmetic: keep each field that is well formed, drop the rest (like a restore). */
function readView(raw: unknown): ShareView {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {}
  const r = raw as Record<string, unknown>
  const view: ShareView = {}
  if (typeof r.selectedFlowId === 'string' && /^flow:\d{1,9}$/.test(r.selectedFlowId)) {
    view.selectedFlowId = r.selectedFlowId
  }
  if (typeof r.showAmbient === 'boolean') view.showAmbient = r.showAmbient
  if (typeof r.speed === 'number' && r.speed >= 0.1 && r.speed <= 10) view.speed = r.speed
  if (r.mode === 'presenter') view.mode = 'presenter'
  if (typeof r.panels === 'object' && r.panels !== null && !Array.isArray(r.panels)) {
    const panels: Partial<Record<PanelName, boolean>> = {}
    for (const name of panelNames) {
      const value = (r.panels as Record<string, unknown>)[name]
      if (typeof value === 'boolean') panels[name] = value
    }
    view.panels = panels
  }
  return view
}
