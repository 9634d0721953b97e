/** A Deployment, Service and Ingress of class nginx, and a cluster with the add-on, for the ingress tests. */
import { scenario, TestCluster } from '../../testing/test-cluster.ts'

export const webApp = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: "nginx:1.27", ports: [{containerPort: 80}]}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 80}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  ingressClassName: nginx
  rules:
  - host: example.com
    http:
      paths:
      - {path: /testpath, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
`

export function withIngress(cloud = false, seed = 7): TestCluster {
  return new TestCluster(scenario({ seed, cluster: { ...scenario().cluster, cloud, addons: ['coredns', 'ingress-nginx'] } }))
}

