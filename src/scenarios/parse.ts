/**
 * parseScenario: text (YAML or JSON) or an already-decoded value in, a normalized `Scenario` or a
 * one-line reason out. It never throws: scenarios arrive from files, share links and CI jobs.
 */
import * as v from 'valibot'
import { parseDocument } from 'yaml'
import type { Scenario } from '../sim/protocol.ts'
import { issueText } from './issue-text.ts'
import { scenarioSchema } from './scenario-schema.ts'

export type ParseResult =
  { ok: true; scenario: Scenario; file: unknown } | { ok: false; error: string }

/** Larger than any lesson; a bound so a hostile link cannot make the parser work for minutes. */
export const maxScenarioChars = 1_000_000

/** YAML text to a plain value; errors name the line and column. */
export function parseYaml(
  text: string,
): { ok: true; value: unknown } | { ok: false; error: string } {
  if (text.length > maxScenarioChars) {
    return {
      ok: false,
      error: `the scenario is ${text.length} characters; the limit is ${maxScenarioChars}`,
    }
  }
  if (text.trim() === '') return { ok: false, error: 'the scenario is empty' }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true })
  const first = doc.errors[0]
  if (first) {
    const pos = first.linePos?.[0]
    const reason = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
    const readable = reason.startsWith('Source contains multiple documents')
      ? 'a scenario is one YAML document, but this text holds several (--- separated)'
      : reason
    return { ok: false, error: pos ? `line ${pos.line}, column ${pos.col}: ${readable}` : readable }
  }
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) }
  } catch {
    // yaml throws here for alias bombs (one anchor expanded millions of times).
    return { ok: false, error: 'the YAML expands too many aliases (*name) to be read safely' }
  }
}

export function parseScenario(input: unknown): ParseResult {
  try {
    let file = input
    if (typeof input === 'string') {
      const yaml = parseYaml(input)
      if (!yaml.ok) return yaml
      file = yaml.value
    }
    const result = v.safeParse(scenarioSchema, file, { abortEarly: true })
    if (!result.success) return { ok: false, error: issueText(result.issues[0]) }
    return { ok: true, scenario: result.output, file }
  } catch (error) {
    // Unreachable by design; kept so a bug in a check still yields one line, not a crash.
    return {
      ok: false,
      error: `the scenario could not be read: ${error instanceof Error ? error.message : String(error)}`,
    }
  }
}
