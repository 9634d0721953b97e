/**
 * The CoreDNS add-on as `kubeadm init` leaves it (cmd/kubeadm/app/phases/addons/dns/manifests.go):
 * the `coredns` ConfigMap with the Corefile, the `coredns` Deployment (2 replicas), and the
 * ReplicaSet and pods its controllers had written by the time the cluster is drawn. They are built
 * the way those controllers build them (same defaulting, pod-template-hash, ownerReferences,
 * admission), so the controllers find nothing to change and keep reconciling them afterwards: a
 * deleted coredns pod is replaced like any other ReplicaSet's.
 */
import { applyKindDefaults } from '../k8s/validation/defaults.ts'
import type { KObject } from '../protocol.ts'
import { keyOf, ownerRefs } from '../actors/controller-manager/objects.ts'
import { updatePodStats } from '../actors/controller-manager/pod-stats.ts'
import type { ControllerManagerState } from '../actors/controller-manager/state.ts'
import { corednsImage } from './service-bootstrap.ts'
import { stampDeployment, type Stamped } from './bootstrap-deployment-stamp.ts'

/** kubeadm's Corefile (manifests.go CoreDNSConfigMap) for the cluster domain cluster.local. */
export const corefile = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success cluster.local
       disable denial cluster.local
    }
    loop
    reload
    loadbalance
}
`

/** kubeadm's replica count for CoreDNS (manifests.go: `replicas: {{ .Replicas }}`, default 2). */
export const corednsReplicas = 2

export function corednsConfigMap(created: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'coredns', namespace: 'kube-system', creationTimestamp: created },
    data: { Corefile: corefile },
  }
}

export function corednsDeployment(created: string): KObject {
  const d: KObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', creationTimestamp: created, generation: 1, labels: { 'k8s-app': 'kube-dns' } },
    spec: {
      replicas: corednsReplicas,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-dns' } },
        spec: {
          priorityClassName: 'system-cluster-critical',
          serviceAccountName: 'coredns',
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                {
                  weight: 100,
                  podAffinityTerm: {
                    labelSelector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] },
                    topologyKey: 'kubernetes.io/hostname',
                  },
                },
              ],
            },
          },
          tolerations: [
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
            { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
          ],
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          containers: [
            {
              name: 'coredns',
              image: corednsImage,
              imagePullPolicy: 'IfNotPresent',
              resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
              args: ['-conf', '/etc/coredns/Corefile'],
              volumeMounts: [{ name: 'config-volume', mountPath: '/etc/coredns', readOnly: true }],
              ports: [
                { containerPort: 53, name: 'dns', protocol: 'UDP' },
                { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
              ],
              securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] }, readOnlyRootFilesystem: true },
              livenessProbe: { httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 60, timeoutSeconds: 5, successThreshold: 1, failureThreshold: 5 },
              readinessProbe: { httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' } },
            },
          ],
          dnsPolicy: 'Default',
          volumes: [{ name: 'config-volume', configMap: { name: 'coredns', items: [{ key: 'Corefile', path: 'Corefile' }] } }],
        },
      },
    },
  }
  applyKindDefaults('Deployment', d)
  return d
}

export type { Stamped } from './bootstrap-deployment-stamp.ts'

/** CoreDNS's Deployment with its first ReplicaSet and pods, as its controllers would have written them. */
export function stampCoredns(created: string, random: () => number, store: (o: KObject) => KObject): Stamped {
  return stampDeployment(corednsDeployment(created), created, random, store)
}

/**
 * kube-controller-manager as its informers had listed these objects: caches, the pods-by-owner
 * index, the pod counts per owner and the garbage collector's graph (workload-watches.ts ran before
 * they were stored).
 */
export function seedControllerManager(kcm: ControllerManagerState, s: Stamped): void {
  const objects: [string, KObject][] = [['deployments', s.deployment], ['replicasets', s.replicaSet], ...s.pods.map((p): [string, KObject] => ['pods', p])]
  for (const [resource, o] of objects) {
    const key = keyOf(o)
    kcm.caches[resource]![key] = o
    const uid = String(o.metadata.uid)
    kcm.gc.objects[uid] = { resource, key }
    for (const r of ownerRefs(o)) (kcm.gc.owners[r.uid] ??= {})[uid] = true
  }
  const rsUid = String(s.replicaSet.metadata.uid)
  for (const pod of s.pods) {
    ;(kcm.podsByOwner[rsUid] ??= {})[keyOf(pod)] = true
    updatePodStats(kcm.podStats, undefined, pod)
  }
}
