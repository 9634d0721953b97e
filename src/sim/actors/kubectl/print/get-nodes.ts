import type { Node } from 'kubernetes-types/core/v1'
import type { KObject } from '../../../protocol.ts'
import { since } from './duration.ts'
import { byNamespaceAndName, noResources, type PrintResult } from './get-pods.ts'
import { formatTable } from './tabwriter.ts'

export interface GetNodesOptions {
  nowMs: number
  /** `-o wide`: adds INTERNAL-IP, EXTERNAL-IP, OS-IMAGE, KERNEL-VERSION, CONTAINER-RUNTIME. */
  wide: boolean
}

/** printNode's STATUS: the Ready condition (`Ready`/`NotReady`, `Unknown` without one), then cordon. */
export function nodeStatus(node: Node): string {
  const ready = (node.status?.conditions ?? []).find((c) => c.type === 'Ready')
  const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown']
  if (node.spec?.unschedulable) status.push('SchedulingDisabled')
  return status.join(',')
}

/** printNode's ROLES: node-role.kubernetes.io/<role> keys and kubernetes.io/role values, sorted. */
export function nodeRoles(node: Node): string {
  const roles = new Set<string>()
  for (const [key, value] of Object.entries(node.metadata?.labels ?? {})) {
    const prefix = 'node-role.kubernetes.io/'
    if (key.startsWith(prefix) && key.length > prefix.length) roles.add(key.slice(prefix.length))
    else if (key === 'kubernetes.io/role' && value !== '') roles.add(value)
  }
  return roles.size === 0 ? '<none>' : [...roles].sort().join(',')
}

function address(node: Node, type: string): string {
  return (node.status?.addresses ?? []).find((a) => a.type === type)?.address ?? '<none>'
}

function row(object: KObject, options: GetNodesOptions): string[] {
  const node = object as Node
  const info = node.status?.nodeInfo
  const cells = [
    node.metadata?.name ?? '',
    nodeStatus(node),
    nodeRoles(node),
    since(node.metadata?.creationTimestamp, options.nowMs),
    info?.kubeletVersion ?? '',
  ]
  if (options.wide) {
    cells.push(
      address(node, 'InternalIP'),
      address(node, 'ExternalIP'),
      info?.osImage || '<unknown>',
      info?.kernelVersion || '<unknown>',
      info?.containerRuntimeVersion || '<unknown>',
    )
  }
  return cells
}

/** `kubectl get nodes [-o wide]`. */
export function getNodes(nodes: KObject[], options: GetNodesOptions): PrintResult {
  if (nodes.length === 0) return noResources(true, undefined)
  const header = ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']
  if (options.wide) {
    header.push('INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME')
  }
  const rows = [...nodes].sort(byNamespaceAndName).map((n) => row(n, options))
  return { stdout: formatTable([header, ...rows]), stderr: '' }
}
