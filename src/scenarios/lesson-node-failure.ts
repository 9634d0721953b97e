/** Lesson: a node loses power; the node lifecycle controller's timeline, from silence to eviction. */
export const lessonNodeFailureYaml = `# A node failure: Unknown after 50 s of silence, pods evicted 300 s later.
title: A node failure and the eviction timeline
seed: 42
cluster:
  version: v1.34
  nodes:
    - {name: node-1, cpu: "4", memory: 8Gi}
    - {name: node-2, cpu: "4", memory: 8Gi}
    - {name: node-3, cpu: "4", memory: 8Gi}
script:
  - {at: 0s, kubectl: "create deployment web --image=nginx:1.27 --replicas=3"}
  - {at: 20s, kubectl: "get pods -o wide"}
  - {at: 30s, fault: {kind: stop-node, node: node-2}}
  - {at: 100s, kubectl: "get nodes"}
  - {at: 400s, kubectl: "get pods -o wide"}
chapters:
  - id: spread
    title: Three pods on three nodes
    narration: >-
      A Deployment \`web\` with 3 replicas; the scheduler spread them, one per node. Each
      kubelet renews its Lease in \`kube-node-lease\` every 10 s: that renewal is the heartbeat
      the control plane listens for (tick Show heartbeats to see it).
    startsWhen: {whenObject: {key: /registry/deployments/default/web, path: status.readyReplicas, equals: 3}}
    pauseAtEnd: true
  - id: power-off
    title: node-2 loses power
    narration: >-
      At 30 s node-2 stops: its kubelet, kube-proxy and containerd are drawn stopped. Nothing
      tells the control plane; it only notices that node-2's Lease is no longer renewed. Speed
      up now: the next things happen tens of seconds and then minutes apart.
    startsWhen: {atTime: 30s}
    pauseAtEnd: true
  - id: unknown
    title: Ready becomes Unknown
    narration: >-
      The node lifecycle controller in kube-controller-manager checks every 5 s
      (\`--node-monitor-period\`). After 50 s without a renewal (\`--node-monitor-grace-period\`)
      it PUTs node-2's status with every condition Unknown ("Kubelet stopped posting node
      status."), taints the node \`node.kubernetes.io/unreachable\` with NoSchedule and
      NoExecute, and marks its pods not Ready, so Services stop sending them traffic.
    startsWhen: {whenObject: {key: /registry/minions/node-2, path: status.conditions.3.status, equals: Unknown}}
    pauseAtEnd: true
  - id: not-ready
    title: NotReady, and nothing moves yet
    narration: >-
      \`kubectl get nodes\` shows node-2 NotReady. The pod on it still exists, still bound to
      node-2: it carries the toleration \`node.kubernetes.io/unreachable:NoExecute\` for 300 s,
      which the DefaultTolerationSeconds admission plugin added when it was created. The
      cluster waits, in case the node comes back.
    startsWhen: {afterFlow: {kind: apiserver.list, from: kubectl, label: /nodes}}
    pauseAtEnd: true
  - id: waiting
    title: The toleration runs out
    narration: >-
      Half way: the pod has tolerated the NoExecute taint for about 150 s of its 300. Keep the
      speed up; eviction comes at about 5m50s after the power cut.
    startsWhen: {atTime: 235s}
    pauseAtEnd: true
  - id: evicted
    title: Evicted
    narration: >-
      300 s after the taint, the taint eviction controller adds the condition
      DisruptionTarget (reason DeletionByTaintManager) and DELETEs the pod. With node-2
      silent nobody confirms the containers stopped, so the pod stays Terminating.
    startsWhen: {afterFlow: {kind: apiserver.delete, from: kube-controller-manager:0}}
    pauseAtEnd: true
  - id: replaced
    title: The ReplicaSet fills the gap
    narration: >-
      A pod being deleted no longer counts toward the ReplicaSet, so its controller creates a
      replacement. The scheduler will not pick node-2 (it is tainted), and the new pod starts
      on a healthy node: nginx:1.27 is already there, no pull needed.
    startsWhen: {afterFlow: {kind: apiserver.create, from: kube-controller-manager:0, label: POST /api/v1/namespaces/default/pods}}
    pauseAtEnd: true
  - id: quiet
    title: Three again
    narration: >-
      \`kubectl get pods -o wide\` lists three Running pods and the old one Terminating on
      node-2. It stays so until node-2 returns or someone force-deletes it: a node that may
      still be running its containers is never assumed dead.
    startsWhen: {quiescent: true}
    pauseAtEnd: false
until: 420s
`
