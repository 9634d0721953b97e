/** Lesson: the control plane down — scheduler, then controller-manager stopped — and what keeps working. */
export const lessonControlPlaneYaml = `# The control plane down: running pods keep serving, nothing new happens.
title: The control plane down
seed: 42
cluster:
  version: v1.34
  addons: [coredns]
  nodes:
    - {name: node-1, cpu: "4", memory: 8Gi}
    - {name: node-2, cpu: "4", memory: 8Gi}
    - {name: node-3, cpu: "4", memory: 8Gi}
script:
  - {at: 0s, kubectl: "create deployment web --image=nginx:1.27 --replicas=2 --port=80"}
  - {at: 3s, kubectl: "expose deployment web --port=80"}
  - {at: 15s, fault: {kind: stop-component, component: kube-scheduler}}
  - {at: 17s, kubectl: "run late --image=nginx:1.27"}
  - {at: 20s, traffic: "start web --rate 1 --from node-3"}
  - {at: 25s, kubectl: "get pods"}
  - {at: 30s, fault: {kind: stop-component, component: kube-controller-manager}}
  - {at: 32s, kubectl: "scale deployment web --replicas=4"}
  - {at: 40s, kubectl: "get deployment web"}
  - {at: 50s, fault: {kind: start-component, component: kube-controller-manager}}
  - {at: 60s, kubectl: "get leases -n kube-system"}
  - {at: 80s, fault: {kind: start-component, component: kube-scheduler}}
  - {at: 90s, traffic: stop}
  - {at: 95s, kubectl: "get pods -o wide"}
chapters:
  - id: running
    title: Two pods behind a Service
    narration: >-
      A Deployment \`web\` with 2 replicas, exposed as the Service \`web\`. Everything works
      as usual. Now we take the control plane apart, one piece at a time.
    startsWhen: {whenObject: {key: /registry/deployments/default/web, path: status.readyReplicas, equals: 2}}
    pauseAtEnd: true
  - id: scheduler-down
    title: kube-scheduler stops
    narration: >-
      At 15 s kube-scheduler is stopped: it is drawn grey with a \`stopped\` badge, and the
      watch events the API server sends it turn red and fade. kube-apiserver, etcd and every
      node carry on.
    startsWhen: {atTime: 15s}
    pauseAtEnd: true
  - id: pending
    title: Stored, never bound
    narration: >-
      \`kubectl run late\` works: the API server validates the pod and etcd stores it. But
      binding a pod to a node is the scheduler's only job and nobody else does it, so
      \`late\` stays Pending with no node. \`kubectl get pods\` shows it.
    startsWhen: {afterFlow: {kind: apiserver.create, from: kubectl, label: /pods}}
    pauseAtEnd: true
  - id: serving
    title: Running pods keep serving
    narration: >-
      Requests to the Service still get \`HTTP 200\`. Serving needs no control plane: the
      containers run under their kubelets, and the iptables rules kube-proxy wrote on each
      node stay in place.
    startsWhen: {afterFlow: {kind: traffic.response}}
    pauseAtEnd: true
  - id: controllers-down
    title: kube-controller-manager stops too
    narration: >-
      At 30 s kube-controller-manager is stopped. The Deployment, ReplicaSet, EndpointSlice
      and node lifecycle controllers all live in that one process, so they all stop.
    startsWhen: {atTime: 30s}
    pauseAtEnd: true
  - id: scale-nothing
    title: A scale that changes one number
    narration: >-
      \`kubectl scale deployment web --replicas=4\` succeeds: the API server stores
      \`spec.replicas: 4\`. Nothing else happens, because the controller that would act on it
      is stopped. \`kubectl get deployment web\` says 2/4: asked for 4, 2 exist.
    startsWhen: {afterFlow: {kind: apiserver.get, from: kubectl, label: /deployments/web}}
    pauseAtEnd: true
  - id: lease-wait
    title: A new process waits for the lease
    narration: >-
      At 50 s it starts again: a new process with a new identity. It must lead before any
      controller runs, and its Lease still names the old process, which did not release it.
      The new one reads the Lease every 2 to 4 s and takes it once the record has not changed
      for 15 s by its own clock. \`kubectl get leases -n kube-system\` at 60 s shows the old
      holder still, and none for kube-scheduler, which released its Lease when stopped.
    startsWhen: {afterFlow: {kind: apiserver.get, from: kube-controller-manager:0, label: /leases/kube-controller-manager}}
    pauseAtEnd: true
  - id: controllers-back
    title: kube-controller-manager returns
    narration: >-
      It took the Lease (an Event says \`became leader\`). It has no memory of what it missed:
      it LISTs every kind it watches from the API server and opens new watches from that
      resourceVersion. Then it compares, as always, what is asked with what exists.
    startsWhen: {afterFlow: {kind: apiserver.list, from: kube-controller-manager:0}}
    pauseAtEnd: true
  - id: pods-made
    title: Pods made, still Pending
    narration: >-
      The ReplicaSet wants 4 and has 2, so the ReplicaSet controller POSTs two pods. They join
      \`late\` as Pending: kube-scheduler is still stopped.
    startsWhen: {afterFlow: {kind: apiserver.create, from: kube-controller-manager:0, label: POST /api/v1/namespaces/default/pods}}
    pauseAtEnd: true
  - id: scheduler-back
    title: kube-scheduler returns
    narration: >-
      At 80 s kube-scheduler starts, LISTs pods, nodes and the rest, and finds three pods with
      no node in its queue. It leads at its first try: when it was stopped it released its
      Lease (kube-scheduler does, kube-controller-manager does not).
    startsWhen: {afterFlow: {kind: apiserver.list, from: kube-scheduler:0}}
    pauseAtEnd: true
  - id: bound
    title: Everything catches up
    narration: >-
      It POSTs a Binding for each waiting pod; the kubelets start them. Because every
      component works from the stored state, not from a sequence of orders, a restart loses
      nothing: the work simply waited.
    startsWhen: {afterFlow: {kind: apiserver.create, from: kube-scheduler:0, label: /binding}}
    pauseAtEnd: true
  - id: quiet
    title: Quiet
    narration: >-
      \`kubectl get pods -o wide\` shows \`late\` and four \`web\` pods Running.
    startsWhen: {quiescent: true}
    pauseAtEnd: false
until: 110s
`
