import { describe, expect, it } from 'vitest'
import type { KObject } from '../../../protocol.ts'
import {
  at,
  completedPod,
  crashLoopPod,
  createdMs,
  nginxContainerCreating,
  nginxCreated,
  nginxRunning,
  nginxUnschedulable,
  terminatingPod,
} from './fixtures.ts'
import { podStatus } from './pod-status.ts'

const now = createdMs + 120_000

/** A pod with the given spec and status fields replaced. */
function withPod(base: KObject, spec: object, status: object, metadata: object = {}): KObject {
  return {
    ...base,
    metadata: { ...base.metadata, ...metadata },
    spec: { ...(base.spec as object), ...spec },
    status: { ...(base.status as object), ...status },
  }
}

describe('podStatus', () => {
  describe('when a bare pod moves through its life', () => {
    it('is Pending 0/1 before and after a failed scheduling attempt', () => {
      const pending = { ready: '0/1', status: 'Pending', restarts: '0' }
      expect(podStatus(nginxCreated, now)).toEqual(pending)
      expect(podStatus(nginxUnschedulable, now)).toEqual(pending)
    })

    it('shows the waiting reason while the container is created', () => {
      expect(podStatus(nginxContainerCreating, now)).toEqual({
        ready: '0/1',
        status: 'ContainerCreating',
        restarts: '0',
      })
    })

    it('is Running 1/1 once the container is ready', () => {
      expect(podStatus(nginxRunning, now)).toEqual({
        ready: '1/1',
        status: 'Running',
        restarts: '0',
      })
    })
  })

  it('shows CrashLoopBackOff with the time since the last restart', () => {
    expect(podStatus(crashLoopPod, now)).toEqual({
      ready: '0/1',
      status: 'CrashLoopBackOff',
      restarts: '3 (59s ago)',
    })
  })

  it('shows a plain count when no termination time is known', () => {
    const pod = withPod(
      crashLoopPod,
      {},
      {
        containerStatuses: [
          { name: 'nginx', ready: false, restartCount: 2, image: 'nginx', imageID: '', state: {} },
        ],
      },
    )
    expect(podStatus(pod, now).restarts).toBe('2')
  })

  it('is Terminating while a deleted pod runs out its grace period', () => {
    expect(podStatus(terminatingPod, now).status).toBe('Terminating')
  })

  it('is Completed when the only container exited 0', () => {
    expect(podStatus(completedPod, now)).toEqual({
      ready: '0/1',
      status: 'Completed',
      restarts: '0',
    })
  })

  it('keeps a finished phase rather than Terminating when deleted', () => {
    const pod = withPod(completedPod, {}, {}, { deletionTimestamp: at(200) })
    expect(podStatus(pod, now).status).toBe('Completed')
  })

  describe('when the pod carries a reason', () => {
    it('shows the reason instead of the phase', () => {
      const pod = withPod(nginxCreated, {}, { phase: 'Failed', reason: 'Evicted' })
      expect(podStatus(pod, now).status).toBe('Evicted')
    })

    it('shows NodeLost, or Unknown once the pod is being deleted', () => {
      const lost = withPod(nginxCreated, {}, { phase: 'Running', reason: 'NodeLost' })
      expect(podStatus(lost, now).status).toBe('NodeLost')
      const deleting = withPod(lost, {}, {}, { deletionTimestamp: at(60) })
      expect(podStatus(deleting, now).status).toBe('Unknown')
    })

    it('shows SchedulingGated from the PodScheduled condition', () => {
      const pod = withPod(
        nginxCreated,
        {},
        {
          conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
        },
      )
      expect(podStatus(pod, now).status).toBe('SchedulingGated')
    })
  })

  describe('when a container terminated without a reason', () => {
    it('shows the signal or the exit code', () => {
      const state = (terminated: object) =>
        withPod(
          nginxRunning,
          {},
          {
            containerStatuses: [
              { name: 'nginx', ready: false, restartCount: 0, state: { terminated } },
            ],
          },
        )
      expect(podStatus(state({ exitCode: 137, signal: 9 }), now).status).toBe('Signal:9')
      expect(podStatus(state({ exitCode: 2 }), now).status).toBe('ExitCode:2')
    })
  })

  describe('with init containers', () => {
    const initSpec = {
      initContainers: [
        { name: 'migrate', image: 'busybox' },
        { name: 'warm', image: 'busybox' },
      ],
    }
    const waiting = { waiting: { reason: 'PodInitializing' } }
    const initializing = {
      conditions: [
        { type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized' },
        { type: 'PodScheduled', status: 'True' },
      ],
      containerStatuses: [{ name: 'nginx', ready: false, restartCount: 0, state: waiting }],
    }

    it('counts finished init containers as Init:x/y', () => {
      const pod = withPod(nginxContainerCreating, initSpec, {
        ...initializing,
        initContainerStatuses: [
          { name: 'migrate', ready: true, restartCount: 0, state: { terminated: { exitCode: 0 } } },
          { name: 'warm', ready: false, restartCount: 0, state: { running: { startedAt: at(3) } } },
        ],
      })
      expect(podStatus(pod, now)).toEqual({ ready: '0/1', status: 'Init:1/2', restarts: '0' })
    })

    it('shows a failing init container as Init:<reason>', () => {
      const pod = withPod(nginxContainerCreating, initSpec, {
        ...initializing,
        initContainerStatuses: [
          {
            name: 'migrate',
            ready: false,
            restartCount: 4,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1, finishedAt: at(100) } },
          },
          { name: 'warm', ready: false, restartCount: 0, state: waiting },
        ],
      })
      expect(podStatus(pod, now)).toEqual({
        ready: '0/1',
        status: 'Init:CrashLoopBackOff',
        restarts: '4 (20s ago)',
      })
    })

    it('counts a started sidecar as a container', () => {
      const pod = withPod(
        nginxRunning,
        { initContainers: [{ name: 'proxy', image: 'envoy', restartPolicy: 'Always' }] },
        {
          initContainerStatuses: [
            {
              name: 'proxy',
              ready: true,
              started: true,
              restartCount: 0,
              state: { running: { startedAt: at(2) } },
            },
          ],
        },
      )
      expect(podStatus(pod, now)).toEqual({ ready: '2/2', status: 'Running', restarts: '0' })
    })
  })
})
