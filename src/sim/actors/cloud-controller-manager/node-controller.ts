/**
 * The cloud-controller-manager's node controllers (staging/src/k8s.io/cloud-provider/controllers/
 * node and nodelifecycle), against a made-up cloud:
 * - cloud-node-controller: a Node registered by a kubelet with `--cloud-provider=external` carries
 *   the `node.cloudprovider.kubernetes.io/uninitialized` taint; the controller asks the cloud for
 *   the instance (InstanceMetadata), then writes spec.providerID, the topology and instance-type
 *   labels and removes the taint (one PATCH of the Node), and the cloud's addresses (a PATCH of
 *   its status).
 * - cloud-node-lifecycle-controller: every --node-monitor-period (5 s) it looks at Nodes that are
 *   not Ready and deletes those whose instance the cloud no longer has
 *   (InstanceExistsByProviderID false).
 */
import type { Ctx } from '../../engine/actor.ts'
import type { WatchEventMessage } from '../../messages.ts'
import type { KObject } from '../../protocol.ts'
import { recordEvent } from '../client/events.ts'
import { apiRequest } from '../client/api-client.ts'
import { applyWatchEvent, type Cache } from '../client/informer.ts'
import type { CloudState } from './service-lb.ts'

export const uninitializedTaintKey = 'node.cloudprovider.kubernetes.io/uninitialized'
/** cloud-node-lifecycle-controller's --node-monitor-period default (cloud-provider/options). */
export const nodeMonitorPeriodMs = 5_000

/** The made-up cloud: one region, three zones, instances named after the machine. */
export const cloudRegion = 'region-1'
const zones = ['region-1a', 'region-1b', 'region-1c']

export interface CloudInstance {
  providerID: string
  zone: string
  instanceType: string
  externalIP: string
  /** Deleted in the cloud (the `delete-instance` fault): the Node should go. */
  gone?: boolean
}

export interface CloudNodes {
  nodes: Cache
  /** The cloud's instances by machine name. */
  instances: Record<string, CloudInstance>
  /** Nodes with a DELETE on its way. */
  deleting: Record<string, true>
  /** Nodes whose initializing PATCH is on its way (events before it lands still show the taint). */
  initializing: Record<string, true>
}

export function newCloudNodes(): CloudNodes {
  return { nodes: {}, instances: {}, deleting: {}, initializing: {} }
}

/** The cloud's record of a machine; every machine that joins is one of its instances. */
export function instanceOf(cloud: CloudNodes, name: string, node?: KObject): CloudInstance {
  const known = cloud.instances[name]
  if (known) return known
  const n = Object.keys(cloud.instances).length
  const cpu = (node?.status as { capacity?: { cpu?: string } } | undefined)?.capacity?.cpu ?? '4'
  const zone = zones[n % zones.length]!
  const id = `i-${(0x0a000000 + n * 0x1f3d5b + name.length).toString(16).padStart(8, '0')}`
  const made: CloudInstance = { providerID: `anatomy-cloud:///${zone}/${id}`, zone, instanceType: `standard-${cpu}`, externalIP: `198.51.100.${10 + n}` }
  cloud.instances[name] = made
  return made
}

function taints(node: KObject): { key: string; effect: string; value?: string }[] {
  return ((node.spec as { taints?: { key: string; effect: string; value?: string }[] } | undefined)?.taints ?? [])
}

/** The labels the cloud-node-controller sets (cloud-provider/controllers/node/node_controller.go). */
export function cloudLabels(i: CloudInstance): Record<string, string> {
  return {
    'node.kubernetes.io/instance-type': i.instanceType,
    'topology.kubernetes.io/region': cloudRegion,
    'topology.kubernetes.io/zone': i.zone,
  }
}

/** The node as the cloud-node-controller leaves it: for the nodes present at the start. */
export function initializedNode(node: KObject, i: CloudInstance): void {
  node.metadata.labels = { ...(node.metadata.labels ?? {}), ...cloudLabels(i) }
  const spec = (node.spec ?? {}) as { providerID?: string; taints?: unknown[] }
  spec.providerID = i.providerID
  const rest = taints(node).filter((t) => t.key !== uninitializedTaintKey)
  if (rest.length) spec.taints = rest
  else delete spec.taints
  node.spec = spec
  const status = node.status as { addresses?: { type: string; address: string }[] }
  const addresses = (status.addresses ?? []).filter((a) => a.type !== 'ExternalIP')
  status.addresses = [...addresses, { type: 'ExternalIP', address: i.externalIP }]
}

const asUser = (controller: string): string => `system:serviceaccount:kube-system:${controller}`

function initialize(state: CloudState, cloud: CloudNodes, node: KObject, ctx: Ctx): void {
  const name = String(node.metadata.name)
  const i = instanceOf(cloud, name, node)
  ctx.stage({ name: 'cloud-node-controller', outcome: 'ok', detail: `cloud InstanceMetadata(${name}): providerID ${i.providerID}, type ${i.instanceType}, zone ${i.zone}` })
  const rest = taints(node).filter((t) => t.key !== uninitializedTaintKey)
  apiRequest(state.client, ctx, 'patch', `/api/v1/nodes/${name}`, { do: 'ignore' }, {
    body: { metadata: { labels: cloudLabels(i) }, spec: { providerID: i.providerID, taints: rest.length ? rest : null } },
    asUser: asUser('cloud-node-controller'),
    via: 'cloud-node-controller',
  })
  const internal = ((node.status as { addresses?: { type: string; address: string }[] } | undefined)?.addresses ?? []).filter((a) => a.type !== 'ExternalIP')
  apiRequest(state.client, ctx, 'patch', `/api/v1/nodes/${name}/status`, { do: 'ignore' }, {
    body: { status: { addresses: [...internal, { type: 'ExternalIP', address: i.externalIP }] } },
    asUser: asUser('cloud-node-controller'),
    via: 'cloud-node-controller',
  })
}

export function onNode(state: CloudState, cloud: CloudNodes, msg: WatchEventMessage, ctx: Ctx): void {
  applyWatchEvent(cloud.nodes, msg)
  const node = msg.object
  const name = String(node.metadata.name)
  if (msg.type === 'DELETED') {
    delete cloud.deleting[name]
    delete cloud.initializing[name]
    return
  }
  if (!taints(node).some((t) => t.key === uninitializedTaintKey)) delete cloud.initializing[name]
  else if (!cloud.initializing[name]) {
    cloud.initializing[name] = true
    initialize(state, cloud, node, ctx)
  }
}

function ready(node: KObject): boolean {
  const conditions = (node.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True')
}

/** MonitorNodes: a not-Ready Node whose instance is gone from the cloud is deleted. */
export function monitorNodes(state: CloudState, cloud: CloudNodes, ctx: Ctx): void {
  for (const node of Object.values(cloud.nodes)) {
    const name = String(node.metadata.name)
    if (ready(node) || cloud.deleting[name] || !cloud.instances[name]?.gone) continue
    cloud.deleting[name] = true
    recordEvent(state.client, ctx, { involved: node, type: 'Normal', reason: 'DeletingNode', message: `Deleting node ${name} because it does not exist in the cloud provider`, component: 'cloud-node-lifecycle-controller' }, { do: 'ignore' })
    apiRequest(state.client, ctx, 'delete', `/api/v1/nodes/${name}`, { do: 'ignore' }, { asUser: asUser('cloud-node-lifecycle-controller'), via: 'cloud-node-lifecycle-controller' })
  }
  ctx.setTimer('node-monitor', nodeMonitorPeriodMs)
}
