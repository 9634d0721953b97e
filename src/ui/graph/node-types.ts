import type { EdgeTypes, NodeTypes } from '@xyflow/react'
import { LinkEdge } from './edges/LinkEdge.tsx'
import { ActorNode } from './nodes/KcmNode.tsx'
import { GroupNode } from './nodes/GroupNode.tsx'
import { PodNode } from './nodes/PodNode.tsx'

/** Module constants, so React Flow never sees a new object (its docs insist). */
export const nodeTypes: NodeTypes = {
  // kube-controller-manager is drawn with its controllers (KcmNode); every other component plainly.
  component: ActorNode,
  'control-plane': GroupNode,
  'worker-node': GroupNode,
  'pending-pods': GroupNode,
  pod: PodNode,
}

export const edgeTypes: EdgeTypes = {
  link: LinkEdge,
}
