/**
 * Rules that span fields: a fault must name something that exists when it fires, a joining node
 * needs a free name, and the pod network must have a /24 for every node.
 */
import type { ClusterSpec, ScriptStep } from '../sim/protocol.ts'
import { parseCidr } from './cidr.ts'
import { pathTo, show } from './fields.ts'

interface Checked {
  cluster: ClusterSpec
  script: ScriptStep[]
}

type Problem = { message: string; path: ReturnType<typeof pathTo> }

export function crossCheck({ cluster, script }: Checked): Problem | null {
  const nodes = new Set(cluster.nodes.map((n) => n.name))
  // Steps run by time, file order breaking ties: visit them in that order.
  const order = script
    .map((step, index) => ({ step, index }))
    .sort((a, b) => a.step.atMs - b.step.atMs || a.index - b.index)
  for (const { step, index } of order) {
    if ('addNode' in step) {
      if (nodes.has(step.addNode.name)) {
        return {
          message: `${show(step.addNode.name)} is already a node`,
          path: pathTo(['script', index, 'addNode', 'name']),
        }
      }
      nodes.add(step.addNode.name)
    }
    if ('fault' in step) {
      const fault = step.fault
      if (fault.kind === 'add-node') {
        if (nodes.has(fault.node)) {
          return {
            message: `${show(fault.node)} is already a node`,
            path: pathTo(['script', index, 'fault', 'node']),
          }
        }
        nodes.add(fault.node)
      } else if ('node' in fault && !nodes.has(fault.node)) {
        const known = [...nodes].join(', ')
        return {
          message: `${show(fault.node)} is not a node of the cluster at that time (nodes: ${known})`,
          path: pathTo(['script', index, 'fault', 'node']),
        }
      }
      if ('member' in fault && fault.member >= cluster.controlPlane.etcd) {
        const n = cluster.controlPlane.etcd
        return {
          message: `${fault.member} is not an etcd member; the cluster has ${n} (members 0 to ${n - 1})`,
          path: pathTo(['script', index, 'fault', 'member']),
        }
      }
      if (
        'component' in fault &&
        fault.component === 'cloud-controller-manager' &&
        !cluster.cloud
      ) {
        return {
          message: 'the cluster has no cloud-controller-manager (set cluster.cloud: true)',
          path: pathTo(['script', index, 'fault', 'component']),
        }
      }
    }
  }
  const pods = parseCidr(cluster.podCIDR)
  if (pods && nodes.size > 2 ** (24 - pods.prefix)) {
    return {
      message: `${show(cluster.podCIDR)} has room for ${2 ** (24 - pods.prefix)} node /24s, but the scenario has ${nodes.size} nodes`,
      path: pathTo(['cluster', 'podCIDR']),
    }
  }
  return null
}
