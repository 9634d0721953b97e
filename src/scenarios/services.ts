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
# To see a pod leave the slice: kubectl annotate pod <name> kube-anatomy.dev/behaviour=readiness=fail
script:
  - at: 0s
    apply: |
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, labels: {app: web}}
      spec:
        replicas: 3
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers:
              - name: nginx
                image: nginx:1.27
                ports: [{containerPort: 80}]
                readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 2}
  - {at: 3s, kubectl: "expose deployment web --port=80 --type=NodePort"}
  - {at: 10s, kubectl: "get endpointslices"}
  - {at: 11s, kubectl: "describe service web"}
until: 120s
`
