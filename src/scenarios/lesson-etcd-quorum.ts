/** Lesson: etcd as three Raft members — replication, a leader lost and re-elected, quorum lost and regained. */
export const lessonEtcdQuorumYaml = `# etcd as a cluster of three: a leader lost, then the quorum lost, then both regained.
title: Losing etcd quorum
seed: 42
cluster:
  version: v1.34
  controlPlane: {apiservers: 1, etcd: 3}
  addons: []
  nodes:
    - {name: node-1, cpu: "4", memory: 8Gi}
    - {name: node-2, cpu: "4", memory: 8Gi}
script:
  - {at: 1s, kubectl: "run web --image=nginx:1.27"}
  - {at: 6s, fault: {kind: stop-etcd-member, member: 0}}
  - {at: 10s, kubectl: "run second --image=nginx:1.27"}
  - {at: 16s, fault: {kind: stop-etcd-member, member: 1}}
  - {at: 20s, kubectl: "run third --image=nginx:1.27"}
  - {at: 30s, fault: {kind: start-etcd-member, member: 0}}
  - {at: 34s, kubectl: "get pods"}
  - {at: 38s, fault: {kind: start-etcd-member, member: 1}}
  - {at: 50s, kubectl: "get leases -n kube-system"}
chapters:
  - id: three-members
    title: Three members, one leader
    narration: >-
      etcd here is three members, as in a highly available control plane. They agree on every
      write with Raft. One member leads, \`etcd-0\` at the start (its role and term are written
      under its name). Every 100 ms the leader sends each follower a \`MsgHeartbeat\` (the faint
      tokens between the members).
    startsWhen: {atTime: 0s}
    pauseAtEnd: true
  - id: replicated
    title: A write is replicated before it is committed
    narration: >-
      \`kubectl run web\` becomes a Txn on one member: the API server's etcd client takes the
      members in turn. If that member is a follower, it forwards the write to the leader
      (\`MsgProp\`). The leader appends
      it to its log and sends \`MsgApp\` to both followers. When one of them has it, 2 of 3
      members hold it, a quorum: it is committed. Only then is it applied, and only then does
      the API server get its answer.
    startsWhen: {afterFlow: {kind: etcd.txn, label: pods/default/web}}
    pauseAtEnd: true
  - id: leader-lost
    title: The leader stops
    narration: >-
      At 6 s \`etcd-0\` stops. Its heartbeats stop too. Each follower waits for its election
      timeout, 1 s plus a random part of up to 0.9 s, so that they do not both start at once.
    startsWhen: {atTime: 6s}
    pauseAtEnd: true
  - id: election
    title: An election
    narration: >-
      The first follower to time out asks for a pre-vote (\`MsgPreVote\`): would the others
      vote for it? The other one has not heard from the leader either, so it says yes. Then
      the real \`MsgVote\` for the next term. With its own vote and one more, 2 of 3, it
      becomes the leader. The write of \`second\` works: two members are a quorum.
    startsWhen: {afterFlow: {kind: raft.vote, label: MsgVote term}}
    pauseAtEnd: true
  - id: quorum-lost
    title: Two of three down
    narration: >-
      At 16 s \`etcd-1\` stops as well. One member is left, and one of three is no quorum.
      If it was the leader, it steps down once it has heard from no follower for an election
      timeout (CheckQuorum). No write can be committed now, and no read can be confirmed.
    startsWhen: {atTime: 16s}
    pauseAtEnd: true
  - id: timed-out
    title: etcdserver request timed out
    narration: >-
      \`kubectl run third\` waits. etcd gives a request 7 s (5 s plus two election
      timeouts), then answers \`etcdserver: request timed out\`. The API server returns that
      text with a 500, and kubectl prints \`Error from server: etcdserver: request timed
      out\`. The kubelets' lease renewals fail the same way. The running pods do not care:
      their containers run on.
    startsWhen: {afterFlow: {kind: etcd.response, label: timed out}}
    pauseAtEnd: true
  - id: leases-lost
    title: The scheduler and the controller manager restart
    narration: >-
      kube-scheduler and kube-controller-manager hold Leases in kube-system and renew them
      every 2 s through the API server; those renewals hang too. A leader that has not
      renewed within 10 s (renewDeadline) gives up (\`leaderelection lost\`) and its process
      exits. The kubelet starts the static pod again a second later: a new process with a new
      identity. kube-scheduler LISTs what it watches at once: the API server answers those
      LISTs (\`resourceVersion=0\`) from its watch cache, without etcd. Neither may work
      before it leads again.
    startsWhen: {afterFlow: {kind: apiserver.list, from: kube-scheduler:0}}
    pauseAtEnd: true
  - id: quorum-back
    title: Quorum regained
    narration: >-
      At 30 s \`etcd-0\` starts again with its data and its log on disk. Two members can hold
      an election, and the member with the more complete log wins. The new leader sends the
      other its missing entries; \`kubectl get pods\` works again. \`third\` was never stored.
    startsWhen: {afterFlow: {kind: apiserver.list, from: kubectl}}
    pauseAtEnd: true
  - id: all-back
    title: All three again
    narration: >-
      At 38 s \`etcd-1\` returns as a follower and catches up from the leader's \`MsgApp\`.
      With three members the cluster can again lose any one of them.
    startsWhen: {atTime: 38s}
    pauseAtEnd: true
  - id: new-leaders
    title: New leaders, 15 s later
    narration: >-
      Once etcd answered, each new process read its Lease: it still named the old process.
      client-go takes a Lease only after its record has stayed the same for 15 s
      (leaseDurationSeconds), counted on the reader's own clock. Then it writes its own
      identity with \`leaseTransitions: 1\` and records an Event, \`became leader\`. Only now do
      pods get scheduled and controllers run again. \`kubectl get leases -n kube-system\`
      shows the new holders.
    startsWhen: {afterFlow: {kind: apiserver.create, from: kube-scheduler:0, label: namespaces/kube-system/events}}
    pauseAtEnd: false
until: 55s
`
