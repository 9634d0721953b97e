/**
 * The objects a freshly built kubeadm cluster already has when the scenario starts: its
 * namespaces with their `default` ServiceAccounts and `kube-root-ca.crt` ConfigMaps, and every
 * worker Node with its Lease (FIDELITY.md §1.2a, §3.1).
 */
import { microTime, rfc3339 } from '../k8s/meta.ts'
import type { KObject, NodeSpec } from '../protocol.ts'
import { rootCaPem } from '../actors/controller-manager/controller-manager.ts'

export const systemNamespaces = ['default', 'kube-node-lease', 'kube-public', 'kube-system']

export interface NodeAddressing {
  hostIP: string
  podCIDR: string
}

export function namespaceObject(name: string, created: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, creationTimestamp: created, labels: { 'kubernetes.io/metadata.name': name } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  }
}

export function serviceAccountObject(namespace: string, created: string): KObject {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace, creationTimestamp: created } }
}

export function rootCaConfigMap(namespace: string, created: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'kube-root-ca.crt',
      namespace,
      creationTimestamp: created,
      annotations: {
        'kubernetes.io/description':
          'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
      },
    },
    data: { 'ca.crt': rootCaPem },
  }
}

/** A Node as its kubelet registers it (`registerNode: true`) and reports it Ready. */
export function nodeObject(spec: NodeSpec, addr: NodeAddressing, epochMs: number, kubeletVersion: string): KObject {
  const created = rfc3339(epochMs)
  const condition = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: created,
    lastTransitionTime: created,
    reason,
    message,
  })
  const resources = { cpu: spec.cpu, memory: spec.memory, pods: String(spec.pods), 'ephemeral-storage': '100Gi', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0' }
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: spec.name,
      creationTimestamp: created,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': spec.name,
        'kubernetes.io/os': 'linux',
        ...spec.labels,
      },
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: addr.podCIDR,
      podCIDRs: [addr.podCIDR],
      ...(spec.taints.length ? { taints: spec.taints.map((t) => ({ key: t.key, ...(t.value ? { value: t.value } : {}), effect: t.effect })) } : {}),
    },
    status: {
      capacity: resources,
      allocatable: resources,
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: [
        { type: 'InternalIP', address: addr.hostIP },
        { type: 'Hostname', address: spec.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        kernelVersion: '6.8.0-51-generic',
        osImage: 'Ubuntu 24.04.1 LTS',
        containerRuntimeVersion: 'containerd://1.7.24',
        kubeletVersion,
        kubeProxyVersion: '',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
      images: [
        { names: ['registry.k8s.io/pause@sha256:ee6521f290b2168b6e0935a181d4cff9be1ac3f505666ef0e3c98fae8199917a', 'registry.k8s.io/pause:3.10'], sizeBytes: 320368 },
        ...spec.images.map((i) => ({ names: i.names, sizeBytes: i.sizeBytes })),
      ],
    },
  }
}

/** The node's heartbeat Lease in kube-node-lease (holder = node, 40 s duration). */
export function leaseObject(node: string, nodeUid: string, epochMs: number): KObject {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: node,
      namespace: 'kube-node-lease',
      creationTimestamp: rfc3339(epochMs),
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node, uid: nodeUid }],
    },
    spec: { holderIdentity: node, leaseDurationSeconds: 40, renewTime: microTime(epochMs) },
  }
}
