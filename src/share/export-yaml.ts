/**
 * A scenario as a YAML file the CLI and the app read back (DESIGN.md §4), with what the person
 * typed or broke appended to its script at the virtual time it happened. Appending keeps the
 * lesson's own steps first, so equal times run in the order the person saw them.
 */
import { Document } from 'yaml'
import type { Scenario, ScriptStep, UserAction } from '../sim/protocol.ts'
import { scenarioToFile } from './scenario-file.ts'

export function scenarioYaml(scenario: Scenario, userScript: readonly UserAction[] = []): string {
  // A Ctrl+C becomes the interrupted line's `interruptAfter`: how long after it was typed.
  const interruptedAt = new Map<string, number>()
  for (const a of userScript) {
    if ('interrupt' in a && a.interrupt && a.requestId !== undefined) interruptedAt.set(a.requestId, a.at.atMs)
  }
  const typed = userScript.filter((a) => !('interrupt' in a && a.interrupt))
  const steps: ScriptStep[] = typed.map((a) =>
    'fault' in a
      ? { atMs: a.at.atMs, fault: a.fault }
      : 'traffic' in a
        ? { atMs: a.at.atMs, traffic: a.traffic }
        : {
          atMs: a.at.atMs,
          kubectl: a.kubectl,
          ...(a.stdin !== undefined ? { stdin: a.stdin } : {}),
          ...interruptAfter(a, interruptedAt),
        },
  )
  const script = [...scenario.script, ...steps].sort((a, b) => a.atMs - b.atMs)
  const doc = new Document(scenarioToFile({ ...scenario, script }))
  doc.commentBefore =
    ' Exported from kube-anatomy. Run it headless: npm run --silent sim -- run <this file>' +
    (steps.length > 0 ? `\n ${steps.length} step(s) typed or injected in the app are in script.` : '')
  return doc.toString({ lineWidth: 100 })
}

function interruptAfter(
  action: Extract<UserAction, { kubectl: string }>,
  interruptedAt: ReadonlyMap<string, number>,
): { interruptAfterMs?: number } {
  const at = action.requestId !== undefined ? interruptedAt.get(action.requestId) : undefined
  return at !== undefined ? { interruptAfterMs: at - action.at.atMs } : {}
}

/** A file name from the title: `Pod creation, hop by hop` → `pod-creation-hop-by-hop.yaml`. */
export function scenarioFileName(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  return `${slug || 'scenario'}.yaml`
}
