/**
 * The Services a kubeadm cluster has before anyone types: `default/kubernetes` at the first address
 * of the service CIDR with the EndpointSlice and Endpoints the apiserver's endpoint reconciler
 * writes (pkg/controlplane/reconcilers), and with the `coredns` add-on, `kube-system/kube-dns` at
 * the tenth address with CoreDNS's pods (cmd/kubeadm/app/phases/addons/dns/manifests.go;
 * FIDELITY.md §4.1, §4.4).
 */
import { generatedName } from '../k8s/meta.ts'
import { intToIp, parseCidr } from '../k8s/service.ts'
import type { KObject } from '../protocol.ts'

/** kube-apiserver's --advertise-address on the control-plane host, and its --secure-port. */
export const apiserverAddress = '10.0.0.10'
export const apiserverPort = 6443

/** The n-th address of the service CIDR: 1 → 10.96.0.1, 10 → 10.96.0.10. */
export function serviceIp(cidr: string, n: number): string {
  return intToIp(parseCidr(cidr).base + n)
}

export function kubernetesService(cidr: string, created: string): KObject {
  const ip = serviceIp(cidr, 1)
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', creationTimestamp: created, labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      clusterIP: ip,
      clusterIPs: [ip],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: apiserverPort }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
    status: { loadBalancer: {} },
  }
}

export function kubernetesEndpointSlice(created: string): KObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace: 'default', creationTimestamp: created, labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [apiserverAddress], conditions: { ready: true } }],
    ports: [{ name: 'https', port: apiserverPort, protocol: 'TCP' }],
  }
}

export function kubernetesEndpoints(created: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', creationTimestamp: created, labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: apiserverAddress }], ports: [{ name: 'https', port: apiserverPort, protocol: 'TCP' }] }],
  }
}

export function kubeDnsService(cidr: string, created: string): KObject {
  const ip = serviceIp(cidr, 10)
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kube-dns',
      namespace: 'kube-system',
      creationTimestamp: created,
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    },
    spec: {
      clusterIP: ip,
      clusterIPs: [ip],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
      selector: { 'k8s-app': 'kube-dns' },
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
    status: { loadBalancer: {} },
  }
}

/** kubeadm v1.34's CoreDNS image (cmd/kubeadm/app/constants CoreDNSVersion). */
export const corednsImage = 'registry.k8s.io/coredns/coredns:v1.12.1'

/**
 * One CoreDNS pod as the `coredns` Deployment's ReplicaSet stamps it (2 replicas). Created directly
 * at bootstrap: the pods go through the scheduler and kubelets like any other.
 */
export function corednsPodName(podTemplateHash: string, random: () => number): string {
  return generatedName(`coredns-${podTemplateHash}-`, random)
}

export function corednsPod(name: string, created: string, podTemplateHash: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'kube-system',
      creationTimestamp: created,
      generation: 1,
      labels: { 'k8s-app': 'kube-dns', 'pod-template-hash': podTemplateHash },
    },
    spec: {
      containers: [
        {
          name: 'coredns',
          image: corednsImage,
          args: ['-conf', '/etc/coredns/Corefile'],
          ports: [
            { containerPort: 53, name: 'dns', protocol: 'UDP' },
            { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
            { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
          ],
          resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
          imagePullPolicy: 'IfNotPresent',
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
      ],
      dnsPolicy: 'Default',
      priorityClassName: 'system-cluster-critical',
      priority: 2000000000,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      serviceAccountName: 'coredns',
      serviceAccount: 'coredns',
      terminationGracePeriodSeconds: 30,
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
      tolerations: [
        { key: 'CriticalAddonsOnly', operator: 'Exists' },
        { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
        { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
        { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
      ],
    },
    status: { phase: 'Pending', qosClass: 'Burstable' },
  }
}

/** The pod's /etc/resolv.conf under dnsPolicy ClusterFirst (kubelet --cluster-dns, --cluster-domain). */
export function clusterFirstResolvConf(namespace: string, clusterDns: string): string {
  return `search ${namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver ${clusterDns}\noptions ndots:5\n`
}
