/**
 * Why a pod lands where it does, or nowhere: spread by the default profile, a pod no node fits
 * (FailedScheduling, then a retry when a node's labels change), and preemption by priority.
 */
export const schedulingYaml = `# kube-scheduler, plugin by plugin: click a pod to read its decision table.
title: Scheduling, plugin by plugin
seed: 7
cluster:
  version: v1.34
  controlPlane: {apiservers: 1, etcd: 1}
  addons: []
  nodes:
    - {name: node-1, cpu: "4", memory: 8Gi, labels: {topology.kubernetes.io/zone: zone-a, disk: ssd}}
    - {name: node-2, cpu: "4", memory: 8Gi, labels: {topology.kubernetes.io/zone: zone-b},
       taints: [{key: dedicated, value: gpu, effect: NoSchedule}]}
    - {name: node-3, cpu: "2", memory: 4Gi, labels: {topology.kubernetes.io/zone: zone-b}}
script:
  # No node has disk=hdd and node-2 is tainted: Pending, with the FailedScheduling message.
  - at: 0s
    apply: |
      apiVersion: v1
      kind: Pod
      metadata: {name: picky}
      spec:
        nodeSelector: {disk: hdd}
        containers:
        - {name: app, image: nginx:1.27}
  - {at: 2s, kubectl: "describe pod picky"}
  # A label change is a NodeLabel event: NodeAffinity asks for the pod to be tried again.
  - {at: 5s, kubectl: "label node node-3 disk=hdd"}
  # Three replicas: PodTopologySpread's system defaults spread them (the ReplicaSet selects them).
  - at: 8s
    apply: |
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 3
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers:
            - name: web
              image: nginx:1.27
              resources: {requests: {cpu: 500m, memory: 256Mi}}
  # Priority: a pod too big for the room left preempts a lower-priority one.
  - at: 25s
    apply: |
      apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata: {name: critical-batch}
      value: 100000
      description: Preempts ordinary pods.
  - at: 26s
    apply: |
      apiVersion: v1
      kind: Pod
      metadata: {name: urgent}
      spec:
        priorityClassName: critical-batch
        nodeSelector: {disk: ssd}
        containers:
        - name: job
          image: busybox:1.36
          command: [sleep, "3600"]
          resources: {requests: {cpu: "3500m"}}
  - {at: 80s, kubectl: "get pods -o wide"}
until: 90s
`
