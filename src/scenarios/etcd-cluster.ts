/** A sandbox with etcd as three Raft members and nothing scripted: break members from the Faults menu. */
export const etcdClusterYaml = `# etcd as three members: stop and start them from the Faults menu, type kubectl, watch Raft.
title: An etcd cluster of three
seed: 11
cluster:
  version: v1.34
  controlPlane: {apiservers: 1, etcd: 3}
  addons: []
  nodes:
    - {name: node-1, cpu: "4", memory: 8Gi}
    - {name: node-2, cpu: "4", memory: 8Gi}
script: []
chapters: []
until: 120s
`
