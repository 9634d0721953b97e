/**
 * kube-controller-manager's node-ipam controller with the RangeAllocator (kubeadm runs it with
 * --allocate-node-cidrs=true --cluster-cidr=<podSubnet>; pkg/controller/nodeipam/ipam/
 * range_allocator.go): a Node that arrives without spec.podCIDR gets the next free /24
 * (--node-cidr-mask-size 24 for IPv4) of the cluster CIDR, written with a PATCH of
 * spec.podCIDR / spec.podCIDRs (nodeutil.PatchNodeCIDRs). The kubelet passes it on to the runtime.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { KObject } from '../../protocol.ts'
import { apiRequest, type ApiClient } from '../client/api-client.ts'
import type { Cache } from '../client/informer.ts'

/** The controller's own service account (ClientBuilder.ClientOrDie("node-controller")). */
const asUser = 'system:serviceaccount:kube-system:node-controller'

export interface NodeIpamState {
  /** --cluster-cidr, e.g. 10.244.0.0/16; empty: the controller is off. */
  clusterCIDR: string
  /** CIDRs sent but not yet seen on the Node, by node name (the allocator's own bookkeeping). */
  pending: Record<string, string>
}

function thirdOctet(cidr: string | undefined): number {
  return cidr ? Number(cidr.split('.')[2]) : -1
}

/**
 * The next /24 after the highest in use. The cidrset's first block (.0/24) belongs to the
 * kubeadm control-plane host, which this model does not register as a Node.
 */
export function nextPodCIDR(clusterCIDR: string, nodes: Cache, pending: Record<string, string>): string {
  const [a, b] = clusterCIDR.split('/')[0]!.split('.')
  const used = [...Object.values(nodes).map((n) => thirdOctet((n.spec as { podCIDR?: string } | undefined)?.podCIDR)), ...Object.values(pending).map(thirdOctet)]
  const next = Math.max(0, ...used) + 1
  return `${a}.${b}.${next}.0/24`
}

/** A Node was added or changed: allocate when it has no CIDR yet. */
export function onIpamNode(ipam: NodeIpamState, client: ApiClient<{ do: 'ignore' }>, nodes: Cache, node: KObject, ctx: Ctx): void {
  if (!ipam.clusterCIDR) return
  const name = String(node.metadata.name)
  const has = (node.spec as { podCIDR?: string } | undefined)?.podCIDR
  if (has) {
    delete ipam.pending[name]
    return
  }
  if (ipam.pending[name]) return
  const cidr = nextPodCIDR(ipam.clusterCIDR, nodes, ipam.pending)
  ipam.pending[name] = cidr
  const body = { metadata: { uid: node.metadata.uid }, spec: { podCIDR: cidr, podCIDRs: [cidr] } }
  apiRequest(client, ctx, 'patch', `/api/v1/nodes/${name}`, { do: 'ignore' }, { body, asUser })
}
