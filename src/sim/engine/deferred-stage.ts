/**
 * Stages whose detail text is written when someone reads it. A flow keeps its stages for the
 * whole run, and the stages every pod's create and binding write (`committed at revision 4711`,
 * `GuaranteedUpdate /registry/pods/default/web-1: Txn If(mod_revision == 4702) Then Put`, the
 * scheduler's filter and score verdicts) are text of their own per request: kept as strings they
 * were much of what a 3,000-pod run retains and its young-generation collections copy. A stage
 * here keeps a shared template and its values (a key the store keeps anyway, a revision) and
 * writes the same text on every read.
 *
 * Readers see an ordinary `Stage`: `stage.name`, `stage.outcome` and `stage.detail` are strings.
 * They are getters, so copies go through `plainStage` (the worker posts plain stages to the
 * page): a spread or a structured clone copies own fields only and would carry none of them.
 * JSON writes the plain stage.
 */
import type { Stage } from '../protocol.ts'

/** A kind of stage: its name, its outcome and how its text is made from one or two values. */
export interface StageTemplate<A, B = undefined> {
  readonly name: string
  readonly outcome: Stage['outcome']
  /** A stage of this kind about `a` and `b`. */
  of(a: A, b?: B): Stage
}

type Format = (a: unknown, b: unknown) => string

class Template implements StageTemplate<unknown, unknown> {
  constructor(
    readonly name: string,
    readonly outcome: Stage['outcome'],
    readonly format: Format,
  ) {}

  of(a: unknown, b?: unknown): Stage {
    return new DeferredStage(this, a, b)
  }
}

/**
 * Three fields, 48 bytes a stage where a plain stage and its text took ~100; private, so nothing
 * that copies a stage by its fields can carry the format function along.
 */
class DeferredStage implements Stage {
  readonly #template: Template
  readonly #a: unknown
  readonly #b: unknown

  constructor(template: Template, a: unknown, b: unknown) {
    this.#template = template
    this.#a = a
    this.#b = b
  }

  get name(): string {
    return this.#template.name
  }

  get outcome(): Stage['outcome'] {
    return this.#template.outcome
  }

  get detail(): string {
    return this.#template.format(this.#a, this.#b)
  }

  toJSON(): Stage {
    return plainStage(this)
  }
}

/**
 * A kind of stage whose text is `format(a, b)`, written on read. `format` must be a function of
 * its arguments only, and they must not change afterwards (strings, numbers, frozen objects).
 * Make templates once, at module level: a template per stage would cost what this saves.
 */
export function stageTemplate<A, B = undefined>(name: string, outcome: Stage['outcome'], format: (a: A, b: B) => string): StageTemplate<A, B> {
  return new Template(name, outcome, format as Format) as StageTemplate<A, B>
}

/** The stage as plain data with its text written out: what leaves the engine (postMessage, copies). */
export function plainStage(stage: Stage): Stage {
  return { name: stage.name, outcome: stage.outcome, detail: stage.detail }
}
