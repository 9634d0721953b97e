import type { Pod } from 'kubernetes-types/core/v1'
import type { KObject } from '../../../protocol.ts'
import { since } from './duration.ts'
import { podStatus } from './pod-status.ts'
import { formatTable } from './tabwriter.ts'

export interface GetPodsOptions {
  nowMs: number
  /** `-o wide`: adds IP, NODE, NOMINATED NODE, READINESS GATES. */
  wide: boolean
  /** `-A`: every namespace, with a NAMESPACE column first. */
  allNamespaces: boolean
  /** The namespace listed when not `-A`, for the "No resources found" line. */
  namespace: string
}

export interface PrintResult {
  stdout: string
  stderr: string
}

/** The list order of the apiserver: etcd key order, namespace then name. */
export function byNamespaceAndName(a: KObject, b: KObject): number {
  const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name ?? ''}`
  const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name ?? ''}`
  return ka < kb ? -1 : ka > kb ? 1 : 0
}

/** kubectl get's stderr for an empty list: namespaced lists name the namespace, others do not. */
export function noResources(allNamespaces: boolean, namespace: string | undefined): PrintResult {
  if (!allNamespaces && namespace) {
    return { stdout: '', stderr: `No resources found in ${namespace} namespace.\n` }
  }
  return { stdout: '', stderr: 'No resources found\n' }
}

/** printPod's readiness-gates cell: `<none>`, or true gates over all gates. */
function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? []
  if (gates.length === 0) return '<none>'
  const conditions = pod.status?.conditions ?? []
  const met = gates.filter(
    (g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True',
  ).length
  return `${met}/${gates.length}`
}

function row(object: KObject, options: GetPodsOptions): string[] {
  const pod = object as Pod
  const { ready, status, restarts } = podStatus(object, options.nowMs)
  const age = since(pod.metadata?.creationTimestamp, options.nowMs)
  const cells = [pod.metadata?.name ?? '', ready, status, restarts, age]
  if (options.wide) {
    cells.push(
      pod.status?.podIPs?.[0]?.ip || '<none>',
      pod.spec?.nodeName || '<none>',
      pod.status?.nominatedNodeName || '<none>',
      readinessGates(pod),
    )
  }
  return options.allNamespaces ? [pod.metadata?.namespace ?? '', ...cells] : cells
}

/** `kubectl get pods [-o wide] [-A]`, from the pods the apiserver listed. */
export function getPods(pods: KObject[], options: GetPodsOptions): PrintResult {
  if (pods.length === 0) return noResources(options.allNamespaces, options.namespace)
  const header = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']
  if (options.wide) header.push('IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES')
  if (options.allNamespaces) header.unshift('NAMESPACE')
  const rows = [...pods].sort(byNamespaceAndName).map((p) => row(p, options))
  return { stdout: formatTable([header, ...rows]), stderr: '' }
}
