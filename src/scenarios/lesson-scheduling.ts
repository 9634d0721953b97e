/** Lesson: scheduling decisions — requests, taints and tolerations, affinity, an unschedulable pod. */
export const lessonSchedulingYaml = `# Scheduling decisions: why each pod lands where it does, or nowhere.
title: Scheduling decisions
seed: 7
cluster:
  version: v1.34
  nodes:
    - {name: node-1, cpu: "4", memory: 8Gi, labels: {topology.kubernetes.io/zone: zone-a}}
    - {name: node-2, cpu: "4", memory: 8Gi, labels: {topology.kubernetes.io/zone: zone-b},
       taints: [{key: dedicated, value: gpu, effect: NoSchedule}]}
    - {name: node-3, cpu: "2", memory: 4Gi, labels: {topology.kubernetes.io/zone: zone-b}}
script:
  - at: 0s
    apply: |
      apiVersion: v1
      kind: Pod
      metadata: {name: big}
      spec:
        containers:
        - name: app
          image: nginx:1.27
          resources: {requests: {cpu: "3", memory: 1Gi}}
  - at: 10s
    apply: |
      apiVersion: v1
      kind: Pod
      metadata: {name: gpu-job}
      spec:
        tolerations:
        - {key: dedicated, operator: Equal, value: gpu, effect: NoSchedule}
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
              - matchExpressions:
                - {key: topology.kubernetes.io/zone, operator: In, values: [zone-b]}
        containers:
        - name: app
          image: busybox:1.36
          command: [sleep, "3600"]
          resources: {requests: {cpu: "2500m"}}
  - at: 20s
    apply: |
      apiVersion: v1
      kind: Pod
      metadata: {name: too-big}
      spec:
        containers:
        - name: app
          image: nginx:1.27
          resources: {requests: {cpu: "3500m"}}
  - {at: 25s, kubectl: "describe pod too-big"}
  - {at: 35s, kubectl: "delete pod big"}
  - {at: 50s, kubectl: "get pods -o wide"}
chapters:
  - id: the-nodes
    title: Three unequal nodes
    narration: >-
      node-1 has 4 CPUs in zone-a. node-2 has 4 CPUs in zone-b but carries the taint
      \`dedicated=gpu:NoSchedule\`: pods that do not tolerate it may not land there. node-3 is
      small, 2 CPUs, in zone-b. kube-scheduler knows all this from its watch on Nodes.
    startsWhen: {atTime: 0s}
    pauseAtEnd: true
  - id: requests
    title: A pod that asks for 3 CPUs
    narration: >-
      The pod \`big\` requests \`cpu: "3"\`. A request is what the scheduler reserves on a node,
      not what the container uses. Watch the POST from kubectl; the pod is stored Pending.
    startsWhen: {afterFlow: {kind: apiserver.create, from: kubectl, label: /pods}}
    pauseAtEnd: true
  - id: big-bound
    title: Filter, then score
    narration: >-
      Filtering: TaintToleration rejects node-2 (\`big\` does not tolerate \`dedicated=gpu\`),
      NodeResourcesFit rejects node-3 (3 CPUs requested, 2 allocatable). Only node-1 is left,
      so scoring has nothing to choose and kube-scheduler POSTs the Binding to node-1. Click
      the \`/binding\` message to read each node's result.
    startsWhen: {afterFlow: {kind: apiserver.create, from: kube-scheduler:0, label: /pods/big/binding}}
    pauseAtEnd: true
  - id: toleration
    title: A toleration and an affinity
    narration: >-
      \`gpu-job\` tolerates \`dedicated=gpu:NoSchedule\` and requires, by node affinity, a node
      labelled \`topology.kubernetes.io/zone\` In zone-b. It requests 2500m CPU.
    startsWhen: {afterFlow: {kind: apiserver.create, from: kubectl, label: /pods}}
    pauseAtEnd: true
  - id: gpu-bound
    title: Only node-2 passes every filter
    narration: >-
      NodeAffinity rejects node-1 (zone-a). NodeResourcesFit rejects node-3 (2500m is more than
      its 2 CPUs). The toleration lets node-2 through TaintToleration. A toleration only
      allows a tainted node; it does not attract the pod: the affinity did the steering here.
    startsWhen: {afterFlow: {kind: apiserver.create, from: kube-scheduler:0, label: /pods/gpu-job/binding}}
    pauseAtEnd: true
  - id: too-big
    title: A pod no node can hold
    narration: >-
      \`too-big\` requests 3500m CPU. No node has that much free: node-1 has 1 CPU left after
      \`big\`, node-3 has only 2, and node-2 is tainted.
    startsWhen: {afterFlow: {kind: apiserver.create, from: kubectl, label: /pods}}
    pauseAtEnd: true
  - id: unschedulable
    title: FailedScheduling
    narration: >-
      No node passed the filters, and preemption cannot help (there is no lower-priority pod
      whose removal would make room). kube-scheduler sets the condition PodScheduled=False,
      reason Unschedulable, records a FailedScheduling Event and parks the pod in its
      unschedulable queue. It does not retry in a loop: it waits for a cluster event that
      could make the pod fit.
    startsWhen: {whenObject: {key: /registry/pods/default/too-big, path: status.conditions.0.reason, equals: Unschedulable}}
    pauseAtEnd: true
  - id: describe
    title: Reading the reason
    narration: >-
      \`kubectl describe pod too-big\` lists the Event: \`0/3 nodes are available: 1 node(s)
      had untolerated taint {dedicated: gpu}, 2 Insufficient cpu.\` followed by the preemption
      verdict. One count per reason, added up over the nodes.
    startsWhen: {afterFlow: {kind: apiserver.list, from: kubectl, label: /events}}
    pauseAtEnd: true
  - id: room
    title: Room is made
    narration: >-
      \`kubectl delete pod big\` frees 3 CPUs on node-1. A pod leaving a node is exactly the
      kind of cluster event that can make a waiting pod fit, so kube-scheduler moves
      \`too-big\` from its unschedulable queue back to the active queue and tries again: node-1
      now passes NodeResourcesFit, and the pod is bound.
    startsWhen: {afterFlow: {kind: apiserver.create, from: kube-scheduler:0, label: /pods/too-big/binding}}
    pauseAtEnd: true
  - id: quiet
    title: Quiet
    narration: >-
      Every pod is placed. Type \`get pods -o wide\` to see which node each one got.
    startsWhen: {quiescent: true}
    pauseAtEnd: false
until: 60s
`
