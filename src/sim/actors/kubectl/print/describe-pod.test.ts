import { describe, expect, it } from 'vitest'
import type { KObject } from '../../../protocol.ts'
import { describePod } from './describe-pod.ts'
import {
  at,
  crashLoopPod,
  createdMs,
  failedSchedulingEvent,
  nginxContainerCreating,
  nginxEvents,
  nginxRunning,
  nginxUnschedulable,
  terminatingPod,
} from './fixtures.ts'

const nowMs = createdMs + 30_000

/** Lines joined with newlines, so trailing spaces stay visible in the expectation. */
const text = (...lines: string[]): string => lines.map((l) => `${l}\n`).join('')

const tail = text(
  'Volumes:',
  '  kube-api-access-7qzxk:',
  '    Type:                    Projected (a volume that contains injected data from multiple sources)',
  '    TokenExpirationSeconds:  3607',
  '    ConfigMapName:           kube-root-ca.crt',
  '    Optional:                false',
  '    DownwardAPI:             true',
  'QoS Class:                   BestEffort',
  'Node-Selectors:              <none>',
  'Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
  '                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
)

describe('describePod', () => {
  it('prints the running nginx pod with its five events, line for line', () => {
    expect(describePod(nginxRunning, nginxEvents, { nowMs })).toBe(
      text(
        'Name:             nginx',
        'Namespace:        default',
        'Priority:         0',
        'Service Account:  default',
        'Node:             node-1/10.0.0.11',
        'Start Time:       Sun, 01 Jun 2025 12:00:01 +0000',
        'Labels:           run=nginx',
        'Annotations:      <none>',
        'Status:           Running',
        'IP:               10.244.1.2',
        'IPs:',
        '  IP:  10.244.1.2',
        'Containers:',
        '  nginx:',
        '    Container ID:   containerd://4f9c1b2a7d3e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8',
        '    Image:          nginx:1.27',
        '    Image ID:       docker.io/library/nginx@sha256:2d194184b067db3598771b4cf326cfe6ad5051937ba1132b8b7d4b0184e0d0a6',
        '    Port:           <none>',
        '    Host Port:      <none>',
        '    State:          Running',
        '      Started:      Sun, 01 Jun 2025 12:00:08 +0000',
        '    Ready:          True',
        '    Restart Count:  0',
        '    Environment:    <none>',
        '    Mounts:',
        '      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-7qzxk (ro)',
        'Conditions:',
        '  Type                        Status',
        '  PodReadyToStartContainers   True ',
        '  Initialized                 True ',
        '  Ready                       True ',
        '  ContainersReady             True ',
        '  PodScheduled                True ',
      ) +
        tail +
        text(
          'Events:',
          '  Type    Reason     Age   From               Message',
          '  ----    ------     ----  ----               -------',
          '  Normal  Scheduled  29s   default-scheduler  Successfully assigned default/nginx to node-1',
          '  Normal  Pulling    29s   kubelet            Pulling image "nginx:1.27"',
          '  Normal  Pulled     22s   kubelet            Successfully pulled image "nginx:1.27" in 7.264s (7.264s including waiting). Image size: 68857691 bytes.',
          '  Normal  Created    22s   kubelet            Created container: nginx',
          '  Normal  Started    22s   kubelet            Started container nginx',
        ),
    )
  })

  it('prints an unscheduled pod without node, start time or container status', () => {
    expect(describePod(nginxUnschedulable, [failedSchedulingEvent], { nowMs })).toBe(
      text(
        'Name:             nginx',
        'Namespace:        default',
        'Priority:         0',
        'Service Account:  default',
        'Node:             <none>',
        'Labels:           run=nginx',
        'Annotations:      <none>',
        'Status:           Pending',
        'IP:               ',
        'IPs:              <none>',
        'Containers:',
        '  nginx:',
        '    Image:        nginx:1.27',
        '    Port:         <none>',
        '    Host Port:    <none>',
        '    Environment:  <none>',
        '    Mounts:',
        '      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-7qzxk (ro)',
        'Conditions:',
        '  Type           Status',
        '  PodScheduled   False ',
      ) +
        tail +
        text(
          'Events:',
          '  Type     Reason            Age   From               Message',
          '  ----     ------            ----  ----               -------',
          '  Warning  FailedScheduling  29s   default-scheduler  0/1 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
        ),
    )
  })

  it('prints a waiting container and aligns "Events: <none>" with the block above', () => {
    const out = describePod(nginxContainerCreating, [], { nowMs })
    expect(out).toContain(
      text(
        '    Container ID:   ',
        '    Image:          nginx:1.27',
        '    Image ID:       ',
        '    Port:           <none>',
        '    Host Port:      <none>',
        '    State:          Waiting',
        '      Reason:       ContainerCreating',
        '    Ready:          False',
        '    Restart Count:  0',
      ),
    )
    expect(out.endsWith(`${tail}Events:                      <none>\n`)).toBe(true)
  })

  it('shows a terminating pod as "lasts <invalid>" while the grace period runs', () => {
    const out = describePod(terminatingPod, [], { nowMs: createdMs + 120_000 })
    expect(out).toContain(
      text(
        'Status:                    Terminating (lasts <invalid>)',
        'Termination Grace Period:  30s',
        'IP:                        10.244.1.2',
      ),
    )
  })

  it('shows the last termination of a crashing container', () => {
    const out = describePod(crashLoopPod, [], { nowMs: createdMs + 120_000 })
    expect(out).toContain(
      text(
        '    State:          Waiting',
        '      Reason:       CrashLoopBackOff',
        '    Last State:     Terminated',
        '      Reason:       Error',
        '      Exit Code:    1',
        '      Started:      Sun, 01 Jun 2025 12:01:00 +0000',
        '      Finished:     Sun, 01 Jun 2025 12:01:01 +0000',
        '    Ready:          False',
        '    Restart Count:  3',
      ),
    )
  })

  describe('events', () => {
    const backOff = (overrides: object): KObject => ({
      ...nginxEvents[1]!,
      type: 'Warning',
      reason: 'BackOff',
      message: 'Back-off restarting failed container nginx in pod nginx_default(uid)',
      ...overrides,
    })

    it('shows a repeated event as "<last> (xN over <first>)"', () => {
      const event = backOff({ count: 3, firstTimestamp: at(0), lastTimestamp: at(297) })
      const out = describePod(nginxRunning, [event], { nowMs: createdMs + 300_000 })
      expect(out).toContain('  Warning  BackOff  3s (x3 over 5m)  kubelet  Back-off restarting')
    })

    it('reads an events.k8s.io series from its last observed time', () => {
      const event = {
        ...nginxEvents[0]!,
        series: { count: 4, lastObservedTime: '2025-06-01T12:04:50.000000Z' },
      }
      const out = describePod(nginxRunning, [event], { nowMs: createdMs + 300_000 })
      expect(out).toContain('Scheduled  10s (x4 over 4m59s)  default-scheduler')
    })

    it('orders events by time and ignores other objects', () => {
      const other = {
        ...nginxEvents[2]!,
        involvedObject: { kind: 'Pod', namespace: 'default', name: 'web', uid: 'other' },
      }
      const stale = {
        ...nginxEvents[3]!,
        involvedObject: { ...(nginxEvents[3]!.involvedObject as object), uid: 'old' },
      }
      const out = describePod(nginxRunning, [nginxEvents[4]!, other, stale, nginxEvents[0]!], {
        nowMs,
      })
      const reasons = out
        .split('Events:\n')[1]!
        .split('\n')
        .slice(2, -1)
        .map((l) => l.split(/\s+/)[2])
      expect(reasons).toEqual(['Scheduled', 'Started'])
    })
  })

  describe('when the spec has more to show', () => {
    const rich: KObject = {
      ...nginxRunning,
      metadata: {
        ...nginxRunning.metadata,
        name: 'web-7d4b9c8f6d-x2x9q',
        labels: { app: 'web', 'pod-template-hash': '7d4b9c8f6d' },
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"v1"}\n',
          'example.com/owner': 'team-a',
        },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: 'web-7d4b9c8f6d',
            uid: 'rs',
            controller: true,
          },
        ],
      },
      spec: {
        ...(nginxRunning.spec as object),
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27',
            ports: [{ containerPort: 80, protocol: 'TCP' }],
            resources: {
              limits: { memory: '128Mi', cpu: '500m' },
              requests: { cpu: '250m', memory: '64Mi' },
            },
            readinessProbe: {
              httpGet: { path: '/', port: 80, scheme: 'HTTP' },
              timeoutSeconds: 1,
              periodSeconds: 10,
              successThreshold: 1,
              failureThreshold: 3,
            },
            env: [
              { name: 'MODE', value: 'prod' },
              {
                name: 'POD_NAME',
                valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } },
              },
            ],
            volumeMounts: [
              {
                name: 'kube-api-access-7qzxk',
                readOnly: true,
                mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
              },
            ],
          },
        ],
      },
      status: { ...(nginxRunning.status as object), containerStatuses: [], qosClass: 'Burstable' },
    }
    const out = describePod(rich, [], { nowMs })

    it('lists labels one per line and skips last-applied-configuration', () => {
      expect(out).toContain(
        text(
          'Labels:           app=web',
          '                  pod-template-hash=7d4b9c8f6d',
          'Annotations:      example.com/owner: team-a',
        ),
      )
    })

    it('names the controller', () => {
      expect(out).toContain('Controlled By:  ReplicaSet/web-7d4b9c8f6d\n')
    })

    it('shows ports, resources, probes and environment', () => {
      expect(out).toContain(
        text(
          '  web:',
          '    Image:      nginx:1.27',
          '    Port:       80/TCP',
          '    Host Port:  0/TCP',
          '    Limits:',
          '      cpu:     500m',
          '      memory:  128Mi',
          '    Requests:',
          '      cpu:      250m',
          '      memory:   64Mi',
          '    Readiness:  http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3',
          '    Environment:',
          '      MODE:      prod',
          '      POD_NAME:  web-7d4b9c8f6d-x2x9q (v1:metadata.name)',
          '    Mounts:',
        ),
      )
    })

    it('shows the stored QoS class and node selector', () => {
      expect(out).toContain(
        'QoS Class:                   Burstable\nNode-Selectors:              kubernetes.io/os=linux\n',
      )
    })
  })
})
