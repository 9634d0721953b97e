import { describe, expect, it } from 'vitest'
import type { KObject, KubectlResult } from '../../../sim/protocol.ts'
import { indexByName } from './object-refs.ts'
import { consoleParts } from './parts.ts'
import { consoleText } from './transcript.ts'

const obj = (kind: string, name: string, namespace?: string): KObject =>
  ({ apiVersion: 'v1', kind, metadata: { name, ...(namespace ? { namespace } : {}) } }) as KObject

const objects: Record<string, KObject> = {
  '/registry/pods/default/web': obj('Pod', 'web', 'default'),
  '/registry/pods/team/web': obj('Pod', 'web', 'team'),
  '/registry/deployments/default/web': obj('Deployment', 'web', 'default'),
  '/registry/services/specs/default/web': obj('Service', 'web', 'default'),
  '/registry/minions/node-1': obj('Node', 'node-1'),
}

const result = (line: string, stdout: string, extra: Partial<KubectlResult> = {}): KubectlResult => ({
  atMs: 0,
  doneAtMs: 1,
  line,
  exitCode: 0,
  stdout,
  stderr: '',
  ...extra,
})

const warned = 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n'

describe('consoleParts', () => {
  const results = [
    result('get pods', 'NAME   READY   STATUS    RESTARTS   AGE\nweb    1/1     Running   0          5s\ngone   1/1     Running   0          5s\n'),
    result('get pods -n team', 'NAME   READY   STATUS    RESTARTS   AGE\nweb    1/1     Running   0          5s\n'),
    result('get nodes -n team', 'NAME     STATUS   ROLES    AGE   VERSION\nnode-1   Ready    <none>   5s    v1.34.0\n'),
    result('apply -f -', 'deployment.apps/web created\nservice/web created\n'),
    result('get pods -w', 'NAME   READY\nweb    1/1\n', { exitCode: 130 }),
    result('get pod nope', '', { exitCode: 1, stderr: 'Error from server (NotFound): pods "nope" not found\n' }),
    result('get svc web nope', 'NAME   TYPE\nweb    ClusterIP\n', { exitCode: 1, stderr: `${warned}Error from server (NotFound): services "nope" not found\n`, warnings: warned }),
  ]
  const streams = [{ atMs: 2, line: 'get deploy -w', stdout: 'NAME   READY\nweb    1/1\n', warnings: warned, requestId: 'ui:9' }]
  const pending = ['ui:9\u0000get deploy -w', 'ui:10\u0000get nodes']

  it('joined, the parts are the console text byte for byte', () => {
    const parts = consoleParts(results, streams, pending, indexByName(objects))
    expect(parts.map((p) => p.text).join('')).toBe(consoleText(results, streams, pending))
  })

  it('each stored object a line names opens its own key; a name with no object stays text', () => {
    const parts = consoleParts(results, streams, pending, indexByName(objects))
    expect(parts.filter((p) => p.objectKey).map((p) => `${p.text} ${p.objectKey}`)).toEqual([
      'web /registry/pods/default/web',
      'web /registry/pods/team/web',
      'node-1 /registry/minions/node-1',
      'deployment.apps/web /registry/deployments/default/web',
      'service/web /registry/services/specs/default/web',
      'web /registry/pods/default/web',
      'web /registry/services/specs/default/web',
      'web /registry/deployments/default/web',
    ])
    expect(parts.some((p) => p.text.includes('gone') && !p.objectKey)).toBe(true)
  })
})
