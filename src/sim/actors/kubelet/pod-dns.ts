/**
 * The pod's view of names: its resolv.conf (what the kubelet hands containerd for the sandbox from
 * --cluster-dns and the pod's dnsPolicy; containerd writes the file) and the kubelet-managed
 * /etc/hosts (pkg/kubelet/kubelet_pods.go managedHostsFileContent).
 */
import { clusterFirstResolvConf } from '../../cluster/service-bootstrap.ts'

export interface PodDnsSpec {
  hostname?: string
  subdomain?: string
  dnsPolicy?: string
  hostNetwork?: boolean
  dnsConfig?: { nameservers?: string[]; searches?: string[]; options?: { name: string; value?: string }[] }
  hostAliases?: { ip: string; hostnames?: string[] }[]
}

/** The simulated machines' own resolver, what dnsPolicy Default hands a pod. */
const nodeResolvConf = 'nameserver 10.0.0.1\n'

export function resolvConf(spec: PodDnsSpec, namespace: string, clusterDNS: string): string {
  const policy = spec.dnsPolicy ?? 'ClusterFirst'
  // A hostNetwork pod with ClusterFirst falls back to Default (pkg/kubelet/network/dns).
  const clusterFirst = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !spec.hostNetwork)
  if (policy === 'None') {
    const c = spec.dnsConfig ?? {}
    const lines = [...(c.searches?.length ? [`search ${c.searches.join(' ')}`] : []), ...(c.nameservers ?? []).map((n) => `nameserver ${n}`)]
    if (c.options?.length) lines.push(`options ${c.options.map((o) => (o.value !== undefined ? `${o.name}:${o.value}` : o.name)).join(' ')}`)
    return lines.length ? `${lines.join('\n')}\n` : ''
  }
  return clusterFirst ? clusterFirstResolvConf(namespace, clusterDNS) : nodeResolvConf
}

/** The kubelet-managed /etc/hosts. */
export function hostsFile(spec: PodDnsSpec, namespace: string, hostname: string, podIP: string): string {
  const lines = [
    '# Kubernetes-managed hosts file.',
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    'fe00::0\tip6-localnet',
    'fe00::0\tip6-mcastprefix',
    'fe00::1\tip6-allnodes',
    'fe00::2\tip6-allrouters',
    spec.subdomain ? `${podIP}\t${hostname}.${spec.subdomain}.${namespace}.svc.cluster.local\t${hostname}` : `${podIP}\t${hostname}`,
  ]
  if (spec.hostAliases?.length) {
    lines.push('', '# Entries added by HostAliases.')
    for (const a of spec.hostAliases) lines.push(`${a.ip}\t${(a.hostnames ?? []).join('\t')}`)
  }
  return `${lines.join('\n')}\n`
}

