/**
 * The CLI's JSON document (DESIGN.md §4a), built from a finished simulation. Each entry lists its
 * fields explicitly so that internal fields (doneAtMs, requestId, ambient, stages, source) never
 * leak into a public contract.
 */
import type { Simulation } from '../sim/index.ts'
import type {
  EventSummary,
  Flow,
  FlowKind,
  FlowOutcome,
  KObject,
  KubectlResult,
} from '../sim/protocol.ts'

export interface Report {
  scenario: string
  seed: number
  kubernetesVersion: string
  startTime: string
  virtualTimeMs: number
  traceHash: string
  kubectl: { atMs: number; line: string; exitCode: number; stdout: string; stderr: string }[]
  objects: Record<string, KObject>
  events: Omit<EventSummary, 'source'>[]
  flows: {
    id: string
    from: string
    to: string
    kind: FlowKind
    label: string
    sentAtMs: number
    arrivesAtMs: number
    causeId: string | null
    outcome: FlowOutcome
  }[]
}

export const reportKeys = [
  'scenario',
  'seed',
  'kubernetesVersion',
  'startTime',
  'virtualTimeMs',
  'traceHash',
  'kubectl',
  'objects',
  'events',
  'flows',
] as const satisfies readonly (keyof Report)[]

const kubectlEntry = (k: KubectlResult): Report['kubectl'][number] => ({
  atMs: k.atMs,
  line: k.line,
  exitCode: k.exitCode,
  stdout: k.stdout,
  stderr: k.stderr,
})

const eventEntry = (e: EventSummary): Report['events'][number] => ({
  type: e.type,
  reason: e.reason,
  message: e.message,
  involvedObject: e.involvedObject,
  count: e.count,
  firstTimestampMs: e.firstTimestampMs,
  lastTimestampMs: e.lastTimestampMs,
})

const flowEntry = (f: Flow): Report['flows'][number] => ({
  id: f.id,
  from: f.from,
  to: f.to,
  kind: f.kind,
  label: f.label,
  sentAtMs: f.sentAt,
  arrivesAtMs: f.arrivesAt,
  causeId: f.causeId,
  outcome: f.outcome,
})

export function buildReport(sim: Simulation, kubernetesVersion: string): Report {
  return {
    scenario: sim.scenario.title,
    seed: sim.scenario.seed,
    kubernetesVersion,
    startTime: sim.scenario.startTime,
    virtualTimeMs: sim.now(),
    traceHash: sim.traceHash(),
    kubectl: sim.kubectlResults().map(kubectlEntry),
    objects: sim.objects(),
    events: sim.events().map(eventEntry),
    flows: sim.flows().map(flowEntry),
  }
}
