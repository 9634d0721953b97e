/**
 * A built-in lesson travels as `{id, hash}` instead of its whole text (narration makes a lesson
 * several KB): links stay short enough for chat and slides. The hash is of the lesson's file form,
 * so a link made before a lesson was edited is refused with that reason, never opened on
 * different content. Any other scenario travels whole.
 */
import { loadScenario, scenarios } from '../scenarios/index.ts'
import type { Scenario } from '../sim/protocol.ts'
import { canonicalJson } from './canonical-json.ts'
import { scenarioToFile } from './scenario-file.ts'

export interface LessonRef {
  id: string
  /** FNV-1a of the lesson's canonical file form, 8 hex digits. */
  hash: string
}

function fnv1a(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h.toString(16).padStart(8, '0')
}

export function scenarioHash(scenario: Scenario): string {
  return fnv1a(canonicalJson(scenarioToFile(scenario)))
}

/** Built-in lessons never change while the app runs: parse and hash each once. */
const cache = new Map<string, { scenario: Scenario; hash: string } | null>()

function builtIn(id: string): { scenario: Scenario; hash: string } | null {
  if (!cache.has(id)) {
    let entry: { scenario: Scenario; hash: string } | null = null
    if (scenarios.some((s) => s.id === id)) {
      try {
        const scenario = loadScenario(id)
        entry = { scenario, hash: scenarioHash(scenario) }
      } catch {
        entry = null
      }
    }
    cache.set(id, entry)
  }
  return cache.get(id) ?? null
}

/** The reference for `scenario` when it is exactly the built-in lesson `id`, else null. */
export function lessonRef(scenario: Scenario, id: string | undefined): LessonRef | null {
  if (id === undefined) return null
  const lesson = builtIn(id)
  if (!lesson) return null
  const hash = scenarioHash(scenario)
  return hash === lesson.hash ? { id, hash } : null
}

/** The lesson a reference names, or why it cannot be opened. */
export function resolveLesson(ref: LessonRef): Scenario | string {
  const lesson = builtIn(ref.id)
  if (!lesson) return `it names a lesson this app does not have ("${ref.id}")`
  if (lesson.hash !== ref.hash) {
    return `it was made with an earlier text of the lesson "${ref.id}", which has changed since`
  }
  return lesson.scenario
}
