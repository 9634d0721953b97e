/**
 * The objects the community ingress-nginx controller's install manifest creates, in its last
 * release, controller v1.14.4 (kubernetes/ingress-nginx deploy/static/provider/baremetal/deploy.yaml,
 * made from the Helm chart with hack/manifest-templates/provider/{baremetal,cloud}/values.yaml):
 * the `ingress-nginx` Namespace, ServiceAccount and ConfigMap, the IngressClass `nginx`
 * (controller `k8s.io/ingress-nginx`), the `ingress-nginx-controller` Deployment (1 replica) and
 * its Service: NodePort on bare metal, LoadBalancer (with `--publish-service`) when the scenario
 * has a cloud. Left out, because nothing here would run them: the RBAC objects (the simulated
 * apiserver's authorizer allows the ServiceAccount as its ClusterRole does), and the validating
 * admission webhook with its Service, Secret and certgen Jobs.
 */
import { applyKindDefaults } from '../k8s/validation/defaults.ts'
import type { KObject } from '../protocol.ts'

export const ingressNamespace = 'ingress-nginx'
export const controllerName = 'ingress-nginx-controller'
/** IngressClass spec.controller of ingress-nginx (--controller-class default). */
export const controllerClass = 'k8s.io/ingress-nginx'
export const ingressClassName = 'nginx'
/** The last release's image (changelog/controller-1.14.4.md); pulled by tag, its digest not pinned. */
export const controllerImage = 'registry.k8s.io/ingress-nginx/controller:v1.14.4'
export const controllerVersion = '1.14.4'

/** The Deployment's selector labels (the chart's selectorLabels). */
export const selectorLabels = {
  'app.kubernetes.io/component': 'controller',
  'app.kubernetes.io/instance': 'ingress-nginx',
  'app.kubernetes.io/name': 'ingress-nginx',
}

/** Labels every object of the manifest carries. */
export const manifestLabels = { ...selectorLabels, 'app.kubernetes.io/part-of': 'ingress-nginx', 'app.kubernetes.io/version': controllerVersion }

export function ingressNamespaceObject(created: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: ingressNamespace, creationTimestamp: created, labels: { 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx', 'kubernetes.io/metadata.name': ingressNamespace } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  }
}

export function ingressServiceAccount(created: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'ingress-nginx', namespace: ingressNamespace, creationTimestamp: created, labels: { ...manifestLabels } },
    automountServiceAccountToken: true,
  }
}

export function ingressConfigMap(created: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: controllerName, namespace: ingressNamespace, creationTimestamp: created, labels: { ...manifestLabels } },
    data: {},
  }
}

export function nginxIngressClass(created: string): KObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: { name: ingressClassName, creationTimestamp: created, generation: 1, labels: { ...manifestLabels } },
    spec: { controller: controllerClass },
  }
}

/**
 * The controller Service. `nodePorts` and `clusterIP` are what the apiserver's allocators would
 * have handed out when the manifest was applied (bootstrap-ingress.ts picks them).
 */
export function controllerService(created: string, cloud: boolean, clusterIP: string, nodePorts: [number, number]): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: controllerName, namespace: ingressNamespace, creationTimestamp: created, labels: { ...manifestLabels } },
    spec: {
      clusterIP,
      clusterIPs: [clusterIP],
      // The cloud manifest keeps client addresses (values.yaml controller.service.externalTrafficPolicy: Local).
      externalTrafficPolicy: cloud ? 'Local' : 'Cluster',
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [
        { appProtocol: 'http', name: 'http', nodePort: nodePorts[0], port: 80, protocol: 'TCP', targetPort: 'http' },
        { appProtocol: 'https', name: 'https', nodePort: nodePorts[1], port: 443, protocol: 'TCP', targetPort: 'https' },
      ],
      selector: { ...selectorLabels },
      sessionAffinity: 'None',
      type: cloud ? 'LoadBalancer' : 'NodePort',
      ...(cloud ? { allocateLoadBalancerNodePorts: true } : {}),
    },
    status: { loadBalancer: {} },
  }
}

/** The controller's command line: bare metal, plus --publish-service with a cloud load balancer. */
export function controllerArgs(cloud: boolean): string[] {
  return [
    '/nginx-ingress-controller',
    ...(cloud ? ['--publish-service=$(POD_NAMESPACE)/ingress-nginx-controller'] : []),
    '--election-id=ingress-nginx-leader',
    `--controller-class=${controllerClass}`,
    `--ingress-class=${ingressClassName}`,
    '--configmap=$(POD_NAMESPACE)/ingress-nginx-controller',
  ]
}

export function controllerDeployment(created: string, cloud: boolean): KObject {
  const d: KObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: controllerName, namespace: ingressNamespace, creationTimestamp: created, generation: 1, labels: { ...manifestLabels } },
    spec: {
      replicas: 1,
      minReadySeconds: 0,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { ...selectorLabels } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      template: {
        metadata: { labels: { ...manifestLabels } },
        spec: {
          containers: [
            {
              name: 'controller',
              image: controllerImage,
              imagePullPolicy: 'IfNotPresent',
              args: controllerArgs(cloud),
              env: [
                { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                { name: 'LD_PRELOAD', value: '/usr/local/lib/libmimalloc.so' },
              ],
              lifecycle: { preStop: { exec: { command: ['/wait-shutdown'] } } },
              // The chart's probes: GET /healthz on 10254, 10 s after start, every 10 s.
              livenessProbe: { httpGet: { path: '/healthz', port: 10254, scheme: 'HTTP' }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 5 },
              readinessProbe: { httpGet: { path: '/healthz', port: 10254, scheme: 'HTTP' }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
              ports: [
                { containerPort: 80, name: 'http', protocol: 'TCP' },
                { containerPort: 443, name: 'https', protocol: 'TCP' },
              ],
              resources: { requests: { cpu: '100m', memory: '90Mi' } },
              securityContext: {
                allowPrivilegeEscalation: false,
                capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
                readOnlyRootFilesystem: false,
                runAsGroup: 82,
                runAsNonRoot: true,
                runAsUser: 101,
                seccompProfile: { type: 'RuntimeDefault' },
              },
            },
          ],
          dnsPolicy: 'ClusterFirst',
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          serviceAccountName: 'ingress-nginx',
          // The chart's controller.terminationGracePeriodSeconds: nginx drains its connections.
          terminationGracePeriodSeconds: 300,
        },
      },
    },
  }
  applyKindDefaults('Deployment', d)
  return d
}
