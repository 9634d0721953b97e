import { describe, expect, it } from 'vitest'
import { nameSpans } from './name-spans.ts'

/** The spans as `type ns/name`, checking each covers exactly the printed cell. */
function names(line: string, stdout: string): string[] {
  return nameSpans(line, stdout).map((s) => {
    const printed = stdout.slice(s.start, s.end)
    expect(printed === s.name || printed === `${s.type}/${s.name}`).toBe(true)
    return `${s.type} ${s.namespace}/${s.name}`
  })
}

// Outputs as the engine's kubectl prints them (k8s.io/kubectl printers).
const pods = 'NAME                   READY   STATUS    RESTARTS   AGE\nweb-5c94f75b5d-8wrb7   1/1     Running   0          20s\nweb-5c94f75b5d-gnwl5   1/1     Running   0          20s\n'
const podsA = 'NAMESPACE     NAME                   READY   STATUS    RESTARTS   AGE\ndefault       web-5c94f75b5d-8wrb7   1/1     Running   0          20s\nkube-system   coredns-6f6b679f8f-abcde   1/1     Running   0          20s\n'
const all =
  'NAME                       READY   STATUS    RESTARTS   AGE\npod/web-5c94f75b5d-8wrb7   1/1     Running   0          20s\n\n' +
  'NAME                 TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)   AGE\nservice/kubernetes   ClusterIP   10.96.0.1      <none>        443/TCP   20s\n\n' +
  'NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\ndeployment.apps/web   2/2     2            2           20s\n'

describe('nameSpans', () => {
  it('a one-type table: the NAME column, in the default namespace or -n', () => {
    expect(names('get pods', pods)).toEqual(['pods default/web-5c94f75b5d-8wrb7', 'pods default/web-5c94f75b5d-gnwl5'])
    expect(names('kubectl get po -n team -o wide', pods)).toEqual(['po team/web-5c94f75b5d-8wrb7', 'po team/web-5c94f75b5d-gnwl5'])
    expect(names('get pods --namespace=team', pods)[0]).toBe('pods team/web-5c94f75b5d-8wrb7')
  })

  it('-A: the namespace from the NAMESPACE column', () => {
    expect(names('get pods -A', podsA)).toEqual(['pods default/web-5c94f75b5d-8wrb7', 'pods kube-system/coredns-6f6b679f8f-abcde'])
  })

  it('several types (get all, a comma list): each table, type/name cells', () => {
    expect(names('get all', all)).toEqual(['pod default/web-5c94f75b5d-8wrb7', 'service default/kubernetes', 'deployment.apps default/web'])
    expect(names('get deploy,svc', all).length).toBe(3)
  })

  it('-o name lines; yaml and json have no names to open', () => {
    expect(names('get pods -o name', 'pod/a\npod/b\n')).toEqual(['pod default/a', 'pod default/b'])
    expect(names('get pods -oname', 'pod/a\n')).toEqual(['pod default/a'])
    expect(names('get pod web -o yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n')).toEqual([])
  })

  it('a watch: rows after the header, wider than it', () => {
    const w = 'NAME   READY   STATUS    RESTARTS   AGE\nweb    0/1     Pending   0          0s\nweb    0/1     ContainerCreating   0          1s\n'
    expect(names('get pods -w', w)).toEqual(['pods default/web', 'pods default/web'])
  })

  it('a tableless get (events: no NAME column) has none', () => {
    expect(names('get events', 'LAST SEEN   TYPE     REASON   OBJECT    MESSAGE\n20s   Normal   Pulled   pod/web   ok\n')).toEqual([])
  })

  it('apply, create, expose, scale: the kind/name at the start of each line', () => {
    expect(names('apply -f -', 'deployment.apps/web created\nservice/web unchanged\n')).toEqual(['deployment.apps default/web', 'service default/web'])
    expect(names('scale deployment web --replicas=3 -n team', 'deployment.apps/web scaled\n')).toEqual(['deployment.apps team/web'])
    expect(names('run web --image=nginx:1.27', 'pod/web created\n')).toEqual(['pod default/web'])
    expect(names('logs web', 'pod/x is a line the app wrote\n')).toEqual([])
    expect(names('logs web', '10.244.0.1 - - GET / 200\n')).toEqual([])
  })
})
