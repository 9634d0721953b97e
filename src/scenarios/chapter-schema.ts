/** Chapters: narration with a declarative trigger the engine evaluates (STYLE.md §3.9). */
import * as v from 'valibot'
import type { Chapter, Trigger } from '../sim/protocol.ts'
import { bool, duration, mapping, nonEmptyText, oneOf, text } from './fields.ts'
import { flowKinds } from './kinds.ts'

const triggerKinds = ['atTime', 'afterFlow', 'whenObject', 'quiescent'] as const

const afterFlow = mapping({
  kind: oneOf(flowKinds, 'a flow kind'),
  from: v.optional(nonEmptyText()),
  to: v.optional(nonEmptyText()),
  label: v.optional(text()),
})

const whenObject = mapping({
  key: v.pipe(
    text(),
    v.startsWith('/registry/', 'must be an etcd key such as /registry/pods/default/nginx'),
  ),
  /** A dotted path into the object: `status.phase`, `status.conditions.0.status`. */
  path: nonEmptyText(),
  /** Any YAML value; it must be written out, even as null. */
  equals: v.unknown(),
})

const trigger = v.pipe(
  mapping({
    atTime: v.optional(duration()),
    afterFlow: v.optional(afterFlow),
    whenObject: v.optional(whenObject),
    quiescent: v.optional(v.literal(true, 'must be true (or leave it out)')),
  }),
  v.check(
    (t) => triggerKinds.filter((k) => t[k] !== undefined).length === 1,
    `startsWhen needs exactly one of ${triggerKinds.join(', ')}`,
  ),
  v.transform((t): Trigger => {
    if (t.atTime !== undefined) return { atTime: t.atTime }
    if (t.afterFlow !== undefined) return { afterFlow: t.afterFlow }
    if (t.whenObject !== undefined) return { whenObject: t.whenObject }
    return { quiescent: true }
  }),
)

export const chapterSchema = v.pipe(
  mapping({
    id: nonEmptyText(),
    title: nonEmptyText(),
    narration: text(),
    startsWhen: trigger,
    pauseAtEnd: v.optional(bool(), false),
  }),
  v.transform((c): Chapter => c),
)
