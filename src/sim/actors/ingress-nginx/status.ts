/**
 * The status syncer (internal/ingress/status/status.go): at start and every UpdateInterval (60 s)
 * it works out where the controller answers and writes that into every claimed Ingress's
 * `status.loadBalancer.ingress` whose value differs (GET the Ingress, PUT …/status).
 *
 * runningAddresses: with --publish-service (the cloud manifest) the Service's load balancer
 * addresses; otherwise (bare metal) the address of each node running a Running and Ready
 * controller pod, its ExternalIP or else its InternalIP (k8s.GetNodeIPOrName). A pod not Ready yet
 * gives no address, so right after start nothing is written; the next pass (60 s later) is the one
 * that fills the ADDRESS column. Leader election (the `ingress-nginx-leader` Lease) is not drawn:
 * with one replica its only candidate leads.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { ApiResponse } from '../../messages.ts'
import type { KObject } from '../../protocol.ts'
import { ingressNamespace, selectorLabels } from '../../cluster/bootstrap-ingress-objects.ts'
import { apiRequest } from '../client/api-client.ts'
import type { Cont, IngressNginxState } from './state.ts'
import { isClaimed } from './sync.ts'

/** status.go `UpdateInterval = 60` (seconds). */
export const statusUpdateIntervalMs = 60_000

type Json = Record<string, unknown>

export function scheduleStatusSync(ctx: Ctx, delayMs: number): void {
  ctx.setTimer('status-sync', delayMs)
}

/** The timer fired: find the running addresses (a real LIST or GET), then update. */
export function statusSync(state: IngressNginxState, ctx: Ctx): void {
  scheduleStatusSync(ctx, statusUpdateIntervalMs)
  if (state.publishService) {
    apiRequest(state.client, ctx, 'get', `/api/v1/namespaces/${ingressNamespace}/services/ingress-nginx-controller`, { do: 'status-service' })
    return
  }
  const selector = Object.entries(selectorLabels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',')
  apiRequest(state.client, ctx, 'list', `/api/v1/namespaces/${ingressNamespace}/pods`, { do: 'status-pods' }, { query: [['labelSelector', encodeURIComponent(selector)]] })
}

function readyNodes(pods: KObject[]): string[] {
  const nodes: string[] = []
  for (const p of pods) {
    const st = (p.status ?? {}) as { phase?: string; conditions?: { type: string; status: string }[] }
    if (st.phase !== 'Running') continue
    if (!st.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) continue
    const node = (p.spec as { nodeName?: string } | undefined)?.nodeName
    if (node && !nodes.includes(node)) nodes.push(node)
  }
  return nodes
}

function nodeAddress(node: KObject): string {
  const addrs = (((node.status ?? {}) as Json).addresses ?? []) as { type: string; address: string }[]
  return addrs.find((a) => a.type === 'ExternalIP' && a.address)?.address ?? addrs.find((a) => a.type === 'InternalIP')?.address ?? String(node.metadata.name)
}

function nextNode(state: IngressNginxState, ctx: Ctx, nodes: string[], addrs: string[]): void {
  const [node, ...rest] = nodes
  if (node === undefined) return updateStatus(state, ctx, addrs)
  apiRequest(state.client, ctx, 'get', `/api/v1/nodes/${node}`, { do: 'status-node', nodes: rest, addrs })
}

function sameAddresses(ing: KObject, addrs: string[]): boolean {
  const cur = ((((ing.status ?? {}) as Json).loadBalancer as Json | undefined)?.ingress ?? []) as { ip?: string; hostname?: string }[]
  const now = cur.map((i) => i.ip ?? i.hostname ?? '').sort()
  return now.length === addrs.length && now.every((a, i) => a === addrs[i])
}

/** updateStatus: every claimed Ingress whose addresses differ gets a GET, then a PUT of its status. */
function updateStatus(state: IngressNginxState, ctx: Ctx, addrs: string[]): void {
  const sorted = [...addrs].sort()
  state.statusAddresses = sorted
  state.lastStatusAt = ctx.now
  for (const ing of Object.values(state.ingresses)) {
    if (!isClaimed(state, ing) || sameAddresses(ing, sorted)) continue
    apiRequest(state.client, ctx, 'get', `/apis/networking.k8s.io/v1/namespaces/${ing.metadata.namespace}/ingresses/${ing.metadata.name}`, { do: 'status-get', addrs: sorted })
  }
}

export function onStatusResponse(state: IngressNginxState, cont: Extract<Cont, { do: 'status-pods' | 'status-node' | 'status-service' | 'status-get' }>, msg: ApiResponse, ctx: Ctx): void {
  if (msg.code !== 200) return
  switch (cont.do) {
    case 'status-pods':
      return nextNode(state, ctx, readyNodes(((msg.body as { items?: KObject[] }).items ?? [])), [])
    case 'status-node':
      return nextNode(state, ctx, cont.nodes, [...cont.addrs, nodeAddress(msg.body as KObject)])
    case 'status-service': {
      const lb = ((((msg.body as KObject).status ?? {}) as Json).loadBalancer as Json | undefined)?.ingress as { ip?: string; hostname?: string }[] | undefined
      return updateStatus(state, ctx, (lb ?? []).map((i) => i.ip ?? i.hostname ?? '').filter(Boolean))
    }
    case 'status-get': {
      const ing = msg.body as KObject
      const body: KObject = { ...ing, status: { loadBalancer: cont.addrs.length ? { ingress: cont.addrs.map((ip) => (/^[\d.]+$/.test(ip) ? { ip } : { hostname: ip })) } : {} } }
      apiRequest(state.client, ctx, 'update', `/apis/networking.k8s.io/v1/namespaces/${ing.metadata.namespace}/ingresses/${ing.metadata.name}/status`, { do: 'ignore' }, { body })
      return
    }
  }
}
