/**
 * A machine joins the running cluster (`kubeadm join`; a script's `addNode:` step, the Faults
 * menu's "Add a node"). Unlike the nodes present at the start, nothing is stored behind the
 * engine's back: its containerd, kubelet and kube-proxy start as fresh processes, and everything
 * else happens through drawn requests — the kubelet POSTs its Node (register.ts), the apiserver's
 * TaintNodesByCondition admission taints it not-ready, node-ipam allocates its pod CIDR, the
 * kubelet creates its Lease and reports Ready, node lifecycle lifts the taint, and the scheduler's
 * NodeAdd / NodeTaint events move parked pods back to activeQ.
 */
import type { ApiserverState } from '../actors/apiserver/state.ts'
import { newKubeletState } from '../actors/kubelet/kubelet.ts'
import type { KubeletState } from '../actors/kubelet/state.ts'
import type { KubeProxyState } from '../actors/kube-proxy/kube-proxy.ts'
import { newKubeProxyState } from '../actors/kube-proxy/kube-proxy.ts'
import { restartTimer, type InformerSpec, type RestartData } from '../actors/restart.ts'
import { newRuntimeState } from '../actors/runtime/runtime.ts'
import type { TrafficClientState } from '../actors/traffic/traffic-client.ts'
import { addActor, startTimer } from '../engine/engine.ts'
import type { World } from '../engine/world.ts'
import type { KObject, NodeSpec } from '../protocol.ts'
import { nodeObject } from './bootstrap-objects.ts'

const apiserverId = 'kube-apiserver:0'
/** The release the joining kubelet reports (the same binary as the others). */
const kubeletVersion = 'v1.34.0'

/** kubeadm's cloud-provider=external kubelets register with this taint; the CCM node controller lifts it. */
export const uninitializedTaint = { key: 'node.cloudprovider.kubernetes.io/uninitialized', value: 'true', effect: 'NoSchedule' as const }

function nodes(world: World): KObject[] {
  const api = world.actors[apiserverId]!.state as ApiserverState
  return Object.entries(api.cache)
    .filter(([k]) => k.startsWith('/registry/minions/'))
    .map(([, v]) => v)
}

/** What the Faults menu's machine looks like: the size of the first node, no labels or taints. */
export function specLikeFirstNode(world: World, name: string): NodeSpec {
  const first = nodes(world).sort((a, b) => String(a.metadata.name).localeCompare(String(b.metadata.name)))[0]
  const alloc = ((first?.status as { allocatable?: Record<string, string> } | undefined)?.allocatable ?? {})
  return { name, cpu: alloc.cpu ?? '4', memory: alloc.memory ?? '8Gi', pods: Number(alloc.pods ?? 110), labels: {}, taints: [], images: [] }
}

/** initialNode: what the kubelet POSTs — no podCIDR yet, Ready=False until its first status sync. */
function registration(spec: NodeSpec, hostIP: string, epochMs: number, cloud: boolean): KObject {
  const node = nodeObject(spec, { hostIP, podCIDR: '' }, epochMs, kubeletVersion)
  delete node.metadata.creationTimestamp
  const taints = [...spec.taints.map((t) => ({ key: t.key, ...(t.value ? { value: t.value } : {}), effect: t.effect })), ...(cloud ? [uninitializedTaint] : [])]
  node.spec = taints.length ? { taints } : {}
  const status = node.status as { conditions: Record<string, unknown>[] }
  // runtimeState.runtimeErrors before the first runtime sync and PLEG relist (pkg/kubelet/runtime.go).
  status.conditions = status.conditions.map((c) =>
    c.type === 'Ready'
      ? { ...c, status: 'False', reason: 'KubeletNotReady', message: '[container runtime status check may not have completed yet, PLEG is not healthy: pleg has yet to be successful]' }
      : c,
  )
  return node
}

/** Starts the new machine's processes. Returns an error line when the name is taken. */
export function addNode(world: World, spec: NodeSpec): string | null {
  const kubeletId = `kubelet:${spec.name}`
  if (world.actors[kubeletId]) return `add-node: "${spec.name}" is already a node`
  const index = Object.values(world.actors).filter((a) => a.kind === 'kubelet').length
  // The next InternalIP on the node network, as the machines present at the start have.
  const hostIP = `10.0.0.${11 + index}`
  const runtimeId = `container-runtime:${spec.name}`
  const proxyId = `kube-proxy:${spec.name}`
  const cloud = world.actors['cloud-controller-manager:0']?.dormant === undefined && world.actors['cloud-controller-manager:0'] !== undefined

  // containerd: images in spec.images are already on the machine; no pod network until the CIDR comes.
  addActor(world, runtimeId, 'container-runtime', newRuntimeState(spec.name, '', spec.images), { node: spec.name })
  const kubelet: KubeletState = newKubeletState(spec.name, hostIP, apiserverId, runtimeId)
  kubelet.register = registration(spec, hostIP, world.startTimeMs + world.now, cloud)
  kubelet.awaitingPodCIDR = true
  // The same kubeadm KubeletConfiguration as the machines present at the start.
  const peer = Object.values(world.actors).find((a) => a.kind === 'kubelet' && a.id !== kubeletId)?.state as KubeletState | undefined
  if (peer?.clusterDNS) kubelet.clusterDNS = peer.clusterDNS
  addActor(world, kubeletId, 'kubelet', kubelet, { node: spec.name })
  const someProxy = Object.values(world.actors).find((a) => a.kind === 'kube-proxy')?.state as KubeProxyState | undefined
  addActor(world, proxyId, 'kube-proxy', newKubeProxyState(spec.name, someProxy?.clusterCIDR ?? ''), { node: spec.name })

  // Each process's informers LIST then WATCH (restart.ts), exactly as a restarted one.
  const kubeletInformers: InformerSpec[] = [
    { prefix: '/registry/pods', fieldSelector: `spec.nodeName=${spec.name}`, labelSelector: '' },
    { prefix: '/registry/minions', fieldSelector: `metadata.name=${spec.name}`, labelSelector: '' },
    { prefix: '/registry/services/specs', fieldSelector: '', labelSelector: '' },
  ]
  const proxyInformers: InformerSpec[] = [
    { prefix: '/registry/services/specs', fieldSelector: '', labelSelector: '' },
    { prefix: '/registry/endpointslices', fieldSelector: '', labelSelector: '' },
  ]
  startTimer(world, kubeletId, restartTimer, 0, { apiserver: apiserverId, informers: kubeletInformers } satisfies RestartData)
  startTimer(world, proxyId, restartTimer, 0, { apiserver: apiserverId, informers: proxyInformers } satisfies RestartData)

  // The traffic source may now send NodePort traffic to this machine too.
  const traffic = world.actors['traffic-client']?.state as TrafficClientState | undefined
  if (traffic && !traffic.nodes.includes(spec.name)) traffic.nodes.push(spec.name)
  return null
}
