/** The timed script: kubectl lines, manifests, faults and nodes joining. */
import * as v from 'valibot'
import type { Fault, ScriptStep } from '../sim/protocol.ts'
import {
  anyMapping,
  checkedText,
  duration,
  integer,
  mapping,
  nonEmptyText,
  oneOf,
  show,
  text,
} from './fields.ts'
import {
  componentFaults,
  components,
  faultKinds,
  memberFaults,
  nodeFaults,
  registryFaults,
} from './kinds.ts'
import { subdomainError } from './k8s-names.ts'
import { nodeSchema } from './node-schema.ts'

const faultMessage = (issue: v.BaseIssue<unknown>): string =>
  issue.input === undefined
    ? 'is required (one of: ' + faultKinds.join(', ') + ')'
    : `${show(issue.input)} is not a fault kind; use one of: ${faultKinds.join(', ')}`

const faultSchema = v.pipe(
  anyMapping(),
  v.variant(
    'kind',
    [
      v.strictObject(
        { kind: v.picklist(nodeFaults), node: checkedText(subdomainError) },
        strictMessage('kind, node'),
      ),
      v.strictObject(
        { kind: v.picklist(memberFaults), member: integer(0, 6) },
        strictMessage('kind, member'),
      ),
      v.strictObject(
        {
          kind: v.picklist(componentFaults),
          component: oneOf(components, 'a control-plane component'),
        },
        strictMessage('kind, component'),
      ),
      v.strictObject({ kind: v.picklist(registryFaults) }, strictMessage('kind')),
    ],
    faultMessage,
  ),
  v.transform((fault): Fault => fault),
)

function strictMessage(known: string) {
  return (issue: v.BaseIssue<unknown>): string =>
    issue.expected === 'never' ? `unknown field (this fault has: ${known})` : 'is required'
}

const stepKinds = ['kubectl', 'apply', 'fault', 'addNode', 'traffic'] as const

export const stepSchema = v.pipe(
  mapping({
    at: v.optional(duration(), '0s'),
    kubectl: v.optional(nonEmptyText()),
    stdin: v.optional(text()),
    /** Ctrl+C this long after the kubectl line was typed (ends a `get -w`). */
    interruptAfter: v.optional(duration()),
    apply: v.optional(nonEmptyText()),
    fault: v.optional(faultSchema),
    addNode: v.optional(nodeSchema),
    /** `start web --rate 20 --from node-1`, `start web --from outside`, `stop` (traffic-client.ts). */
    traffic: v.optional(nonEmptyText()),
  }),
  v.check(
    (step) => stepKinds.filter((k) => step[k] !== undefined).length === 1,
    `a step needs exactly one of ${stepKinds.join(', ')}`,
  ),
  v.check(
    (step) => step.stdin === undefined || step.kubectl !== undefined,
    'stdin goes with a kubectl line only',
  ),
  v.check(
    (step) => step.interruptAfter === undefined || step.kubectl !== undefined,
    'interruptAfter goes with a kubectl line only',
  ),
  v.transform((step): ScriptStep => {
    const atMs = step.at
    if (step.kubectl !== undefined) {
      return {
        atMs,
        kubectl: step.kubectl,
        ...(step.stdin !== undefined ? { stdin: step.stdin } : {}),
        ...(step.interruptAfter !== undefined ? { interruptAfterMs: step.interruptAfter } : {}),
      }
    }
    if (step.apply !== undefined) return { atMs, apply: step.apply }
    if (step.fault !== undefined) return { atMs, fault: step.fault }
    if (step.traffic !== undefined) return { atMs, traffic: step.traffic }
    return { atMs, addNode: step.addNode! }
  }),
)
