/**
 * The Service half of bootstrap: the apiserver's allocators, the `kubernetes` Service (and
 * `kube-dns` with CoreDNS's pods when the `coredns` add-on is on), the informers of the
 * EndpointSlice / Endpoints controllers, of every kube-proxy and of the traffic client, already
 * listed and watching (FIDELITY.md §1.0.2 watch table), and each kube-proxy's first sync.
 */
import { newServiceAlloc } from '../actors/apiserver/service-alloc.ts'
import type { ApiserverState } from '../actors/apiserver/state.ts'
import { addWatcher } from '../actors/apiserver/watch.ts'
import { cacheKey, type Cache } from '../actors/client/informer.ts'
import type { ControllerManagerState } from '../actors/controller-manager/controller-manager.ts'
import { newServiceControllersState, type ServiceInformer } from '../actors/controller-manager/service-client.ts'
import type { EtcdState } from '../actors/etcd/etcd.ts'
import type { KubeletState } from '../actors/kubelet/state.ts'
import { put } from '../actors/etcd/mvcc.ts'
import { newCloudState, provisionMs } from '../actors/cloud-controller-manager/service-lb.ts'
import { initializedNode, instanceOf, newCloudNodes, nodeMonitorPeriodMs } from '../actors/cloud-controller-manager/node-controller.ts'
import { newKubeProxyState } from '../actors/kube-proxy/kube-proxy.ts'
import { seedNode, type SchedulerState } from '../actors/scheduler/scheduler.ts'
import { newTrafficClientState } from '../actors/traffic/traffic-client.ts'
import { addActor, startTimer } from '../engine/engine.ts'
import type { World } from '../engine/world.ts'
import { uuid } from '../k8s/meta.ts'
import type { KObject, Scenario } from '../protocol.ts'
import { resourceByKind } from '../k8s/resources.ts'
import { newCorednsState, corednsId } from '../actors/coredns/coredns.ts'
import { corednsConfigMap, seedControllerManager, stampCoredns } from './bootstrap-coredns.ts'
import { bootIngressNginx } from './bootstrap-ingress.ts'
import { ensureWatcher } from './shared-watch.ts'
import {
  kubeDnsService,
  kubernetesEndpoints,
  kubernetesEndpointSlice,
  kubernetesService,
  serviceIp,
} from './service-bootstrap.ts'

export const trafficClientId = 'traffic-client'

function prefixOf(o: KObject): string {
  return resourceByKind(o.kind)!.etcdPrefix
}

const prefixes: Record<ServiceInformer, string> = {
  services: '/registry/services/specs',
  pods: '/registry/pods',
  endpointslices: '/registry/endpointslices',
  endpoints: '/registry/services/endpoints',
}

export interface ServiceBoot {
  etcd: EtcdState
  api: ApiserverState
  kcm: ControllerManagerState
  apiserverId: string
  controllerManagerId: string
  schedulerId: string
  cloudControllerManagerId: string
  random: () => number
  created: string
}

export function wireServices(world: World, scenario: Scenario, boot: ServiceBoot): void {
  const { etcd, api, kcm, random, created } = boot
  const cidr = scenario.cluster.serviceCIDR
  api.serviceAlloc = newServiceAlloc(cidr)
  const store = (key: string, obj: KObject): KObject => {
    obj.metadata.uid = uuid(random)
    return put(etcd.store, key, obj).value
  }
  const objects: KObject[] = [
    store('/registry/services/specs/default/kubernetes', kubernetesService(cidr, created)),
    store('/registry/endpointslices/default/kubernetes', kubernetesEndpointSlice(created)),
    store('/registry/services/endpoints/default/kubernetes', kubernetesEndpoints(created)),
  ]
  const coredns = scenario.cluster.addons.includes('coredns')
  const scheduler = world.actors[boot.schedulerId]?.state as SchedulerState | undefined
  if (coredns) {
    const dns = store('/registry/services/specs/kube-system/kube-dns', kubeDnsService(cidr, created))
    objects.push(dns)
    store('/registry/serviceaccounts/kube-system/coredns', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'coredns', namespace: 'kube-system', creationTimestamp: created } })
    store('/registry/configmaps/kube-system/coredns', corednsConfigMap(created))
    const stamped = stampCoredns(created, random, (o) => store(`${prefixOf(o)}/kube-system/${o.metadata.name}`, o))
    seedControllerManager(kcm, stamped)
    for (const pod of stamped.pods) {
      objects.push(pod)
      // Already in the scheduler's queue, as its informer's LIST would have put them.
      if (scheduler) {
        scheduler.pods[cacheKey(pod)] = pod
        scheduler.activeQ.push(cacheKey(pod))
      }
    }
    if (scheduler) {
      scheduler.owners.replicasets[cacheKey(stamped.replicaSet)] = stamped.replicaSet
      scheduler.owners.services[cacheKey(dns)] = dns
      startTimer(world, boot.schedulerId, 'cycle', 1)
    }
  }
  // The ingress-nginx add-on: its objects, pod and controller actor (bootstrap-ingress.ts).
  if (scenario.cluster.addons.includes('ingress-nginx')) {
    objects.push(...bootIngressNginx(world, { api, kcm, scheduler, apiserverId: boot.apiserverId, cidr, cloud: scenario.cluster.cloud, random, created, store }))
    if (scheduler) startTimer(world, boot.schedulerId, 'cycle', 1)
  }
  const fill = (cache: Cache, kind: string): void => {
    for (const o of objects) if (o.kind === kind) cache[cacheKey(o)] = o
  }

  // kube-controller-manager: the EndpointSlice and Endpoints controllers' informers (pods come
  // from the watch the other controllers already share).
  const svc = newServiceControllersState(boot.apiserverId)
  for (const informer of Object.keys(prefixes) as ServiceInformer[]) {
    ensureWatcher(api, { client: boot.controllerManagerId, prefix: prefixes[informer], fieldSelector: '', labelSelector: '' })
  }
  fill(svc.services, 'Service')
  fill(svc.pods, 'Pod')
  fill(svc.endpointslices, 'EndpointSlice')
  fill(svc.endpoints, 'Endpoints')
  kcm.services = svc

  // Every kube-proxy: Services and EndpointSlices (pkg/proxy/config), then its first sync shortly
  // after start, staggered as the DaemonSet's pods started at different moments.
  for (const node of scenario.cluster.nodes) {
    const id = `kube-proxy:${node.name}`
    const record = world.actors[id]
    if (!record) continue
    const state = newKubeProxyState(node.name, scenario.cluster.podCIDR)
    fill(state.services, 'Service')
    fill(state.endpointslices, 'EndpointSlice')
    record.state = state
    addWatcher(api, { client: id, prefix: prefixes.services, fieldSelector: '', labelSelector: '' })
    addWatcher(api, { client: id, prefix: prefixes.endpointslices, fieldSelector: '', labelSelector: '' })
    startTimer(world, id, 'sync', Math.floor(random() * 1_000))
  }

  // Every kubelet: all Services, for its containers' Service link variables (pkg/kubelet/kubelet.go
  // serviceLister; pkg/kubelet/envvars).
  for (const node of scenario.cluster.nodes) {
    const kubelet = world.actors[`kubelet:${node.name}`]?.state as KubeletState | undefined
    if (!kubelet) continue
    fill((kubelet.services = {}), 'Service')
    addWatcher(api, { client: `kubelet:${node.name}`, prefix: prefixes.services, fieldSelector: '', labelSelector: '' })
  }

  // The traffic source: knows the Services as a pod's environment variables do.
  const client = newTrafficClientState(
    scenario.cluster.nodes.map((n) => n.name),
    coredns ? serviceIp(cidr, 10) : undefined,
  )
  fill(client.services, 'Service')
  addActor(world, trafficClientId, 'traffic-client', client)
  addWatcher(api, { client: trafficClientId, prefix: prefixes.services, fieldSelector: '', labelSelector: '' })

  // CoreDNS's kubernetes plugin: Services, EndpointSlices and Namespaces (plugin/kubernetes/controller.go).
  if (coredns) {
    const state = newCorednsState()
    fill(state.services, 'Service')
    fill(state.endpointslices, 'EndpointSlice')
    for (const kv of Object.values(etcd.store.kv)) if (kv.value.kind === 'Namespace') state.namespaces[cacheKey(kv.value)] = kv.value
    addActor(world, corednsId, 'coredns', state)
    for (const prefix of [prefixes.services, prefixes.endpointslices, '/registry/namespaces'])
      addWatcher(api, { client: corednsId, prefix, fieldSelector: '', labelSelector: '' })
  }

  // With a cloud: the cloud-controller-manager's service controller watches Services.
  const ccm = world.actors[boot.cloudControllerManagerId]
  if (scenario.cluster.cloud && ccm) {
    const cloud = newCloudState(boot.apiserverId)
    fill(cloud.services, 'Service')
    ccm.state = cloud
    addWatcher(api, { client: boot.cloudControllerManagerId, prefix: prefixes.services, fieldSelector: '', labelSelector: '' })
    // Its node controllers watch Nodes; the machines present at the start were initialized already.
    cloud.cloudNodes = newCloudNodes()
    for (const kv of Object.values(etcd.store.kv)) {
      if (!kv.key.startsWith('/registry/minions/')) continue
      const node = kv.value
      initializedNode(node, instanceOf(cloud.cloudNodes, String(node.metadata.name), node))
      cloud.cloudNodes.nodes[cacheKey(node)] = node
      if (scheduler) seedNode(scheduler, cacheKey(node), node)
    }
    addWatcher(api, { client: boot.cloudControllerManagerId, prefix: '/registry/minions', fieldSelector: '', labelSelector: '' })
    startTimer(world, boot.cloudControllerManagerId, 'node-monitor', nodeMonitorPeriodMs)
    // A LoadBalancer Service stored at bootstrap (the ingress-nginx add-on's) is still being provisioned.
    for (const o of objects)
      if (o.kind === 'Service' && (o.spec as { type?: string }).type === 'LoadBalancer')
        startTimer(world, boot.cloudControllerManagerId, `lb:${cacheKey(o)}`, provisionMs, cacheKey(o))
  }
}
