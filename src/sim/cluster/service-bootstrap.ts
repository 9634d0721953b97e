/**
 * The Services a kubeadm cluster has before anyone types: `default/kubernetes` at the first address
 * of the service CIDR with the EndpointSlice and Endpoints the apiserver's endpoint reconciler
 * writes (pkg/controlplane/reconcilers), and with the `coredns` add-on, `kube-system/kube-dns` at
 * the tenth address with CoreDNS's pods (cmd/kubeadm/app/phases/addons/dns/manifests.go;
 * FIDELITY.md §4.1, §4.4).
 */
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

/** The pod's /etc/resolv.conf under dnsPolicy ClusterFirst (kubelet --cluster-dns, --cluster-domain). */
export function clusterFirstResolvConf(namespace: string, clusterDns: string): string {
  return `search ${namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver ${clusterDns}\noptions ndots:5\n`
}
