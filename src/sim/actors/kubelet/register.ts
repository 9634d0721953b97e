/**
 * A kubelet on a machine that joins the cluster during a run (pkg/kubelet/kubelet_node_status.go
 * registerWithAPIServer, pkg/kubelet/nodelease): it POSTs its Node (labels, capacity, addresses,
 * the `node.kubernetes.io/not-ready:NoSchedule` taint, Ready=False until its first status sync),
 * makes sure its Lease exists in kube-node-lease (GET, then POST on 404), hands the pod CIDR the
 * node-ipam controller allocates to the runtime over CRI, and reports Ready through its fast
 * status update. Kubelets present when the scenario starts joined before it: none of this is drawn
 * for them.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { ApiResponse } from '../../messages.ts'
import { microTime } from '../../k8s/meta.ts'
import type { KObject } from '../../protocol.ts'
import { apiRequest } from '../client/api-client.ts'
import { recordEvent } from '../client/events.ts'
import { criCall } from './cri.ts'
import type { KubeletState } from './state.ts'

/** fastStatusUpdateOnce polls every 100 ms until the runtime is ready, then syncs node status. */
export const fastStatusUpdatePeriodMs = 100

const leasePath = (node: string): string => `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${node}`

/** The kubelet's events about its node name it by a reference whose uid is the node's name (kubelet.go nodeRef). */
function nodeRef(node: string): KObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name: node, uid: node } }
}

/** A node event from this kubelet (`Node node-4 status is now: NodeReady`). */
export function nodeEvent(state: KubeletState, ctx: Ctx, reason: string, message: string): void {
  recordEvent(state.client, ctx, { involved: nodeRef(state.node), type: 'Normal', reason, message, component: 'kubelet', host: state.node }, { do: 'ignore' })
}

/**
 * registerWithAPIServer: POST the Node built by initialNode. Start-up events first ("Starting
 * kubelet.", NodeAllocatableEnforced), then the ones setNodeStatus records for the conditions.
 */
export function registerNode(state: KubeletState, ctx: Ctx): void {
  if (!state.register) return
  nodeEvent(state, ctx, 'Starting', 'Starting kubelet.')
  nodeEvent(state, ctx, 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods')
  for (const condition of ['NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID']) nodeEvent(state, ctx, condition, `Node ${state.node} status is now: ${condition}`)
  apiRequest(state.client, ctx, 'create', '/api/v1/nodes', { do: 'register' }, { body: state.register })
}

/**
 * What a restarted kubelet POSTs again (initialNode is rebuilt from its configuration, which
 * matches the Node it registered before): name, labels, annotations, capacity, addresses.
 */
export function initialNodeFrom(node: KObject): KObject {
  const status = (node.status ?? {}) as Record<string, unknown>
  const { capacity, allocatable, addresses, daemonEndpoints, nodeInfo } = status
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: node.metadata.name, labels: node.metadata.labels, annotations: node.metadata.annotations },
    spec: {},
    status: { capacity, allocatable, addresses, daemonEndpoints, nodeInfo },
  }
}

/**
 * The Node is stored: status sync and the lease controller start working on it. A 409 means the
 * node registered before (a restart): tryRegisterWithAPIServer reads the existing Node instead.
 */
export function onRegistered(state: KubeletState, msg: ApiResponse, ctx: Ctx): void {
  if (msg.code === 409) {
    delete state.register
    apiRequest(state.client, ctx, 'get', `/api/v1/nodes/${state.node}`, { do: 'registered' })
    return
  }
  if (msg.code !== 201 && msg.code !== 200) return
  state.node_ = msg.body as KObject
  delete state.register
  ctx.setTimer('node-status', fastStatusUpdatePeriodMs)
  // The lease controller's ensureLease: read it first (a rejoining node may still have one).
  ctx.setTimer('lease', 10_000)
  apiRequest(state.client, ctx, 'get', leasePath(state.node), { do: 'lease' })
}

/** ensureLease after a 404: create the Lease, owned by the Node so it goes when the Node goes. */
export function createLease(state: KubeletState, ctx: Ctx): void {
  const node = state.node_
  if (!node) return
  const lease: KObject = {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: state.node,
      namespace: 'kube-node-lease',
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: state.node, uid: String(node.metadata.uid) }],
    },
    // nodeLeaseDurationSeconds (kubelet config default 40).
    spec: { holderIdentity: state.node, leaseDurationSeconds: 40, renewTime: microTime(ctx.startTimeMs + ctx.now) },
  }
  apiRequest(state.client, ctx, 'create', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases', { do: 'lease' }, { body: lease })
}

/** updatePodCIDR: the first time the Node carries spec.podCIDR, tell the runtime (CRI UpdateRuntimeConfig). */
export function onOwnNode(state: KubeletState, ctx: Ctx, node: KObject): void {
  if (!state.awaitingPodCIDR) return
  const cidr = (node.spec as { podCIDR?: string } | undefined)?.podCIDR
  if (!cidr) return
  state.awaitingPodCIDR = false
  criCall(state, ctx, 'UpdateRuntimeConfig', { podCidr: cidr }, { uid: '' })
}
