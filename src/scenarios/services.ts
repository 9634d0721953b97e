/** Services and the request path: a Deployment exposed as a NodePort Service, then traffic. */
export const servicesYaml = `# expose a Deployment, watch the EndpointSlice and kube-proxy rules, then send requests through them.
title: Services, kube-proxy and traffic
seed: 7
cluster:
  version: v1.34
  controlPlane: {apiservers: 1, etcd: 1}
  addons: [coredns]
  nodes:
    - {name: node-1, cpu: "4", memory: 8Gi}
    - {name: node-2, cpu: "4", memory: 8Gi}
    - {name: node-3, cpu: "4", memory: 8Gi}
script:
  - {at: 0s, kubectl: "create deployment web --image=nginx:1.27 --replicas=3 --port=80"}
  - {at: 3s, kubectl: "expose deployment web --port=80 --type=NodePort"}
  - {at: 10s, kubectl: "get endpointslices"}
  - {at: 11s, kubectl: "describe service web"}
until: 40s
`
