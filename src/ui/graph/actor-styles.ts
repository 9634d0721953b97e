/** Colour and caption per component kind, for nodes and the flow list. */
import type { ActorKind } from '../../sim/protocol.ts'

export interface ActorStyle {
  color: string
  /** One line under the name: what the component is for. */
  role: string
}

export const actorStyles = {
  kubectl: { color: '#334155', role: 'the user' },
  'kube-apiserver': { color: '#2563eb', role: 'API front door' },
  etcd: { color: '#0d9488', role: 'key-value store' },
  'kube-scheduler': { color: '#7c3aed', role: 'picks a node' },
  'kube-controller-manager': { color: '#9333ea', role: 'control loops' },
  'cloud-controller-manager': { color: '#64748b', role: 'cloud glue' },
  kubelet: { color: '#ea580c', role: 'node agent' },
  'kube-proxy': { color: '#ca8a04', role: 'Service rules' },
  'container-runtime': { color: '#16a34a', role: 'container runtime' },
  'image-registry': { color: '#db2777', role: 'image store' },
  'traffic-client': { color: '#d97706', role: 'sends requests' },
  coredns: { color: '#0891b2', role: 'cluster DNS (add-on)' },
  'ingress-nginx': { color: '#059669', role: 'routes HTTP by host and path (add-on)' },
} satisfies Record<ActorKind, ActorStyle>

/**
 * `kube-apiserver:0` → `kube-apiserver`; `kubelet:node-1` → `kubelet (node-1)`; `etcd:1` → `etcd-1`.
 * In an etcd cluster (`etcdCluster`) the first member is `etcd-0`, as the graph names it.
 */
export function actorLabel(id: string, etcdCluster = false): string {
  const i = id.indexOf(':')
  if (i < 0) return id
  const name = id.slice(0, i)
  const instance = id.slice(i + 1)
  if (instance === '0' && !(etcdCluster && name === 'etcd')) return name
  if (/^\d+$/.test(instance)) return `${name}-${instance}`
  return `${name} (${instance})`
}

/** What a node shows as its name: the runtime is drawn as the one kubeadm installs. */
export function actorDisplayName(id: string, kind: ActorKind, etcdCluster = false): string {
  if (kind === 'container-runtime') return 'containerd'
  return actorLabel(id, etcdCluster).replace(/ \(.*\)$/, '')
}

/** The component name alone: `kubelet:node-1` → `kubelet`. */
export function actorName(id: string): string {
  const i = id.indexOf(':')
  return i < 0 ? id : id.slice(0, i)
}
