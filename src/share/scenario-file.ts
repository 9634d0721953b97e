/**
 * A parsed `Scenario` back to the file form the CLI and the parser read (DESIGN.md §4): durations
 * as text (`1m30s`), `until` instead of `untilMs`. Every default stays written out, so the file
 * means the same thing even if a later release changes a default. Fields this module does not
 * know pass through unchanged, so a field added to the format later still round-trips.
 */
import { formatDuration } from '../scenarios/duration.ts'
import type { Chapter, Scenario, ScriptStep, Trigger } from '../sim/protocol.ts'

export function scenarioToFile(scenario: Scenario): Record<string, unknown> {
  const { untilMs, script, chapters, ...rest } = scenario
  return {
    ...rest,
    script: script.map(stepToFile),
    chapters: chapters.map(chapterToFile),
    until: formatDuration(untilMs),
  }
}

export function stepToFile(step: ScriptStep): Record<string, unknown> {
  if ('kubectl' in step && step.interruptAfterMs !== undefined) {
    const { atMs, interruptAfterMs, ...rest } = step
    return { at: formatDuration(atMs), ...rest, interruptAfter: formatDuration(interruptAfterMs) }
  }
  const { atMs, ...rest } = step
  return { at: formatDuration(atMs), ...rest }
}

function chapterToFile(chapter: Chapter): Record<string, unknown> {
  return { ...chapter, startsWhen: triggerToFile(chapter.startsWhen) }
}

function triggerToFile(trigger: Trigger): Record<string, unknown> {
  return 'atTime' in trigger ? { atTime: formatDuration(trigger.atTime) } : { ...trigger }
}
