/**
 * The built-in scenarios, as an explicit list (no import.meta.glob: this module loads in Node for
 * the CLI and tests as well as in the app). Adding a scenario: one file with its YAML, one line here.
 */
import type { Scenario } from '../sim/protocol.ts'
import { parseScenario } from './parse.ts'
import { podCreationYaml } from './pod-creation.ts'
import { lessonPodHopsYaml } from './lesson-pod-hops.ts'
import { lessonTourYaml } from './lesson-tour.ts'
import { lessonDeploymentYaml } from './lesson-deployment.ts'
import { lessonSchedulingYaml } from './lesson-scheduling.ts'
import { lessonNodeFailureYaml } from './lesson-node-failure.ts'
import { lessonCrashLoopYaml } from './lesson-crashloop.ts'
import { lessonControlPlaneYaml } from './lesson-control-plane.ts'
import { lessonInsidePodYaml } from './lesson-inside-pod.ts'
import { lessonServiceYaml } from './lesson-service.ts'
import { lessonIngressYaml } from './lesson-ingress.ts'
import { lessonEtcdQuorumYaml } from './lesson-etcd-quorum.ts'
import { schedulingYaml } from './scheduling.ts'
import { servicesYaml } from './services.ts'
import { etcdClusterYaml } from './etcd-cluster.ts'

export { parseScenario, parseYaml, maxScenarioChars, type ParseResult } from './parse.ts'
export type { ScenarioFile } from './scenario-schema.ts'
export { parseDuration, formatDuration } from './duration.ts'

export interface ScenarioEntry {
  /** Used in `?scenario=<id>` and by the CLI. */
  id: string
  title: string
  /** The scenario file, YAML text. */
  source: string
}

export const scenarios: readonly ScenarioEntry[] = [
  { id: 'pod-creation', title: 'Pod creation, hop by hop', source: podCreationYaml },
  { id: 'lesson-tour', title: 'Anatomy of a cluster, a tour', source: lessonTourYaml },
  {
    id: 'lesson-pod-hops',
    title: "A pod's creation, hop by hop",
    source: lessonPodHopsYaml,
  },
  { id: 'lesson-deployment', title: 'A Deployment reconciled', source: lessonDeploymentYaml },
  { id: 'lesson-scheduling', title: 'Scheduling decisions', source: lessonSchedulingYaml },
  {
    id: 'lesson-node-failure',
    title: 'A node failure and the eviction timeline',
    source: lessonNodeFailureYaml,
  },
  { id: 'lesson-crashloop', title: 'CrashLoopBackOff and probes', source: lessonCrashLoopYaml },
  { id: 'lesson-control-plane', title: 'The control plane down', source: lessonControlPlaneYaml },
  { id: 'lesson-etcd-quorum', title: 'Losing etcd quorum', source: lessonEtcdQuorumYaml },
  {
    id: 'lesson-service',
    title: "A request's path through a Service",
    source: lessonServiceYaml,
  },
  { id: 'lesson-inside-pod', title: 'Inside a pod, with kubectl exec', source: lessonInsidePodYaml },
  { id: 'lesson-ingress', title: 'Ingress → Service → Pod', source: lessonIngressYaml },
  { id: 'scheduling', title: 'Scheduling, plugin by plugin', source: schedulingYaml },
  { id: 'services', title: 'Services, kube-proxy and traffic', source: servicesYaml },
  { id: 'etcd-cluster', title: 'An etcd cluster of three', source: etcdClusterYaml },
]

export const defaultScenarioId = 'pod-creation'

/** Parses a built-in scenario; throws only for an unknown id (a built-in that fails is a bug the tests catch). */
export function loadScenario(id: string): Scenario {
  const entry = scenarios.find((s) => s.id === id)
  if (!entry)
    throw new Error(`no scenario "${id}"; known: ${scenarios.map((s) => s.id).join(', ')}`)
  const parsed = parseScenario(entry.source)
  if (!parsed.ok) throw new Error(`built-in scenario "${id}" is invalid: ${parsed.error}`)
  return parsed.scenario
}
