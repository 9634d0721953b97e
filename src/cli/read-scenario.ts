/** Reads a scenario file from disk (or stdin for `-`) and parses it; every failure is one line. */
import { readFileSync } from 'node:fs'
import { parseScenario, parseYaml } from '../scenarios/index.ts'
import type { Scenario } from '../sim/protocol.ts'

export type ReadResult = { ok: true; scenario: Scenario } | { ok: false; error: string }

function readText(file: string): { ok: true; text: string } | { ok: false; error: string } {
  try {
    return { ok: true, text: readFileSync(file === '-' ? 0 : file, 'utf8') }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory, not a scenario file'
          : code === 'EACCES'
            ? 'permission denied'
            : `cannot be read (${code ?? String(error)})`
    return { ok: false, error: reason }
  }
}

/**
 * Node's JSON.parse messages quote the text around the error over several lines and often give no
 * position; the YAML parser (JSON is YAML) locates most of the same mistakes by line and column.
 */
function jsonError(text: string, error: unknown): string {
  const located = parseYaml(text)
  if (!located.ok) return `invalid JSON: ${located.error}`
  const message = error instanceof Error ? error.message : String(error)
  return `invalid JSON: ${message.replace(/\s*\n\s*/g, ' ')}`
}

export function readScenario(file: string): ReadResult {
  const read = readText(file)
  if (!read.ok) return read
  let input: unknown = read.text
  if (/\.json$/i.test(file)) {
    try {
      input = JSON.parse(read.text)
    } catch (error) {
      return { ok: false, error: jsonError(read.text, error) }
    }
  }
  const parsed = parseScenario(input)
  return parsed.ok ? { ok: true, scenario: parsed.scenario } : parsed
}
