/**
 * A unified line diff between two stored versions of an object, as YAML (what `kubectl get -o yaml`
 * shows): hunks with three lines of context, made by jsdiff.
 */
import { structuredPatch } from 'diff'
import { stringify } from 'yaml'
import type { KObject } from '../sim/protocol.ts'

export interface DiffHunk {
  /** `@@ -12,7 +12,9 @@` */
  header: string
  lines: { op: ' ' | '-' | '+'; text: string }[]
}

/** The object as YAML; a deleted key reads as an empty document. */
export const objectYaml = (object: KObject | null): string =>
  object ? stringify(object, { lineWidth: 0 }) : ''

export function revisionDiff(before: KObject | null, after: KObject | null): DiffHunk[] {
  const patch = structuredPatch('before', 'after', objectYaml(before), objectYaml(after), '', '', { context: 3 })
  return patch.hunks.map((h) => ({
    header: `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`,
    lines: h.lines
      .filter((l) => !l.startsWith('\\'))
      .map((l) => ({ op: l[0] as ' ' | '-' | '+', text: l.slice(1) })),
  }))
}
