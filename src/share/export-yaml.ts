/**
 * A scenario as a YAML file the CLI and the app read back (DESIGN.md §4), with what the person
 * typed or broke appended to its script at the virtual time it happened. Appending keeps the
 * lesson's own steps first, so equal times run in the order the person saw them.
 */
import { Document } from 'yaml'
import type { Scenario, ScriptStep, UserAction } from '../sim/protocol.ts'
import { scenarioToFile } from './scenario-file.ts'

export function scenarioYaml(scenario: Scenario, userScript: readonly UserAction[] = []): string {
  // A Ctrl+C has no step in the file format: a watch typed in the app runs on in the file.
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
        },
  )
  const script = [...scenario.script, ...steps].sort((a, b) => a.atMs - b.atMs)
  const doc = new Document(scenarioToFile({ ...scenario, script }))
  doc.commentBefore =
    ' Exported from kube-anatomy. Run it headless: npm run --silent sim -- run <this file>' +
    (steps.length > 0 ? `\n ${steps.length} step(s) typed or injected in the app are in script.` : '')
  return doc.toString({ lineWidth: 100 })
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
