/**
 * Realistic objects for the print tests, shaped as a v1.34 apiserver stores them after admission
 * and defaulting. The actor engineers can read these to see exactly what the printers expect:
 * plain JSON, RFC 3339 times (MicroTime with microseconds for events.k8s.io events).
 */
import type { KObject } from '../../../protocol.ts'

export const podUid = '5c3e8a7e-2f4b-4d1a-9c6e-8b1f0d2a7e41'
export const tokenVolume = 'kube-api-access-7qzxk'

/** 2025-06-01T12:00:00Z, when `kubectl run nginx --image=nginx:1.27` created the pod. */
export const createdMs = Date.UTC(2025, 5, 1, 12, 0, 0)
export const at = (seconds: number): string =>
  new Date(createdMs + seconds * 1000).toISOString().replace('.000Z', 'Z')

const defaultTolerations = [
  {
    key: 'node.kubernetes.io/not-ready',
    operator: 'Exists',
    effect: 'NoExecute',
    tolerationSeconds: 300,
  },
  {
    key: 'node.kubernetes.io/unreachable',
    operator: 'Exists',
    effect: 'NoExecute',
    tolerationSeconds: 300,
  },
]

const serviceAccountMount = {
  name: tokenVolume,
  readOnly: true,
  mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
}

/** `kubectl run nginx --image=nginx:1.27` just after admission: Pending, not yet scheduled. */
export const nginxCreated: KObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'nginx',
    namespace: 'default',
    uid: podUid,
    resourceVersion: '1201',
    generation: 1,
    creationTimestamp: at(0),
    labels: { run: 'nginx' },
  },
  spec: {
    volumes: [
      {
        name: tokenVolume,
        projected: {
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            {
              downwardAPI: {
                items: [
                  {
                    path: 'namespace',
                    fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' },
                  },
                ],
              },
            },
          ],
          defaultMode: 420,
        },
      },
    ],
    containers: [
      {
        name: 'nginx',
        image: 'nginx:1.27',
        resources: {},
        volumeMounts: [serviceAccountMount],
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
        imagePullPolicy: 'IfNotPresent',
      },
    ],
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    serviceAccountName: 'default',
    serviceAccount: 'default',
    securityContext: {},
    schedulerName: 'default-scheduler',
    tolerations: defaultTolerations,
    priority: 0,
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
  },
  status: { phase: 'Pending', qosClass: 'BestEffort' },
}

type Json = Record<string, unknown>
const spec = (p: KObject): Json => p.spec as Json
const status = (p: KObject): Json => p.status as Json

/** The scheduler found no node: PodScheduled False / Unschedulable. */
export const nginxUnschedulable: KObject = {
  ...nginxCreated,
  metadata: { ...nginxCreated.metadata, resourceVersion: '1203' },
  status: {
    ...status(nginxCreated),
    conditions: [
      {
        type: 'PodScheduled',
        status: 'False',
        lastProbeTime: null,
        lastTransitionTime: at(0),
        reason: 'Unschedulable',
        message:
          '0/1 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
      },
    ],
  },
}

/** Bound to node-1; the kubelet's first status: sandbox not ready, container creating. */
export const nginxContainerCreating: KObject = {
  ...nginxCreated,
  metadata: { ...nginxCreated.metadata, resourceVersion: '1207' },
  spec: { ...spec(nginxCreated), nodeName: 'node-1' },
  status: {
    phase: 'Pending',
    conditions: [
      {
        type: 'PodReadyToStartContainers',
        status: 'False',
        lastProbeTime: null,
        lastTransitionTime: at(1),
      },
      { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: at(1) },
      {
        type: 'Ready',
        status: 'False',
        lastProbeTime: null,
        lastTransitionTime: at(1),
        reason: 'ContainersNotReady',
        message: 'containers with unready status: [nginx]',
      },
      {
        type: 'ContainersReady',
        status: 'False',
        lastProbeTime: null,
        lastTransitionTime: at(1),
        reason: 'ContainersNotReady',
        message: 'containers with unready status: [nginx]',
      },
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: at(0) },
    ],
    hostIP: '10.0.0.11',
    hostIPs: [{ ip: '10.0.0.11' }],
    startTime: at(1),
    containerStatuses: [
      {
        name: 'nginx',
        state: { waiting: { reason: 'ContainerCreating' } },
        lastState: {},
        ready: false,
        restartCount: 0,
        image: 'nginx:1.27',
        imageID: '',
        started: false,
        volumeMounts: [{ ...serviceAccountMount, recursiveReadOnly: 'Disabled' }],
      },
    ],
    qosClass: 'BestEffort',
  },
}

export const containerId =
  'containerd://4f9c1b2a7d3e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8'
export const imageId =
  'docker.io/library/nginx@sha256:2d194184b067db3598771b4cf326cfe6ad5051937ba1132b8b7d4b0184e0d0a6'

/** Running and Ready on node-1 with pod IP 10.244.1.2, 8s after creation. */
export const nginxRunning: KObject = {
  ...nginxContainerCreating,
  metadata: { ...nginxCreated.metadata, resourceVersion: '1215' },
  status: {
    phase: 'Running',
    conditions: [
      {
        type: 'PodReadyToStartContainers',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: at(2),
      },
      { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: at(1) },
      { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: at(8) },
      { type: 'ContainersReady', status: 'True', lastProbeTime: null, lastTransitionTime: at(8) },
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: at(0) },
    ],
    hostIP: '10.0.0.11',
    hostIPs: [{ ip: '10.0.0.11' }],
    podIP: '10.244.1.2',
    podIPs: [{ ip: '10.244.1.2' }],
    startTime: at(1),
    containerStatuses: [
      {
        name: 'nginx',
        state: { running: { startedAt: at(8) } },
        lastState: {},
        ready: true,
        restartCount: 0,
        image: 'docker.io/library/nginx:1.27',
        imageID: imageId,
        containerID: containerId,
        started: true,
        volumeMounts: [{ ...serviceAccountMount, recursiveReadOnly: 'Disabled' }],
      },
    ],
    qosClass: 'BestEffort',
  },
}

const kubeletEvent = (
  suffix: string,
  reason: string,
  message: string,
  second: number,
): KObject => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: {
    name: `nginx.184a6f2c9e0${suffix}`,
    namespace: 'default',
    uid: `0b7d3c1e-9a4f-4e2b-8c6d-1f0e2d3c4b${suffix}`,
    resourceVersion: String(1210 + second),
    creationTimestamp: at(second),
  },
  involvedObject: {
    kind: 'Pod',
    namespace: 'default',
    name: 'nginx',
    uid: podUid,
    apiVersion: 'v1',
    resourceVersion: '1206',
    fieldPath: 'spec.containers{nginx}',
  },
  reason,
  message,
  source: { component: 'kubelet', host: 'node-1' },
  firstTimestamp: at(second),
  lastTimestamp: at(second),
  count: 1,
  type: 'Normal',
  eventTime: null,
  reportingComponent: 'kubelet',
  reportingInstance: 'node-1',
})

/** The scheduler records through events.k8s.io/v1: eventTime set, no source, no timestamps. */
export const scheduledEvent: KObject = {
  apiVersion: 'v1',
  kind: 'Event',
  metadata: {
    name: 'nginx.184a6f2c9c1d4b21',
    namespace: 'default',
    uid: '6e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b',
    resourceVersion: '1205',
    creationTimestamp: at(0),
  },
  involvedObject: {
    kind: 'Pod',
    namespace: 'default',
    name: 'nginx',
    uid: podUid,
    apiVersion: 'v1',
    resourceVersion: '1201',
  },
  reason: 'Scheduled',
  message: 'Successfully assigned default/nginx to node-1',
  source: {},
  firstTimestamp: null,
  lastTimestamp: null,
  type: 'Normal',
  eventTime: '2025-06-01T12:00:00.183412Z',
  action: 'Binding',
  reportingComponent: 'default-scheduler',
  reportingInstance: 'default-scheduler-control-plane',
}

/** Everything a `kubectl run nginx --image=nginx:1.27` records, in the order it was recorded. */
export const nginxEvents: KObject[] = [
  scheduledEvent,
  kubeletEvent('a1', 'Pulling', 'Pulling image "nginx:1.27"', 1),
  kubeletEvent(
    'b2',
    'Pulled',
    'Successfully pulled image "nginx:1.27" in 7.264s (7.264s including waiting). Image size: 68857691 bytes.',
    8,
  ),
  kubeletEvent('c3', 'Created', 'Created container: nginx', 8),
  kubeletEvent('d4', 'Started', 'Started container nginx', 8),
]

/** The unschedulable pod's one event (scheduler, events.k8s.io). */
export const failedSchedulingEvent: KObject = {
  ...scheduledEvent,
  metadata: { ...scheduledEvent.metadata, name: 'nginx.184a6f2c9c1d0001' },
  type: 'Warning',
  reason: 'FailedScheduling',
  message: (status(nginxUnschedulable).conditions as Json[])[0]!.message,
  action: 'Scheduling',
}

/** A crashing container on its third restart, waiting out a 40s back-off. */
export const crashLoopPod: KObject = {
  ...nginxRunning,
  metadata: { ...nginxCreated.metadata, name: 'crasher', labels: { run: 'crasher' } },
  status: {
    ...status(nginxRunning),
    conditions: (status(nginxRunning).conditions as Json[]).map((c) =>
      c.type === 'Ready' || c.type === 'ContainersReady'
        ? {
            ...c,
            status: 'False',
            reason: 'ContainersNotReady',
            message: 'containers with unready status: [nginx]',
          }
        : c,
    ),
    containerStatuses: [
      {
        name: 'nginx',
        state: {
          waiting: {
            reason: 'CrashLoopBackOff',
            message: `back-off 40s restarting failed container=nginx pod=crasher_default(${podUid})`,
          },
        },
        lastState: {
          terminated: {
            exitCode: 1,
            reason: 'Error',
            startedAt: at(60),
            finishedAt: at(61),
            containerID: containerId,
          },
        },
        ready: false,
        restartCount: 3,
        image: 'docker.io/library/nginx:1.27',
        imageID: imageId,
        containerID: containerId,
        started: false,
      },
    ],
  },
}

/** `kubectl delete pod nginx` a moment ago: deletionTimestamp = now + 30s grace. */
export const terminatingPod: KObject = {
  ...nginxRunning,
  metadata: {
    ...nginxRunning.metadata,
    deletionTimestamp: at(130),
    deletionGracePeriodSeconds: 30,
  },
}

/** A run-to-completion pod (restartPolicy Never) whose container exited 0. */
export const completedPod: KObject = {
  ...nginxRunning,
  metadata: { ...nginxCreated.metadata, name: 'once', labels: { run: 'once' } },
  spec: { ...spec(nginxRunning), restartPolicy: 'Never' },
  status: {
    ...status(nginxRunning),
    phase: 'Succeeded',
    conditions: [
      {
        type: 'PodReadyToStartContainers',
        status: 'False',
        lastProbeTime: null,
        lastTransitionTime: at(12),
      },
      {
        type: 'Initialized',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: at(1),
        reason: 'PodCompleted',
      },
      {
        type: 'Ready',
        status: 'False',
        lastProbeTime: null,
        lastTransitionTime: at(11),
        reason: 'PodCompleted',
      },
      {
        type: 'ContainersReady',
        status: 'False',
        lastProbeTime: null,
        lastTransitionTime: at(11),
        reason: 'PodCompleted',
      },
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: at(0) },
    ],
    containerStatuses: [
      {
        name: 'nginx',
        state: {
          terminated: {
            exitCode: 0,
            reason: 'Completed',
            startedAt: at(8),
            finishedAt: at(11),
            containerID: containerId,
          },
        },
        lastState: {},
        ready: false,
        restartCount: 0,
        image: 'docker.io/library/nginx:1.27',
        imageID: imageId,
        containerID: containerId,
        started: false,
      },
    ],
  },
}

/** A kubeadm-style node as the kubelet registered it, with its Ready condition. */
export function node(
  name: string,
  ip: string,
  options: {
    ready?: 'True' | 'False' | 'Unknown'
    controlPlane?: boolean
    unschedulable?: boolean
  } = {},
): KObject {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
  }
  if (options.controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = ''
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = ''
  }
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      uid: `node-uid-${name}`,
      resourceVersion: '400',
      creationTimestamp: at(-3 * 3600),
      labels,
    },
    spec: {
      podCIDR: '10.244.1.0/24',
      podCIDRs: ['10.244.1.0/24'],
      ...(options.unschedulable ? { unschedulable: true } : {}),
    },
    status: {
      conditions: [
        { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory' },
        { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure' },
        { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID' },
        {
          type: 'Ready',
          status: options.ready ?? 'True',
          reason:
            options.ready === 'Unknown'
              ? 'NodeStatusUnknown'
              : options.ready === 'False'
                ? 'KubeletNotReady'
                : 'KubeletReady',
        },
      ],
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
      ],
      nodeInfo: {
        kubeletVersion: 'v1.34.0',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        kernelVersion: '6.8.0-1015-gcp',
        containerRuntimeVersion: 'containerd://2.1.3',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  }
}
