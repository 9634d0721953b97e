/** Behaviour by actor kind: one line per component. */
import type { ActorDefs } from '../engine/engine.ts'
import { apiserver } from './apiserver/apiserver.ts'
import { controllerManager } from './controller-manager/controller-manager.ts'
import { coredns } from './coredns/coredns.ts'
import { etcd } from './etcd/etcd.ts'
import { ingressNginx } from './ingress-nginx/ingress-nginx.ts'
import { cloudControllerManager } from './cloud-controller-manager/cloud-controller-manager.ts'
import { kubeProxy } from './kube-proxy/kube-proxy.ts'
import { kubectl } from './kubectl/kubectl.ts'
import { kubelet } from './kubelet/kubelet.ts'
import { registry } from './registry/registry.ts'
import { withLeaderElection } from './leader-election.ts'
import { withRestart } from './restart.ts'
import { runtime } from './runtime/runtime.ts'
import { scheduler, schedulerElection } from './scheduler/scheduler.ts'
import { controllerManagerElection } from './controller-manager/controller-manager.ts'
import { trafficClient } from './traffic/traffic-client.ts'

export const actorDefs: ActorDefs = {
  kubectl: kubectl as never,
  'kube-apiserver': apiserver as never,
  etcd: etcd as never,
  'kube-scheduler': withLeaderElection(withRestart(scheduler), schedulerElection) as never,
  'kube-controller-manager': withLeaderElection(withRestart(controllerManager), controllerManagerElection) as never,
  'cloud-controller-manager': cloudControllerManager as never,
  kubelet: withRestart(kubelet) as never,
  'kube-proxy': withRestart(kubeProxy) as never,
  'container-runtime': runtime as never,
  'image-registry': registry as never,
  'traffic-client': trafficClient as never,
  coredns: coredns as never,
  'ingress-nginx': ingressNginx as never,
}
