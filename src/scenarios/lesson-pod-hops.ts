/** Lesson: one pod's creation, hop by hop, each chapter stopping where the learner should look. */
export const lessonPodHopsYaml = `# A pod's creation, hop by hop: every component that touches it, in order.
title: A pod's creation, hop by hop
seed: 42
cluster:
  version: v1.34
  nodes:
    - {name: node-1, cpu: "4", memory: 8Gi}
    - {name: node-2, cpu: "4", memory: 8Gi}
    - {name: node-3, cpu: "4", memory: 8Gi}
script:
  - {at: 0s, kubectl: "run nginx --image=nginx:1.27"}
  - {at: 20s, kubectl: "get pods -o wide"}
chapters:
  - id: request
    title: kubectl sends a request
    narration: >-
      \`kubectl run nginx --image=nginx:1.27\` builds a Pod object and sends it to the API
      server as \`POST /api/v1/namespaces/default/pods\`. That is all kubectl does: it never
      talks to a node, the scheduler or etcd. Watch the token travel from kubectl to
      kube-apiserver.
    startsWhen: {afterFlow: {kind: apiserver.create, from: kubectl}}
    pauseAtEnd: true
  - id: admission
    title: The API server checks, fills in, and stores
    narration: >-
      Before anything is stored, kube-apiserver authenticates the caller (kubernetes-admin,
      group system:masters), authorizes the create, runs mutating admission (the
      ServiceAccount plugin mounts a token volume; DefaultTolerationSeconds adds the
      not-ready and unreachable tolerations for 300 s), validates the result, and only then
      writes it to etcd under the key \`/registry/pods/default/nginx\`. Click the POST in
      Messages to read each stage.
    startsWhen: {afterFlow: {kind: etcd.txn, from: kube-apiserver:0, label: "PUT /registry/pods/default/nginx"}}
    pauseAtEnd: true
  - id: created
    title: Created is only a record
    narration: >-
      etcd answers with the new revision, which becomes the pod's resourceVersion; the API
      server answers kubectl \`201 Created\` and kubectl prints \`pod/nginx created\`. Nothing
      runs yet: \`spec.nodeName\` is empty and the pod is Pending.
    startsWhen: {afterFlow: {kind: etcd.response, to: kube-apiserver:0}}
    pauseAtEnd: true
  - id: watch
    title: A watch, not a poll
    narration: >-
      etcd tells the API server the key changed; the API server's watch cache turns that
      into an \`ADDED Pod default/nginx\` event for every client watching pods.
      kube-scheduler watches pods with no node: this event is how it learns there is work.
    startsWhen: {afterFlow: {kind: watch.event, to: kube-scheduler:0, label: ADDED Pod default/nginx}}
    pauseAtEnd: true
  - id: binding
    title: kube-scheduler picks a node
    narration: >-
      The scheduler filters the nodes (does the pod fit, does it tolerate their taints), scores
      the ones left and takes the best. It starts nothing itself: it POSTs a Binding, and the
      API server sets \`spec.nodeName\`. Click the binding to read every node's filter and
      score.
    startsWhen: {afterFlow: {kind: apiserver.create, from: kube-scheduler:0, label: /binding}}
    pauseAtEnd: true
  - id: kubelet
    title: The chosen kubelet hears about it
    narration: >-
      Each kubelet watches only the pods bound to its own node (field selector
      \`spec.nodeName=<node>\`). Now that the pod names a node, that node's kubelet receives
      ADDED; the other kubelets never see this pod.
    startsWhen: {afterFlow: {kind: watch.event, label: ADDED Pod default/nginx}}
    pauseAtEnd: true
  - id: sandbox
    title: A sandbox for the pod
    narration: >-
      The kubelet asks its container runtime, containerd, over CRI to run the pod sandbox:
      the network namespace and the pause container that hold the pod's IP address.
    startsWhen: {afterFlow: {kind: cri.call, label: RunPodSandbox}}
    pauseAtEnd: true
  - id: pull
    title: Pulling the image
    narration: >-
      nginx:1.27 is not on the node yet, so containerd fetches its manifest and then its
      layers from the registry. This is the slow part: about 3.6 s for 68.9 MB here, and
      virtual time runs at plain speed while nothing but the download moves.
    startsWhen: {afterFlow: {kind: registry.get}}
    pauseAtEnd: true
  - id: start
    title: Create and start the container
    narration: >-
      With the image present, the kubelet asks containerd to CreateContainer, then
      StartContainer, and records an Event for each step (Pulled, Created, Started).
    startsWhen: {afterFlow: {kind: cri.call, label: StartContainer}}
    pauseAtEnd: true
  - id: running
    title: Running, and reported
    narration: >-
      The kubelet PATCHes the pod's status: phase Running, the pod IP, Ready. That write goes
      through the same API server and etcd, and the same watch tells everyone else. Type
      \`get pods -o wide\` in the console to see the node and IP.
    startsWhen: {whenObject: {key: /registry/pods/default/nginx, path: status.phase, equals: Running}}
    pauseAtEnd: true
  - id: quiet
    title: Quiet
    narration: >-
      Only routine traffic is left: each kubelet renews its Lease every 10 s and relists its
      containers every second. Tick Show heartbeats to see it.
    startsWhen: {quiescent: true}
    pauseAtEnd: false
until: 30s
`
