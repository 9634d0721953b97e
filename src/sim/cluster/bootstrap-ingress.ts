/**
 * The `ingress-nginx` add-on as `kubectl apply -f deploy.yaml` leaves a cluster once the apiserver
 * has stored it (bootstrap-ingress-objects.ts): the objects, the Deployment's first ReplicaSet and
 * its pod (Pending, for the real scheduler, kubelet and runtime to start, as CoreDNS's are), the
 * controllers' caches seeded as their informers would have listed them, and the controller's actor
 * (actors/ingress-nginx), which starts its informers once its pod runs.
 */
import { addWatcher } from '../actors/apiserver/watch.ts'
import type { ApiserverState } from '../actors/apiserver/state.ts'
import { cacheKey } from '../actors/client/informer.ts'
import type { ControllerManagerState } from '../actors/controller-manager/state.ts'
import { ingressNginxId, newIngressNginxState } from '../actors/ingress-nginx/state.ts'
import type { SchedulerState } from '../actors/scheduler/scheduler.ts'
import { addActor } from '../engine/engine.ts'
import type { World } from '../engine/world.ts'
import { ipStaticBand, intToIp, nodePortMax, nodePortMin, parseCidr, portStaticBand } from '../k8s/service.ts'
import type { KObject } from '../protocol.ts'
import { stampDeployment } from './bootstrap-deployment-stamp.ts'
import { seedControllerManager } from './bootstrap-coredns.ts'
import { rootCaConfigMap, serviceAccountObject } from './bootstrap-objects.ts'
import {
  controllerDeployment,
  controllerService,
  ingressConfigMap,
  ingressNamespace,
  ingressNamespaceObject,
  ingressServiceAccount,
  nginxIngressClass,
  selectorLabels,
} from './bootstrap-ingress-objects.ts'

export interface IngressBoot {
  api: ApiserverState
  kcm: ControllerManagerState
  scheduler: SchedulerState | undefined
  apiserverId: string
  cidr: string
  cloud: boolean
  random: () => number
  created: string
  /** Stores an object under its etcd key, giving it a uid and resourceVersion. */
  store: (key: string, o: KObject) => KObject
}

/** What the allocators would have handed out: a ClusterIP and two node ports from the upper bands. */
function allocations(cidr: string, random: () => number): { ip: string; ports: [number, number] } {
  const c = parseCidr(cidr)
  const band = ipStaticBand(c)
  const first = c.base + 1 + band
  const last = c.base + c.size - 2
  const ip = intToIp(first + Math.floor(random() * (last - first + 1)))
  const lo = nodePortMin + portStaticBand()
  const span = nodePortMax - lo + 1
  const http = lo + Math.floor(random() * span)
  const https = lo + ((http - lo + 1 + Math.floor(random() * (span - 1))) % span)
  return { ip, ports: [http, https] }
}

/** Stores the add-on and adds its actor; returns the objects the Service informers must know. */
export function bootIngressNginx(world: World, b: IngressBoot): KObject[] {
  const { store, created } = b
  const ns = store(`/registry/namespaces/${ingressNamespace}`, ingressNamespaceObject(created))
  b.kcm.caches.namespaces![ingressNamespace] = ns
  b.kcm.caches.serviceaccounts![`${ingressNamespace}/default`] = store(`/registry/serviceaccounts/${ingressNamespace}/default`, serviceAccountObject(ingressNamespace, created))
  b.kcm.caches.configmaps![`${ingressNamespace}/kube-root-ca.crt`] = store(`/registry/configmaps/${ingressNamespace}/kube-root-ca.crt`, rootCaConfigMap(ingressNamespace, created))
  store(`/registry/serviceaccounts/${ingressNamespace}/ingress-nginx`, ingressServiceAccount(created))
  store(`/registry/configmaps/${ingressNamespace}/ingress-nginx-controller`, ingressConfigMap(created))
  store('/registry/ingressclasses/nginx', nginxIngressClass(created))
  const a = allocations(b.cidr, b.random)
  const svc = store(`/registry/services/specs/${ingressNamespace}/ingress-nginx-controller`, controllerService(created, b.cloud, a.ip, a.ports))
  const stamped = stampDeployment(controllerDeployment(created, b.cloud), created, b.random, (o) => store(`${o.kind === 'Pod' ? '/registry/pods' : o.kind === 'ReplicaSet' ? '/registry/replicasets' : '/registry/deployments'}/${ingressNamespace}/${o.metadata.name}`, o))
  seedControllerManager(b.kcm, stamped)
  if (b.scheduler) {
    for (const pod of stamped.pods) {
      b.scheduler.pods[cacheKey(pod)] = pod
      b.scheduler.activeQ.push(cacheKey(pod))
    }
    b.scheduler.owners.replicasets[cacheKey(stamped.replicaSet)] = stamped.replicaSet
    b.scheduler.owners.services[cacheKey(svc)] = svc
  }

  // The controller's actor. Its pod informer (the store's Pod lister of its own pods, used for the
  // status addresses) is how the engine learns that the process started: the actor starts its
  // other informers, with real LIST and WATCH requests, once the kubelet reports the pod Running.
  const state = newIngressNginxState(b.apiserverId, b.cloud)
  addActor(world, ingressNginxId, 'ingress-nginx', state)
  const labelSelector = Object.entries(selectorLabels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',')
  addWatcher(b.api, { client: ingressNginxId, prefix: '/registry/pods', namespace: ingressNamespace, fieldSelector: '', labelSelector })
  return [svc, ...stamped.pods]
}
