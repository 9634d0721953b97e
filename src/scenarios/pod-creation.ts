/** The default scenario: one pod, followed hop by hop from kubectl to a running container. */
export const podCreationYaml = `# One pod, hop by hop: kubectl -> kube-apiserver -> etcd -> kube-scheduler -> kubelet -> runtime.
title: Pod creation, hop by hop
seed: 42
cluster:
  version: v1.34
  controlPlane: {apiservers: 1, etcd: 1}
  addons: []
  nodes:
    - {name: node-1, cpu: "4", memory: 8Gi}
    - {name: node-2, cpu: "4", memory: 8Gi}
    - {name: node-3, cpu: "4", memory: 8Gi}
script:
  - {at: 0s, kubectl: "run nginx --image=nginx:1.27"}
  - {at: 20s, kubectl: "get pods -o wide"}
  - {at: 21s, kubectl: "describe pod nginx"}
until: 30s
`
