/**
 * valibot building blocks for the scenario schema. Each one carries its own one-line message, so
 * the first issue valibot reports is already the sentence an author reads.
 */
import * as v from 'valibot'
import { parseDuration } from './duration.ts'
import { isNegativeQuantity, quantityError } from './quantity.ts'

/** A value as an author would recognise it in a message: `"8GB"`, `4`, `a list`. */
export function show(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)
  if (Array.isArray(value)) return 'a list'
  if (value === null) return 'null'
  if (typeof value === 'object') return 'a mapping'
  return String(value)
}

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * A mapping with exactly these fields: a missing required field and an unknown one are both
 * errors, so a typo (`untill: 30s`) never passes silently.
 */
export const anyMapping = () =>
  v.custom<Record<string, unknown>>(
    isMapping,
    (issue) => `must be a mapping, not ${show(issue.input)}`,
  )

export function mapping<const E extends v.ObjectEntries>(entries: E) {
  const known = Object.keys(entries).join(', ')
  return v.pipe(
    anyMapping(),
    v.strictObject(entries, (issue) => {
      if (issue.expected === 'never') return `unknown field (a mapping here has: ${known})`
      if (issue.type === 'strict_object' && issue.input === undefined) return 'is required'
      return `must be a mapping, not ${show(issue.input)}`
    }),
  )
}

export const text = () => v.string((issue) => `must be a string, not ${show(issue.input)}`)

export const nonEmptyText = () =>
  v.pipe(
    text(),
    v.check((s) => s.trim() !== '', 'must not be empty'),
  )

export const bool = () => v.boolean((issue) => `must be true or false, not ${show(issue.input)}`)

export function integer(min: number, max: number) {
  return v.pipe(
    v.number((issue) => `must be a number, not ${show(issue.input)}`),
    v.check(
      (n) => Number.isInteger(n) && n >= min && n <= max,
      (issue) => `must be a whole number from ${min} to ${max}, not ${show(issue.input)}`,
    ),
  )
}

export function list<const T extends v.GenericSchema>(item: T) {
  return v.array(item, (issue) => `must be a list, not ${show(issue.input)}`)
}

export function oneOf<const T extends readonly string[]>(options: T, what: string) {
  return v.picklist(
    options,
    (issue) => `${show(issue.input)} is not ${what}; use one of: ${options.join(', ')}`,
  )
}

/** A duration string (`30s`, `1m30s`) turned into whole virtual milliseconds. */
export const duration = () =>
  v.pipe(
    v.unknown(),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const parsed = parseDuration(dataset.value)
      if (parsed.ok) return parsed.ms
      addIssue({ message: parsed.reason })
      return NEVER
    }),
  )

/** A Kubernetes quantity; YAML numbers (`cpu: 4`) are taken as their decimal text. */
export function quantity() {
  return v.pipe(
    v.union(
      [v.string(), v.number()],
      (issue) => `must be a Kubernetes quantity, not ${show(issue.input)}`,
    ),
    v.transform((q) => String(q)),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return
      const reason = quantityError(dataset.value)
      if (reason)
        addIssue({ message: `${show(dataset.value)} is not a Kubernetes quantity (${reason})` })
      else if (isNegativeQuantity(dataset.value))
        addIssue({ message: `${show(dataset.value)} must not be negative` })
    }),
  )
}

/** A string checked by a function that returns why it is wrong (apimachinery style), or null. */
export function checkedText(check: (s: string) => string | null) {
  return v.pipe(
    text(),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return
      const reason = check(dataset.value)
      if (reason) addIssue({ message: `${show(dataset.value)}: ${reason}` })
    }),
  )
}

/** A mapping of strings (labels), each key and value checked like the API server checks them. */
export function stringMap(
  keyCheck: (s: string) => string | null,
  valueCheck: (s: string) => string | null,
) {
  return v.pipe(
    anyMapping(),
    v.record(
      v.pipe(
        v.string(),
        v.check(
          (key) => keyCheck(key) === null,
          (issue) => `key ${show(issue.input)}: ${keyCheck(String(issue.input))}`,
        ),
      ),
      checkedText(valueCheck),
    ),
  )
}

/** Items whose `keyOf` must be distinct; names the later duplicate. */
export function distinct<T>(keyOf: (item: T) => string, field?: string) {
  return v.rawCheck<T[]>(({ dataset, addIssue }) => {
    if (!dataset.typed) return
    const seen = new Set<string>()
    dataset.value.forEach((item, index) => {
      const key = keyOf(item)
      if (seen.has(key))
        addIssue({
          message: `${show(key)} appears twice`,
          path: pathTo(field ? [index, field] : [index]),
        })
      seen.add(key)
    })
  })
}

/** A valibot issue path from plain keys, for checks that span several fields. */
export function pathTo(
  keys: readonly (string | number)[],
): [v.IssuePathItem, ...v.IssuePathItem[]] {
  const items = keys.map((key): v.UnknownPathItem => ({
    type: 'unknown',
    origin: 'value',
    input: undefined,
    key,
    value: undefined,
  }))
  return items as [v.IssuePathItem, ...v.IssuePathItem[]]
}
