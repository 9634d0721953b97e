import { describe, expect, it } from 'vitest'
import type { KObject } from '../../../protocol.ts'
import {
  crashLoopPod,
  createdMs,
  nginxContainerCreating,
  nginxCreated,
  nginxRunning,
} from './fixtures.ts'
import { getPods } from './get-pods.ts'

const options = {
  nowMs: createdMs + 42_000,
  wide: false,
  allNamespaces: false,
  namespace: 'default',
}

const inNamespace = (pod: KObject, namespace: string): KObject => ({
  ...pod,
  metadata: { ...pod.metadata, namespace },
})

describe('getPods', () => {
  it('prints the bare pod while it is created', () => {
    expect(getPods([nginxContainerCreating], options)).toEqual({
      stdout:
        'NAME    READY   STATUS              RESTARTS   AGE\n' +
        'nginx   0/1     ContainerCreating   0          42s\n',
      stderr: '',
    })
  })

  it('sorts by name as the apiserver lists', () => {
    const { stdout } = getPods([nginxRunning, crashLoopPod], {
      ...options,
      nowMs: createdMs + 90_000,
    })
    expect(stdout).toBe(
      'NAME      READY   STATUS             RESTARTS      AGE\n' +
        'crasher   0/1     CrashLoopBackOff   3 (29s ago)   90s\n' +
        'nginx     1/1     Running            0             90s\n',
    )
  })

  it('adds IP, NODE, NOMINATED NODE and READINESS GATES with -o wide', () => {
    const { stdout } = getPods([nginxCreated, inNamespace(nginxRunning, 'web')], {
      ...options,
      wide: true,
    })
    expect(stdout).toBe(
      'NAME    READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES\n' +
        'nginx   0/1     Pending   0          42s   <none>       <none>   <none>           <none>\n' +
        'nginx   1/1     Running   0          42s   10.244.1.2   node-1   <none>           <none>\n',
    )
  })

  it('puts NAMESPACE first and sorts by namespace with -A', () => {
    const { stdout } = getPods([inNamespace(nginxRunning, 'web'), nginxCreated], {
      ...options,
      allNamespaces: true,
    })
    expect(stdout).toBe(
      'NAMESPACE   NAME    READY   STATUS    RESTARTS   AGE\n' +
        'default     nginx   0/1     Pending   0          42s\n' +
        'web         nginx   1/1     Running   0          42s\n',
    )
  })

  describe('when there are no pods', () => {
    it('names the namespace on stderr', () => {
      expect(getPods([], options)).toEqual({
        stdout: '',
        stderr: 'No resources found in default namespace.\n',
      })
    })

    it('says only "No resources found" with -A', () => {
      expect(getPods([], { ...options, allNamespaces: true })).toEqual({
        stdout: '',
        stderr: 'No resources found\n',
      })
    })
  })
})
