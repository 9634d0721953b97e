/**
 * Manifests as a learner types them, for tests and benches that go through `kubectl apply -f -`
 * or `create -f -`: the Deployment `web` (label app=web, one nginx container).
 */
export function webDeploymentYaml(replicas: number, image = 'nginx:1.27'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: ${image}
`
}
