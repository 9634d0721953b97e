/**
 * The whole scenario file (DESIGN.md §4) as one valibot schema: parsing it validates every field,
 * fills every default and yields protocol's normalized `Scenario`.
 */
import * as v from 'valibot'
import type { Chapter, Scenario } from '../sim/protocol.ts'
import { chapterSchema } from './chapter-schema.ts'
import { clusterSchema } from './cluster-schema.ts'
import { crossCheck } from './cross-check.ts'
import { formatDuration } from './duration.ts'
import { distinct, duration, integer, list, mapping, nonEmptyText, show, text } from './fields.ts'
import { isRfc3339 } from './instant.ts'
import { registryImage } from './node-schema.ts'
import { stepSchema } from './script-schema.ts'

export const defaultStartTime = '2026-01-01T00:00:00Z'

const startTime = v.pipe(
  text(),
  v.check(
    isRfc3339,
    (issue) => `${show(issue.input)} is not an RFC 3339 instant such as ${defaultStartTime}`,
  ),
)

const until = v.pipe(
  duration(),
  v.check((ms) => ms > 0, 'must be longer than 0s'),
)

export const scenarioSchema = v.pipe(
  mapping({
    title: nonEmptyText(),
    seed: v.optional(integer(0, 0xffffffff), 1),
    startTime: v.optional(startTime, defaultStartTime),
    cluster: clusterSchema,
    registry: v.optional(
      mapping({ images: v.optional(list(registryImage), () => []) }),
      () => ({}),
    ),
    script: v.optional(list(stepSchema), () => []),
    chapters: v.optional(
      v.pipe(
        list(chapterSchema),
        distinct((c: Chapter) => c.id, 'id'),
      ),
      () => [],
    ),
    until: v.optional(until, formatDuration(120_000)),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return
    const problem = crossCheck(dataset.value)
    if (problem) addIssue(problem)
  }),
  v.transform(({ until: untilMs, ...rest }): Scenario => ({ ...rest, untilMs })),
)

/** The file as an author writes it (durations as text, defaults optional). */
export type ScenarioFile = v.InferInput<typeof scenarioSchema>
