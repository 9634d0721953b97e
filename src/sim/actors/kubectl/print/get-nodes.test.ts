import { describe, expect, it } from 'vitest'
import { createdMs, node } from './fixtures.ts'
import { getNodes } from './get-nodes.ts'

const nowMs = createdMs + 60_000

describe('getNodes', () => {
  it('prints Ready, NotReady, Unknown and cordoned nodes with their roles', () => {
    const nodes = [
      node('node-2', '10.0.0.12', { ready: 'False' }),
      node('node-1', '10.0.0.11', { unschedulable: true }),
      node('control-plane', '10.0.0.10', { controlPlane: true }),
      node('node-3', '10.0.0.13', { ready: 'Unknown', unschedulable: true }),
    ]
    expect(getNodes(nodes, { nowMs, wide: false })).toEqual({
      stdout:
        'NAME            STATUS                        ROLES           AGE    VERSION\n' +
        'control-plane   Ready                         control-plane   3h1m   v1.34.0\n' +
        'node-1          Ready,SchedulingDisabled      <none>          3h1m   v1.34.0\n' +
        'node-2          NotReady                      <none>          3h1m   v1.34.0\n' +
        'node-3          NotReady,SchedulingDisabled   <none>          3h1m   v1.34.0\n',
      stderr: '',
    })
  })

  it('reads Unknown when the node has no Ready condition', () => {
    const bare = node('node-1', '10.0.0.11')
    bare.status = { ...(bare.status as object), conditions: [] }
    expect(getNodes([bare], { nowMs, wide: false }).stdout).toContain('node-1   Unknown   <none>')
  })

  it('adds addresses, OS, kernel and runtime with -o wide', () => {
    const bare = node('node-1', '10.0.0.11')
    bare.status = { ...(bare.status as object), nodeInfo: { kubeletVersion: 'v1.34.0' } }
    expect(getNodes([bare], { nowMs, wide: true }).stdout).toBe(
      'NAME     STATUS   ROLES    AGE    VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE    KERNEL-VERSION   CONTAINER-RUNTIME\n' +
        'node-1   Ready    <none>   3h1m   v1.34.0   10.0.0.11     <none>        <unknown>   <unknown>        <unknown>\n',
    )
  })

  it('says "No resources found" for no nodes', () => {
    expect(getNodes([], { nowMs, wide: false })).toEqual({
      stdout: '',
      stderr: 'No resources found\n',
    })
  })
})
