/** A worker node of the scenario's cluster: `cluster.nodes[i]` and `addNode` steps. */
import * as v from 'valibot'
import type { NodeSpec } from '../sim/protocol.ts'
import {
  checkedText,
  integer,
  list,
  mapping,
  nonEmptyText,
  oneOf,
  quantity,
  show,
  stringMap,
} from './fields.ts'
import { taintEffects } from './kinds.ts'
import { labelValueError, qualifiedNameError, subdomainError } from './k8s-names.ts'

/** kubelet --max-pods; written as a number or as a quantity string of digits. */
const maxPods = v.pipe(
  v.unknown(),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const raw = dataset.value
    const n = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw
    if (typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 10_000) return n
    addIssue({ message: `must be a whole number of pods from 1 to 10000, not ${show(raw)}` })
    return NEVER
  }),
)

const taint = mapping({
  key: checkedText(qualifiedNameError),
  value: v.optional(checkedText(labelValueError)),
  effect: oneOf(taintEffects, 'a taint effect'),
})

const bytes = () => integer(0, Number.MAX_SAFE_INTEGER)

const nodeImage = mapping({
  names: v.pipe(list(nonEmptyText()), v.minLength(1, 'must list at least one image name')),
  sizeBytes: bytes(),
})

export const registryImage = mapping({
  name: nonEmptyText(),
  sizeBytes: bytes(),
})

export const nodeSchema = v.pipe(
  mapping({
    name: checkedText(subdomainError),
    cpu: v.optional(quantity(), '4'),
    memory: v.optional(quantity(), '8Gi'),
    pods: v.optional(maxPods, 110),
    labels: v.optional(stringMap(qualifiedNameError, labelValueError), () => ({})),
    taints: v.optional(list(taint), () => []),
    images: v.optional(list(nodeImage), () => []),
  }),
  v.transform((node): NodeSpec => node as NodeSpec),
)
