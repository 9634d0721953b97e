import type { EdgeTypes, NodeTypes } from '@xyflow/react'
import { LinkEdge } from './edges/LinkEdge.tsx'
import { ComponentNode } from './nodes/ComponentNode.tsx'
import { GroupNode } from './nodes/GroupNode.tsx'
import { PodNode } from './nodes/PodNode.tsx'

/** Module constants, so React Flow never sees a new object (its docs insist). */
export const nodeTypes: NodeTypes = {
  component: ComponentNode,
  'control-plane': GroupNode,
  'worker-node': GroupNode,
  'pending-pods': GroupNode,
  pod: PodNode,
}

export const edgeTypes: EdgeTypes = {
  link: LinkEdge,
}
