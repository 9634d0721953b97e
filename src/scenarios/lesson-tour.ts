/** Lesson: the anatomy tour, one component per chapter, each shown at work. */
export const lessonTourYaml = `# The anatomy tour: what each component of the control plane and of a node does.
title: Anatomy of a cluster, a tour
seed: 42
cluster:
  version: v1.34
  nodes:
    - {name: node-1, cpu: "4", memory: 8Gi}
    - {name: node-2, cpu: "4", memory: 8Gi}
    - {name: node-3, cpu: "4", memory: 8Gi}
script:
  - {at: 1s, kubectl: "run nginx --image=nginx:1.27"}
chapters:
  - id: map
    title: The map
    narration: >-
      At the top, the control plane: kube-apiserver, etcd, kube-scheduler and
      kube-controller-manager. Below, three worker nodes, each with a kubelet, a container
      runtime (containerd) and kube-proxy. kubectl, top left, is you. Every line is a
      connection; every moving token is one real message.
    startsWhen: {atTime: 0s}
    pauseAtEnd: true
  - id: apiserver
    title: kube-apiserver, the front door
    narration: >-
      Every component talks only to the API server, never to each other. It authenticates,
      authorizes, admits and validates each request, and is the only one that reads and writes
      etcd. Here kubectl asks it to create a pod.
    startsWhen: {afterFlow: {kind: apiserver.create, from: kubectl}}
    pauseAtEnd: true
  - id: etcd
    title: etcd, the memory
    narration: >-
      etcd is a key-value store with a revision counter. Each object lives under a key such as
      \`/registry/pods/default/nginx\`, and each write gets the next revision, which clients see
      as the object's resourceVersion.
    startsWhen: {afterFlow: {kind: etcd.txn, label: /registry/pods/}}
    pauseAtEnd: true
  - id: controller-manager
    title: kube-controller-manager, the reconcilers
    narration: >-
      One process, many controllers (Deployment, ReplicaSet, node lifecycle, EndpointSlice,
      garbage collector, ...). Each watches some objects and writes others to make what is
      match what was asked. A bare pod has no owner, so they only note it.
    startsWhen: {afterFlow: {kind: watch.event, to: kube-controller-manager:0, label: Pod default/nginx}}
    pauseAtEnd: true
  - id: scheduler
    title: kube-scheduler, the placer
    narration: >-
      It watches pods with no node, filters and scores the nodes, and answers with a Binding.
      It decides where; it never starts anything.
    startsWhen: {afterFlow: {kind: apiserver.create, from: kube-scheduler:0, label: /binding}}
    pauseAtEnd: true
  - id: runtime
    title: containerd, the runtime
    narration: >-
      The kubelet of the chosen node drives containerd over CRI: run a sandbox, pull the
      image, create and start the container. containerd does the actual work on the machine.
    startsWhen: {afterFlow: {kind: cri.call, label: RunPodSandbox}}
    pauseAtEnd: true
  - id: registry
    title: The image registry
    narration: >-
      Outside the cluster: containerd downloads the image's manifest and layers from it the
      first time a node needs the image.
    startsWhen: {afterFlow: {kind: registry.get}}
    pauseAtEnd: true
  - id: lease
    title: kubelet, the node agent
    narration: >-
      While the image downloads, look at the other nodes: even with nothing to run, each
      kubelet renews its Lease in kube-node-lease every 10 s (PUT .../leases/<node>). That
      renewal is how the control plane knows the node is alive. Tick Show heartbeats to see
      them all.
    startsWhen: {afterFlow: {kind: apiserver.update, label: /leases/}}
    pauseAtEnd: true
  - id: running
    title: Back to the API server
    narration: >-
      The kubelet reports the pod Running through the API server, like everyone else.
      kube-proxy, on every node, watches Services and EndpointSlices to program the node's
      packet rules; with no Service here it has nothing to do yet.
    startsWhen: {whenObject: {key: /registry/pods/default/nginx, path: status.phase, equals: Running}}
    pauseAtEnd: false
until: 30s
`
